import { useEffect, useMemo, useState } from 'react';
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

/** Rows a printout holds; beyond it the page says so and points to the workbook. */
const PRINT_LIMIT = 2000;
const PRINT_FETCH_SIZE = 100;

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
  // Printing prints the whole list as filtered, not the page on screen: the rows are fetched
  // page by page (at most PRINT_LIMIT), shown, printed, and the screen goes back to its page.
  const [printRows, setPrintRows] = useState<TaskTableItem[] | null>(null);
  const [preparingPrint, setPreparingPrint] = useState(false);
  const printList = async () => {
    const shown = state.data;
    if (!shown || shown.total <= shown.items.length) {
      window.print();
      return;
    }
    setPreparingPrint(true);
    try {
      const rows: TaskTableItem[] = [];
      const wanted = Math.min(shown.total, PRINT_LIMIT);
      for (let page = 1; rows.length < wanted; page += 1) {
        const next = await api<TaskTablePage>('/api/tasks/list', {
          query: { ...query, page, size: PRINT_FETCH_SIZE },
        });
        rows.push(...next.items);
        if (next.items.length < PRINT_FETCH_SIZE) break;
      }
      setPrintRows(rows.slice(0, wanted));
    } finally {
      setPreparingPrint(false);
    }
  };
  useEffect(() => {
    if (printRows === null) return;
    const done = () => setPrintRows(null);
    window.addEventListener('afterprint', done);
    window.print();
    return () => window.removeEventListener('afterprint', done);
  }, [printRows]);
  useEffect(() => setPrintRows(null), [search]);
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
          printRows !== null
            ? printRows.indexOf(task) + 1
            : (filters.page - 1) * filters.size + (state.data?.items.indexOf(task) ?? 0) + 1,
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
          disabled={preparingPrint}
          onClick={() => void printList()}
        >
          {preparingPrint ? t('list.preparingPrint') : t('list.print')}
        </button>
      </div>
      <Loading state={state}>
        {(page) => (
          <>
            <p className="total" data-testid="list-total">
              {t('list.total', { count: formatNumber(page.total) })}
            </p>
            {printRows !== null && (
              <p className="print-only" data-testid="list-printed-rows">
                {printRows.length < page.total
                  ? t('list.printedFirst', {
                      count: formatNumber(printRows.length),
                      total: formatNumber(page.total),
                    })
                  : t('list.printedAll', { count: formatNumber(printRows.length) })}
              </p>
            )}
            <DataTable
              testId="task-table"
              rows={printRows ?? page.items}
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
