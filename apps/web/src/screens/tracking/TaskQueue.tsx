import { useState } from 'react';
import { Link } from 'react-router';
import type { Column } from '../../components/DataTable';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAgencies } from '../../components/use-agency-names';
import type { TaskListItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import type { TaskAction } from '../tasks/task-actions';
import { taskColumns } from '../tasks/task-columns';
import { TaskActions } from '../tasks/TaskActions';
import { BulkUrge, RowCheckbox } from './BulkUrge';

/** The task list view that holds the whole of a queue (a queue shows its first 100). */
const FULL_LIST: Partial<Record<MessageKey, string>> = {
  'tracking.awaiting': '/tasks?view=awaiting',
  'tracking.overdue': '/tasks?view=overdue',
};

/**
 * One of the tracking office's queues: the tasks with what the queue needs to show, and on each
 * the actions that take it out of the queue.
 */
export function TaskQueue({
  title,
  testId,
  state,
  columns = [],
  actions,
  requestIdOf,
  bulkUrge = false,
  onDone,
}: {
  title: MessageKey;
  testId: string;
  state: { data: { items: TaskListItem[] } | undefined; error: unknown; loading: boolean };
  columns?: Column<TaskListItem>[];
  actions: TaskAction[];
  requestIdOf?: (task: TaskListItem) => string | undefined;
  /** A checkbox per row and "Đôn đốc các nhiệm vụ đã chọn" (the overdue queue). */
  bulkUrge?: boolean;
  onDone: () => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { t } = useI18n();
  // Agencies by name, and (in taskColumns) the overdue badge on every task overdue today.
  const { nameOf } = useAgencies();
  return (
    <section className="card">
      <h2>{t(title)}</h2>
      {FULL_LIST[title] && (
        <p className="no-print">
          <Link to={FULL_LIST[title]} data-testid={`${testId}-full-list`}>
            {t('list.seeAll')}
          </Link>
        </p>
      )}
      <Loading state={state}>
        {(page) => (
          <>
            {bulkUrge && (
              <BulkUrge
                tasks={page.items}
                selected={selected}
                onSelect={setSelected}
                onDone={() => onDone()}
              />
            )}
            <DataTable
              testId={testId}
              rows={page.items}
              rowKey={(task) => task.id}
              columns={[
                ...(bulkUrge
                  ? [
                      {
                        key: 'select',
                        header: '',
                        render: (task: TaskListItem) => (
                          <RowCheckbox task={task} selected={selected} onSelect={setSelected} />
                        ),
                      },
                    ]
                  : []),
                ...taskColumns(t, nameOf),
                ...columns,
                {
                  key: 'actions',
                  header: '',
                  render: (task) => (
                    <TaskActions
                      taskId={task.id}
                      requestId={requestIdOf?.(task)}
                      actions={actions}
                      onDone={onDone}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </Loading>
    </section>
  );
}
