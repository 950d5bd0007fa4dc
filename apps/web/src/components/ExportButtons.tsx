import { download, withQuery } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * "Tải Excel" and "Tải CSV" for a list whose API has an `/export`: the file is fetched with the
 * token (a plain link cannot carry it) and saved under the name the server gives.
 */
export function ExportButtons(props: {
  path: string;
  query?: Parameters<typeof withQuery>[1];
  /** Used only when the server names no file. */
  fallbackName: string;
  testId: string;
}) {
  const { t } = useI18n();
  const save = (format: 'xlsx' | 'csv') =>
    void download(
      withQuery(props.path, { ...props.query, format }),
      `${props.fallbackName}.${format}`,
    );
  return (
    <div className="actions no-print">
      <button type="button" data-testid={`${props.testId}-xlsx`} onClick={() => save('xlsx')}>
        {t('list.exportXlsx')}
      </button>
      <button
        type="button"
        className="secondary"
        data-testid={`${props.testId}-csv`}
        onClick={() => save('csv')}
      >
        {t('list.exportCsv')}
      </button>
    </div>
  );
}
