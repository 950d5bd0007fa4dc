import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, withQuery } from '../../api/client';
import type { Directive, Page, TaskTableItem, TaskTablePage } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataTable, type Column } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { useAgencies } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { formatDate, formatNumber, todayInVietnam } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { filtersInWords } from './filters-in-words';
import { taskColumns } from './task-columns';
import {
  apiQueryOf,
  defaultSort,
  filtersOf,
  paramsOf,
  SIZES,
  type ListFilters,
  type Sort,
} from './task-list-url';
import { TaskListFilters } from './TaskListFilters';

/**
 * Every task list (all, my agency's, overdue, due soon, awaiting confirmation): filters in the
 * URL, a total, pages, sorting, export as filtered and a printable page. With a class and a
 * period it is the list behind a figure of the statistics (a dashboard tile links here).
 */
export function TaskListScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const today = todayInVietnam();
  const query = apiQueryOf(filters, today, user?.agency ?? null);
  const { agencies, nameOf } = useAgencies();
  const directives = useAsync(
    () => api<Page<Directive>>('/api/directives', { query: { limit: 100 } }),
    [],
  );
  const state = useAsync(
    () => api<TaskTablePage>('/api/tasks/list', { query }),
    [JSON.stringify(query)],
  );
  const apply = (next: ListFilters) => setParams(paramsOf(next));
  const sort = {
    by: query.sort as Sort,
    dir: query.dir as 'asc' | 'desc',
    onSort: (by: string) => {
      const same = by === query.sort;
      const dir = same
        ? query.dir === 'asc'
          ? 'desc'
          : 'asc'
        : by === 'daysOverdue'
          ? 'desc'
          : 'asc';
      const preset = defaultSort(filters.view);
      const isDefault = by === preset.sort && dir === preset.dir;
      apply({
        ...filters,
        sort: isDefault ? '' : (by as Sort),
        dir: isDefault ? '' : dir,
        page: 1,
      });
    },
  };
  const directiveName = (id: string) =>
    directives.data?.items.find((d) => d.id === id)?.reference.text ?? '…';
  const at = state.data?.at ?? (filters.at || today);
  const words = filtersInWords(t, filters, at, {
    agency: nameOf,
    directive: directiveName,
  });
  const exportFile = (format: 'xlsx' | 'csv') =>
    void download(
      withQuery('/api/tasks/list/export', { ...query, page: undefined, size: undefined, format }),
      `danh-sach-nhiem-vu.${format}`,
    );
  const title = t(`list.view.${filters.view}` as MessageKey);

  const columns: Column<TaskTableItem>[] = [
    {
      key: 'index',
      header: 'STT',
      align: 'right',
      render: (task) =>
        formatNumber(
          (filters.page - 1) * filters.size + (state.data?.items.indexOf(task) ?? 0) + 1,
        ),
    },
    ...(taskColumns(t, nameOf) as Column<TaskTableItem>[]),
    {
      key: 'assignedOn',
      header: t('task.assignedOn'),
      sortKey: 'assignedOn',
      render: (task) => formatDate(task.assignedOn),
    },
    {
      key: 'leader',
      header: t('task.leaderInCharge'),
      render: (task) => task.leaderInCharge ?? '—',
    },
    {
      key: 'days',
      header: t('task.daysOverdue'),
      align: 'right',
      sortKey: 'daysOverdue',
      render: (task) => (task.daysOverdue > 0 ? formatNumber(task.daysOverdue) : ''),
    },
  ];

  return (
    <div data-testid="screen-tasks" className="task-list">
      <header className="print-heading">
        <h1 data-testid="list-title">{title}</h1>
        <p data-testid="list-filters-words">{words.join('; ')}</p>
        <p className="print-only" data-testid="list-printed-on">
          {t('list.printedOn', { date: formatDate(today) })}
        </p>
      </header>
      <TaskListFilters
        filters={filters}
        agencies={agencies}
        directives={directives.data?.items ?? []}
        onApply={apply}
      />
      <div className="actions no-print">
        <button type="button" data-testid="export-xlsx" onClick={() => exportFile('xlsx')}>
          {t('list.exportXlsx')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-csv"
          onClick={() => exportFile('csv')}
        >
          {t('list.exportCsv')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="print"
          onClick={() => window.print()}
        >
          {t('list.print')}
        </button>
      </div>
      <Loading state={state}>
        {(page) => (
          <>
            <p className="total" data-testid="list-total">
              {t('list.total', { count: formatNumber(page.total) })}
            </p>
            <DataTable
              testId="task-table"
              rows={page.items}
              rowKey={(task) => task.id}
              columns={columns}
              sort={sort}
            />
            <div className="no-print">
              <Pager
                total={page.total}
                page={page.page}
                size={page.size}
                sizes={SIZES}
                onPage={(n) => apply({ ...filters, page: n })}
                onSize={(n) => apply({ ...filters, size: n, page: 1 })}
              />
            </div>
          </>
        )}
      </Loading>
    </div>
  );
}
