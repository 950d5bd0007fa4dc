import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** Where the page is in the list, and the way to the others: no list stops silently. */
export function Pager({
  total,
  page,
  size,
  sizes,
  onPage,
  onSize,
}: {
  total: number;
  page: number;
  size: number;
  sizes: readonly number[];
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <div className="pager row" data-testid="pager">
      <span data-testid="pager-range">
        {t('list.range', {
          first: formatNumber(first),
          last: formatNumber(last),
          total: formatNumber(total),
        })}
      </span>
      <button
        type="button"
        className="secondary"
        data-testid="pager-previous"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('list.previous')}
      </button>
      <span data-testid="pager-page">{t('list.page', { page, pages })}</span>
      <button
        type="button"
        className="secondary"
        data-testid="pager-next"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('list.next')}
      </button>
      <label>
        {t('list.pageSize')}{' '}
        <select
          data-testid="pager-size"
          value={size}
          onChange={(event) => onSize(Number(event.target.value))}
        >
          {sizes.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
