import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** "Quá hạn n ngày" on a task overdue at the list's date; nothing when it is not overdue. */
export function OverdueBadge({ daysOverdue }: { daysOverdue: number | null | undefined }) {
  const { t } = useI18n();
  if (!daysOverdue || daysOverdue <= 0) return null;
  return (
    <span className="badge overdue" data-testid="overdue-badge">
      {t('overdue.badge', { days: formatNumber(daysOverdue) })}
    </span>
  );
}
