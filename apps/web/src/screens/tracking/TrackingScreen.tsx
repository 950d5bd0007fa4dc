import { api } from '../../api/client';
import type { Page, TaskListItem } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { TASK_ACTIONS } from '../tasks/task-actions';
import { daysColumn, taskColumns } from '../tasks/task-columns';
import { TaskActions } from '../tasks/TaskActions';

/**
 * The tracking office's three queues: completions to confirm or return, deadline change
 * requests to approve or reject, overdue tasks to urge.
 */
export function TrackingScreen() {
  const { t } = useI18n();
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
  const reload = () => {
    awaiting.reload();
    requests.reload();
    overdue.reload();
  };
  return (
    <div data-testid="screen-tracking">
      <h1>{t('tracking.title')}</h1>
      <section className="card">
        <h2>{t('tracking.awaiting')}</h2>
        <Loading state={awaiting}>
          {(page) => (
            <DataTable
              testId="awaiting-table"
              rows={page.items}
              rowKey={(task) => task.id}
              columns={[
                ...taskColumns(t),
                {
                  key: 'actions',
                  header: '',
                  render: (task) => (
                    <TaskActions
                      taskId={task.id}
                      actions={[TASK_ACTIONS.confirm, TASK_ACTIONS.returnCompletion]}
                      onDone={reload}
                    />
                  ),
                },
              ]}
            />
          )}
        </Loading>
      </section>
      <section className="card">
        <h2>{t('tracking.requests')}</h2>
        <Loading state={requests}>
          {(page) => (
            <DataTable
              testId="requests-table"
              rows={page.items}
              rowKey={(task) => task.id}
              columns={[
                ...taskColumns(t),
                {
                  key: 'proposed',
                  header: t('tracking.proposedDeadline'),
                  render: ({ pendingRequest: r }) =>
                    r?.kind === 'withdrawal'
                      ? t('tracking.withdrawal')
                      : formatDate(r?.proposedDeadline),
                },
                {
                  key: 'reason',
                  header: t('field.reason'),
                  render: (task) => task.pendingRequest?.reason,
                },
                {
                  key: 'requested',
                  header: t('tracking.requestedOn'),
                  render: (task) =>
                    `${formatDate(task.pendingRequest?.requestedOn)} · ${task.pendingRequest?.agency ?? ''}`,
                },
                {
                  key: 'actions',
                  header: '',
                  render: (task) => (
                    <TaskActions
                      taskId={task.id}
                      requestId={task.pendingRequest?.requestId}
                      actions={[TASK_ACTIONS.approve, TASK_ACTIONS.reject]}
                      onDone={reload}
                    />
                  ),
                },
              ]}
            />
          )}
        </Loading>
      </section>
      <section className="card">
        <h2>{t('tracking.overdue')}</h2>
        <Loading state={overdue}>
          {(data) => (
            <DataTable
              testId="urge-table"
              rows={data.items}
              rowKey={(task) => task.id}
              columns={[
                ...taskColumns(t),
                daysColumn(t('task.daysOverdue'), (task) => task.daysOverdue),
                {
                  key: 'actions',
                  header: '',
                  render: (task) => (
                    <TaskActions taskId={task.id} actions={[TASK_ACTIONS.urge]} onDone={reload} />
                  ),
                },
              ]}
            />
          )}
        </Loading>
      </section>
    </div>
  );
}
