import type { HistoryEntry, TaskDetail } from '../../api/types';
import { formatDate, formatInstant } from '../../format/format';
import { useI18n } from '../../i18n/i18n';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * What the agency must see at the top of its task, from the task and its log: a completion
 * report awaiting the office's confirmation, the reason a report was returned, and the urges
 * received (when, how, what was said, by whom).
 */
export function TaskNotices({
  task,
  history,
  nameOf,
}: {
  task: TaskDetail;
  history: HistoryEntry[];
  nameOf: (code: string) => string;
}) {
  const { t } = useI18n();
  const returned = [...history].reverse().find((e) => e.type === 'TaskCompletionReturned');
  const urges = history.filter((e) => e.type === 'TaskUrged').reverse();
  // An auditor tells history brought in from a list from work entered live.
  const imported = history.filter((e) => e.imported);
  const who = (e: HistoryEntry) =>
    [e.actorName, e.actorAgency ? nameOf(e.actorAgency) : null].filter(Boolean).join(', ');

  return (
    <>
      {imported.length > 0 && (
        <section className="card notice" data-testid="imported-note">
          <p>
            {t('notice.imported', {
              row: String(imported[0].imported?.row ?? '—'),
              at: formatInstant(imported[0].recordedAt),
              count: String(imported.length),
            })}
          </p>
        </section>
      )}
      {task.status === 'awaiting_confirmation' && task.completion && (
        <section className="card notice" data-testid="awaiting-note">
          <p>
            {t('notice.awaiting', {
              reportedOn: formatDate(task.completion.reportedOn),
              document: task.completion.resultDocument,
            })}
          </p>
        </section>
      )}
      {task.status === 'returned' && returned && (
        <section className="card notice notice-warning" data-testid="return-reason">
          <h2>{t('notice.returnedTitle')}</h2>
          <p>
            {t('notice.returned', {
              on: formatDate(returned.occurredOn),
              reason: text(returned.data.reason),
            })}
          </p>
        </section>
      )}
      {urges.length > 0 && (
        <section className="card notice" data-testid="urges-received">
          <h2>{t('notice.urgesTitle', { count: urges.length })}</h2>
          <ul>
            {urges.map((urge) => (
              <li key={urge.position}>
                {formatDate(urge.occurredOn)} — {t(urgeKindKey(text(urge.data.kind)))}
                {text(urge.data.message) && `: “${text(urge.data.message)}”`}
                {who(urge) && ` (${who(urge)})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function urgeKindKey(kind: string) {
  if (kind === 'before_deadline') return 'urge.before_deadline' as const;
  if (kind === 'no_report') return 'urge.no_report' as const;
  return 'urge.overdue' as const;
}
