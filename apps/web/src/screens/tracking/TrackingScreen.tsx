import { useState } from 'react';
import { api } from '../../api/client';
import type { Agency, Page, TaskListItem } from '../../api/types';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { TASK_ACTIONS } from '../tasks/task-actions';
import { daysColumn } from '../tasks/task-columns';
import { ActionDone } from '../tasks/TaskActions';
import { TaskQueue } from './TaskQueue';

/**
 * The tracking office's three queues: completions to confirm or return, deadline change
 * requests to approve or reject, overdue tasks to urge.
 */
export function TrackingScreen() {
  const { t } = useI18n();
  const [done, setDone] = useState<MessageKey | null>(null);
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const agencyName = (code: string | undefined) =>
    code === undefined ? '' : (agencies.data?.find((a) => a.code === code)?.name ?? code);
  const awaiting = useAsync(
    () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { status: 'awaiting_confirmation', limit: 100 },
      }),
    [],
  );
  const requests = useAsync(
    () => api<Page<TaskListItem>>('/api/tasks', { query: { pendingRequest: true, limit: 100 } }),
    [],
  );
  const overdue = useAsync(
    () =>
      api<{ total: number; items: TaskListItem[] }>('/api/tasks/overdue', {
        query: { limit: 100 },
      }),
    [],
  );
  // The queues' forms pass the sentence that confirms what was done (see TaskActions).
  const reload = (message?: MessageKey) => {
    setDone(message ?? null);
    awaiting.reload();
    requests.reload();
    overdue.reload();
  };
  return (
    <div data-testid="screen-tracking">
      <h1>{t('tracking.title')}</h1>
      <ActionDone done={done} />
      <TaskQueue
        title="tracking.awaiting"
        testId="awaiting-table"
        state={awaiting}
        actions={[TASK_ACTIONS.confirm, TASK_ACTIONS.returnCompletion]}
        onDone={reload}
      />
      <TaskQueue
        title="tracking.requests"
        testId="requests-table"
        state={requests}
        columns={[
          {
            key: 'proposed',
            header: t('tracking.proposedDeadline'),
            render: ({ pendingRequest: r }) =>
              r?.kind === 'withdrawal' ? t('tracking.withdrawal') : formatDate(r?.proposedDeadline),
          },
          {
            key: 'reason',
            header: t('field.reason'),
            render: (task) => task.pendingRequest?.reason,
          },
          {
            key: 'requestedOn',
            header: t('tracking.requestedOn'),
            render: (task) => formatDate(task.pendingRequest?.requestedOn),
          },
          {
            key: 'requestedBy',
            header: t('tracking.requestedBy'),
            render: (task) => agencyName(task.pendingRequest?.agency),
          },
        ]}
        actions={[TASK_ACTIONS.approve, TASK_ACTIONS.reject]}
        requestIdOf={(task) => task.pendingRequest?.requestId}
        onDone={reload}
      />
      <TaskQueue
        title="tracking.overdue"
        testId="urge-table"
        state={overdue}
        columns={[daysColumn(t('task.daysOverdue'), (task) => task.daysOverdue)]}
        actions={[TASK_ACTIONS.urge]}
        bulkUrge
        onDone={reload}
      />
    </div>
  );
}
