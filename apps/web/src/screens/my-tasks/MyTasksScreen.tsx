import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, TaskListItem } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { staffActionsFor } from '../tasks/task-actions';
import { taskColumns } from '../tasks/task-columns';
import { ActionDone, TaskActions } from '../tasks/TaskActions';

/**
 * The staff inbox: new tasks to receive or refuse; the tasks in progress with progress, deadline
 * change request and completion report; and the tasks whose completion awaits the office's
 * confirmation, which stay in sight until it is confirmed or returned. The API scopes the
 * lists to the agency; a task's title opens its page (a link: keyboard and all).
 */
export function MyTasksScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const [done, setDone] = useState<MessageKey | null>(null);
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
  const awaiting = useAsync(
    () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { status: 'awaiting_confirmation', role: 'lead', limit: 100 },
      }),
    [],
  );
  const reload = (message: MessageKey) => {
    setDone(message);
    inbox.reload();
    working.reload();
    awaiting.reload();
  };
  // Urges received, for every task on the screen, in one call once the lists are in.
  const shownIds = [inbox, working, awaiting]
    .flatMap((state) => state.data?.items ?? [])
    .map((task) => task.id);
  const urges = useAsync(
    () =>
      shownIds.length === 0
        ? Promise.resolve([])
        : api<{ id: string; urgeCount: number; lastUrgedOn: string | null }[]>('/api/task-urges', {
            query: { ids: shownIds.join(',') },
          }),
    [shownIds.join(',')],
  );
  const urgeColumn = {
    key: 'urges',
    header: t('myTasks.urges'),
    render: (task: TaskListItem) => {
      const urged = urges.data?.find((u) => u.id === task.id);
      if (!urged || urged.urgeCount === 0) return '—';
      return (
        <span className="badge urged" data-testid="urge-cell">
          {t('myTasks.urged', {
            count: urged.urgeCount,
            on: formatDate(urged.lastUrgedOn),
          })}
        </span>
      );
    },
  };
  const agency = user?.agency ?? null;
  const withActions = (testId: string) => ({
    key: 'actions',
    header: '',
    render: (task: TaskListItem) => (
      <div data-testid={testId}>
        <TaskActions taskId={task.id} actions={staffActionsFor(agency, task)} onDone={reload} />
      </div>
    ),
  });
  const section = (
    title: MessageKey,
    testId: string,
    state: typeof inbox,
    actionsTestId: string | null,
  ) => (
    <section className="card">
      <h2>{t(title)}</h2>
      <Loading state={state}>
        {(page) => (
          <DataTable
            testId={testId}
            rows={page.items}
            rowKey={(task) => task.id}
            columns={[
              ...taskColumns(t),
              urgeColumn,
              ...(actionsTestId ? [withActions(actionsTestId)] : []),
            ]}
          />
        )}
      </Loading>
    </section>
  );
  return (
    <div data-testid="screen-my-tasks">
      <h1>{t('myTasks.title')}</h1>
      <ActionDone done={done} />
      {section('myTasks.inbox', 'inbox-table', inbox, 'inbox-actions')}
      {section('myTasks.working', 'working-table', working, 'working-actions')}
      {section('myTasks.awaiting', 'awaiting-table', awaiting, null)}
    </div>
  );
}
