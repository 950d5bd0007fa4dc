import { api } from '../../api/client';
import type { TimelineEntry } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { formatDate, formatInstant } from '../../format/format';
import { useI18n } from '../../i18n/i18n';

/**
 * The task's timeline in sentences ("Gia hạn đến 28/02/2027 — lý do: …"), each with the day it
 * took effect, who entered it by name and agency, and when it was recorded. The words come from
 * the API (GET /api/tasks/:id/timeline); `version` reloads them after an action.
 */
export function TaskTimeline({ taskId, version }: { taskId: string; version?: number }) {
  const { t, language } = useI18n();
  const state = useAsync(
    () => api<TimelineEntry[]>(`/api/tasks/${taskId}/timeline`),
    [taskId, version],
  );
  return (
    <section data-testid="task-timeline-section">
      <h2>{t('task.timeline')}</h2>
      <Loading state={state}>
        {(entries) => (
          <DataTable
            testId="task-timeline"
            rows={entries}
            rowKey={(entry) => String(entry.position)}
            columns={[
              { key: 'when', header: t('task.when'), render: (e) => formatDate(e.occurredOn) },
              {
                key: 'event',
                header: t('task.event'),
                render: (e) => <strong>{e.label[language]}</strong>,
              },
              {
                key: 'sentence',
                header: t('timeline.what'),
                render: (e) => (
                  <span data-testid="task-timeline-sentence">{e.sentence[language]}</span>
                ),
              },
              { key: 'who', header: t('task.who'), render: (e) => e.who[language] },
              {
                key: 'recorded',
                header: t('task.recordedAt'),
                render: (e) => formatInstant(e.recordedAt),
              },
            ]}
          />
        )}
      </Loading>
    </section>
  );
}
