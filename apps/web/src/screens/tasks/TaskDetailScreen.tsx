import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { Agency, HistoryEntry, TaskDetail } from '../../api/types';
import { useSession } from '../../auth/session';
import { Loading } from '../../components/Loading';
import { OverdueBadge } from '../../components/OverdueBadge';
import { useAsync } from '../../components/use-async';
import { formatDate, formatNumber } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { actionsAllowed } from './task-actions';
import { statusLabel } from './task-columns';
import { ActionDone, TaskActions } from './TaskActions';
import { TaskNotices } from './TaskNotices';
import { TaskTimeline } from './TaskTimeline';

/**
 * All fields of a task and its full timeline from the log (one call each); what the agency must
 * know (a returned report's reason, urges received, a report awaiting confirmation); and the
 * actions the server says the user may take, each confirmed in words once done.
 */
export function TaskDetailScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const [done, setDone] = useState<MessageKey | null>(null);
  const state = useAsync(
    () =>
      Promise.all([
        api<TaskDetail & { allowedActions: string[]; classToday?: { daysOverdue: number } | null }>(
          `/api/tasks/${id}`,
        ),
        api<HistoryEntry[]>(`/api/tasks/${id}/history`),
        api<Agency[]>('/api/agencies'),
      ]),
    [id],
  );

  return (
    <div data-testid="screen-task-detail">
      <ActionDone done={done} />
      <Loading state={state}>
        {([task, history, agencies]) => {
          const names = new Map(agencies.map((agency) => [agency.code, agency.name]));
          const nameOf = (code: string) => names.get(code) ?? code;
          const pending = task.pendingRequestId ? task.requests[task.pendingRequestId] : undefined;
          const fields: [string, string][] = [
            [t('task.directive'), task.directiveReference],
            [t('task.status'), statusLabel(t, task.status)],
            [t('task.leadAgency'), nameOf(task.leadAgency)],
            [t('task.supportAgencies'), task.supportAgencies.map(nameOf).join(', ') || '—'],
            [t('task.leaderInCharge'), task.leaderInCharge ?? '—'],
            [t('task.assignedOn'), formatDate(task.assignedOn)],
            [t('task.receivedOn'), formatDate(task.receivedOn)],
            [
              t('task.originalDeadline'),
              task.originalDeadline ? formatDate(task.originalDeadline) : t('task.noDeadline'),
            ],
            [t('task.deadline'), task.deadline ? formatDate(task.deadline) : t('task.noDeadline')],
            [t('task.deadlineChanges'), formatNumber(task.deadlineChanges)],
            [t('task.progress'), task.progress === null ? '—' : `${formatNumber(task.progress)}%`],
            [t('task.keyTask'), task.keyTask ? '✓' : '—'],
            [t('task.workProgrammeItem'), task.workProgrammeItem ? '✓' : '—'],
            [t('task.completedOn'), formatDate(task.completion?.completedOn)],
            [t('task.resultDocument'), task.completion?.resultDocument ?? '—'],
            [t('task.confirmedOn'), formatDate(task.completion?.confirmedOn)],
            [t('task.urged'), formatNumber(task.urgeCount)],
          ];
          return (
            <>
              <h1 data-testid="task-title">{task.title}</h1>
              <OverdueBadge daysOverdue={task.classToday?.daysOverdue ?? 0} />
              <section className="card">
                <dl className="fields" data-testid="task-fields">
                  {fields.map(([label, value]) => (
                    <div key={label} style={{ display: 'contents' }}>
                      <dt>{label}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              <TaskNotices task={task} history={history} nameOf={nameOf} />
              {pending && (
                <section className="card" data-testid="pending-request">
                  <h2>{t('task.pendingRequest')}</h2>
                  <p>
                    {pending.kind === 'withdrawal'
                      ? t('tracking.withdrawal')
                      : `${t('field.proposedDeadline')}: ${formatDate(pending.proposedDeadline)}`}{' '}
                    — {t('field.reason')}: {pending.reason} ({formatDate(pending.requestedOn)})
                  </p>
                </section>
              )}
              {user && (
                <TaskActions
                  taskId={task.id}
                  requestId={task.pendingRequestId ?? undefined}
                  actions={actionsAllowed(task.allowedActions)}
                  onDone={(message) => {
                    setDone(message);
                    state.reload();
                  }}
                />
              )}
              <TaskTimeline taskId={task.id} version={task.version} />
            </>
          );
        }}
      </Loading>
    </div>
  );
}
