import { api } from '../../api/client';
import type { Page, TaskListItem } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n';
import { actionsFor } from '../tasks/task-actions';
import { taskColumns } from '../tasks/task-columns';
import { TaskActions } from '../tasks/TaskActions';

/**
 * The staff inbox: new tasks to receive or refuse, then the tasks in progress with progress,
 * deadline change request and completion report. The API scopes both lists to the agency.
 */
export function MyTasksScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const inbox = useAsync(
    () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { status: 'assigned', role: 'lead', limit: 100 },
      }),
    [],
  );
  const working = useAsync(
    () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { status: 'in_progress,returned', limit: 100 },
      }),
    [],
  );
  const reload = () => {
    inbox.reload();
    working.reload();
  };
  const roles = user?.roles ?? [];
  const withActions = (testId: string) => ({
    key: 'actions',
    header: '',
    render: (task: TaskListItem) => (
      <div data-testid={testId}>
        <TaskActions taskId={task.id} actions={actionsFor(roles, task)} onDone={reload} />
      </div>
    ),
  });
  return (
    <div data-testid="screen-my-tasks">
      <h1>{t('myTasks.title')}</h1>
      <section className="card">
        <h2>{t('myTasks.inbox')}</h2>
        <Loading state={inbox}>
          {(page) => (
            <DataTable
              testId="inbox-table"
              rows={page.items}
              rowKey={(task) => task.id}
              columns={[...taskColumns(t), withActions('inbox-actions')]}
            />
          )}
        </Loading>
      </section>
      <section className="card">
        <h2>{t('myTasks.working')}</h2>
        <Loading state={working}>
          {(page) => (
            <DataTable
              testId="working-table"
              rows={page.items}
              rowKey={(task) => task.id}
              columns={[...taskColumns(t), withActions('working-actions')]}
            />
          )}
        </Loading>
      </section>
    </div>
  );
}
