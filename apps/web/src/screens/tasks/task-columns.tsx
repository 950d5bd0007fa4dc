import { Link } from 'react-router';
import type { TaskListItem } from '../../api/types';
import type { Column } from '../../components/DataTable';
import { OverdueBadge } from '../../components/OverdueBadge';
import { formatDate, formatNumber } from '../../format/format';
import type { Translate } from '../../i18n/i18n';
import { DICTIONARIES, type MessageKey } from '../../i18n/dictionary';

export const statusLabel = (t: Translate, status: string): string =>
  t(`status.${status}` as MessageKey);

/** A log entry's type in words; a type this build does not know is shown as it is. */
export const eventLabel = (t: Translate, type: string): string => {
  const key = `event.${type}`;
  return key in DICTIONARIES.vi ? t(key as MessageKey) : type;
};

/** The columns most task tables share; screens add their own (days overdue, actions). */
export function taskColumns(
  t: Translate,
  nameOf: (code: string) => string = (code) => code,
): Column<TaskListItem>[] {
  return [
    {
      key: 'title',
      header: t('task.title'),
      sortKey: 'title',
      render: (task) => (
        <>
          <Link to={`/tasks/${task.id}`} data-testid="task-link">
            {task.title}
          </Link>
          {task.keyTask && <span className="badge key"> {t('task.keyTask')}</span>}
        </>
      ),
    },
    { key: 'ref', header: t('task.directive'), render: (task) => task.directiveReference },
    {
      key: 'lead',
      header: t('task.leadAgency'),
      sortKey: 'agency',
      render: (task) => task.leadAgencyName ?? nameOf(task.leadAgency),
    },
    {
      key: 'deadline',
      header: t('task.deadline'),
      sortKey: 'deadline',
      render: (task) => (
        <>
          {task.deadline ? formatDate(task.deadline) : t('task.noDeadline')}{' '}
          <OverdueBadge daysOverdue={task.daysOverdue} />
        </>
      ),
    },
    { key: 'status', header: t('task.status'), render: (task) => statusLabel(t, task.status) },
  ];
}

export const daysColumn = (
  header: string,
  value: (task: TaskListItem) => number | undefined,
): Column<TaskListItem> => ({
  key: 'days',
  header,
  align: 'right',
  render: (task) => formatNumber(value(task)),
});
