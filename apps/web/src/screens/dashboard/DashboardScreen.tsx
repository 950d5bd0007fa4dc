import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { DashboardResponse, TaskListItem } from '../../api/types';
import { StackedBars, TrendLine } from '../../components/charts';
import { DataTable, type Column } from '../../components/DataTable';
import { ExportButtons } from '../../components/ExportButtons';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { StatsSummary } from '../../components/StatsSummary';
import { countColumns, rateColumns } from '../../components/stats-columns';
import { TILE_CLASSES, taskListLink } from '../../components/stats-links';
import { useAgencyNames } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { formatNumber, startOfYear, todayInVietnam } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { daysColumn, taskColumns } from '../tasks/task-columns';
import { DateInput } from '../../components/DateInput';

/** The first day the API counts from for "tính đến hôm nay" (DASHBOARD_BEGINNING). */
const DASHBOARD_BEGINNING = '1945-01-01';

const monthLabel = (key: string) => `${key.slice(5, 7)}/${key.slice(0, 4)}`;

const doneRate = (numerator: number, denominator: number) =>
  denominator === 0 ? null : Math.floor((numerator * 10000) / denominator) / 100;

/** One section's share of an answer, as Loading takes it. */
function usePart<T, P>(
  state: { data: T | undefined; error: unknown; loading: boolean },
  pick: (data: T) => P,
) {
  const { data, error, loading } = state;
  // `pick` is a fixed selector written inline: only a new answer gives a new part.
  const part = useMemo(() => (data === undefined ? undefined : pick(data)), [data]);
  return { data: part, error, loading };
}

/**
 * Leadership's overview: two aggregated calls in parallel (the dashboard's figures and overdue
 * list, the tasks due soon) — never one call per agency or per task.
 */
export function DashboardScreen() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const agencyName = useAgencyNames();
  const [from, setFrom] = useState(startOfYear);
  const [to, setTo] = useState(todayInVietnam);
  const [period, setPeriod] = useState({ from: startOfYear(), to: todayInVietnam() });

  // The figures at today, the period by agency and by month, and the overdue list are one
  // call: the API reads the tasks once for all of them.
  const dashboard = useAsync(
    () =>
      api<DashboardResponse>('/api/stats/dashboard', {
        query: { ...period, overdueLimit: 20 },
      }),
    [period],
  );
  const today = usePart(dashboard, (d) => d.current);
  const byAgency = usePart(dashboard, (d) => d.period.byAgency);
  const trend = usePart(dashboard, (d) => d.period.byMonth);
  const overdue = usePart(dashboard, (d) => d.overdue);
  const dueSoon = useAsync(
    () => api<{ items: TaskListItem[] }>('/api/tasks/due-soon', { query: { days: 7 } }),
    [],
  );

  // The lead agency by its name in the dashboard's task tables.
  const leadByName = (columns: Column<TaskListItem>[]): Column<TaskListItem>[] =>
    columns.map((column) =>
      column.key === 'lead'
        ? { ...column, render: (task: TaskListItem) => agencyName(task.leadAgency) }
        : column,
    );
  // The period's figures were counted for tasks assigned in [from, to] at asOf (the API says).
  const periodScope = useMemo(
    () =>
      dashboard.data && {
        from: dashboard.data.period.from,
        to: dashboard.data.period.to,
        at: dashboard.data.period.asOf,
      },
    [dashboard.data],
  );
  // "Tính đến hôm nay": every task assigned up to today, classified at today.
  const todayScope = useMemo(
    () =>
      dashboard.data && {
        from: DASHBOARD_BEGINNING,
        to: dashboard.data.today,
        at: dashboard.data.today,
      },
    [dashboard.data],
  );
  // An agency's row opens the list of the tasks it leads that the row counts.
  const openAgency = useCallback(
    (agency: string) => {
      if (!periodScope) return;
      void navigate(taskListLink({ ...periodScope, agency }, TILE_CLASSES.total));
    },
    [navigate, periodScope],
  );

  // Derived once per answer, not on every render: the five answers arrive one by one, and the
  // memoised charts redraw only when their own rows or labels change.
  const groups = useMemo(
    () =>
      [...(byAgency.data?.groups ?? [])].sort(
        (a, b) =>
          (b.stats.rates.doneOfAssigned.percent ?? -1) -
            (a.stats.rates.doneOfAssigned.percent ?? -1) || b.stats.total - a.stats.total,
      ),
    [byAgency.data],
  );
  const agencyBars = useMemo(
    () =>
      groups.map((g) => ({
        key: g.key,
        label: agencyName(g.key),
        onTime: g.stats.done.onTime,
        late: g.stats.done.late,
        within: g.stats.notDone.withinDeadline,
        overdue: g.stats.notDone.overdue,
      })),
    [groups, agencyName],
  );
  const agencySeries = useMemo(
    () => [
      { key: 'onTime', label: t('stats.doneOnTime'), color: '#047857' },
      { key: 'late', label: t('stats.doneLate'), color: '#d97706' },
      { key: 'within', label: t('stats.notDoneWithin'), color: '#2563eb' },
      { key: 'overdue', label: t('stats.notDoneOverdue'), color: '#b91c1c' },
    ],
    [t],
  );
  const trendRows = useMemo(
    () =>
      (trend.data?.groups ?? []).map((g) => ({
        label: monthLabel(g.key),
        doneOfAssigned: doneRate(
          g.stats.rates.doneOfAssigned.numerator,
          g.stats.rates.doneOfAssigned.denominator,
        ),
        doneOfDue: doneRate(g.stats.rates.doneOfDue.numerator, g.stats.rates.doneOfDue.denominator),
      })),
    [trend.data],
  );
  const trendSeries = useMemo(
    () => [
      { key: 'doneOfAssigned', label: t('stats.rateDoneOfAssigned'), color: '#7f1d1d' },
      { key: 'doneOfDue', label: t('stats.rateDoneOfDue'), color: '#2563eb' },
    ],
    [t],
  );

  return (
    <div data-testid="screen-dashboard">
      <h1>{t('dashboard.title')}</h1>
      <section className="card">
        <h2>{t('dashboard.today')}</h2>
        <Loading state={today}>
          {(data) => (
            <StatsSummary stats={data.scope} testId="stats-today" listScope={todayScope} />
          )}
        </Loading>
      </section>

      <section className="card">
        <h2>{t('dashboard.period')}</h2>
        <form
          className="row"
          data-testid="period-form"
          onSubmit={(event) => {
            event.preventDefault();
            setPeriod({ from, to });
          }}
        >
          <Field label={t('period.from')}>
            <DateInput testId="period-from" value={from} onChange={(value) => setFrom(value)} />
          </Field>
          <Field label={t('period.to')}>
            <DateInput testId="period-to" value={to} onChange={(value) => setTo(value)} />
          </Field>
          <button type="submit" data-testid="period-apply">
            {t('app.apply')}
          </button>
        </form>
        <Loading state={byAgency}>
          {(data) => (
            <>
              <StatsSummary stats={data.scope} testId="stats-period" listScope={periodScope} />
              <h2>{t('dashboard.byAgency')}</h2>
              {periodScope && (
                <ExportButtons
                  path="/api/stats/completion/export"
                  query={{ ...periodScope, at: undefined, asOf: periodScope.at, groupBy: 'agency' }}
                  fallbackName="thong-ke-theo-co-quan"
                  testId="agency-table-export"
                />
              )}
              <div className="grid-2">
                <DataTable
                  testId="agency-table"
                  rows={groups}
                  rowKey={(g) => g.key}
                  onRowClick={(g) => openAgency(g.key)}
                  columns={[
                    {
                      key: 'agency',
                      header: t('dashboard.agency'),
                      render: (g) => agencyName(g.key),
                    },
                    ...countColumns(t, ['total', 'onTime', 'late', 'within', 'overdue']),
                    ...rateColumns(t, [
                      'doneOfAssigned',
                      'doneOfDue',
                      'onTimeOfDone',
                      'overdueShare',
                    ]),
                  ]}
                />
                <StackedBars
                  testId="agency-chart"
                  onSelect={openAgency}
                  rows={agencyBars}
                  series={agencySeries}
                />
              </div>
            </>
          )}
        </Loading>
        <h2>{t('dashboard.trend')}</h2>
        {periodScope && (
          <ExportButtons
            path="/api/stats/completion/export"
            query={{ ...periodScope, at: undefined, asOf: periodScope.at, groupBy: 'month' }}
            fallbackName="thong-ke-theo-thang"
            testId="trend-table-export"
          />
        )}
        <Loading state={trend}>
          {(data) => (
            <div className="grid-2">
              {/* The figures come first; the chart of the same rows is drawn after them. */}
              <DataTable
                testId="trend-table"
                rows={data.groups ?? []}
                rowKey={(g) => g.key}
                columns={[
                  { key: 'month', header: t('dashboard.month'), render: (g) => monthLabel(g.key) },
                  ...rateColumns(t, ['doneOfAssigned', 'doneOfDue']),
                ]}
              />
              <TrendLine testId="trend-chart" rows={trendRows} series={trendSeries} />
            </div>
          )}
        </Loading>
      </section>

      <div className="grid-2">
        <section className="card">
          <h2>
            {t('dashboard.overdue')}
            {overdue.data ? ` (${formatNumber(overdue.data.total)})` : ''}
          </h2>
          <Loading state={overdue}>
            {(data) => (
              <DataTable
                testId="overdue-table"
                rows={data.items}
                rowKey={(task) => task.id}
                columns={[
                  ...leadByName(taskColumns(t).filter((c) => c.key !== 'status')),
                  daysColumn(t('task.daysOverdue'), (task) => task.daysOverdue),
                ]}
              />
            )}
          </Loading>
        </section>
        <section className="card">
          <h2>{t('dashboard.dueSoon')}</h2>
          <Loading state={dueSoon}>
            {(data) => (
              <DataTable
                testId="due-soon-table"
                rows={data.items}
                rowKey={(task) => task.id}
                columns={[
                  ...leadByName(taskColumns(t).filter((c) => c.key !== 'status')),
                  daysColumn(t('task.daysLeft'), (task) => task.daysLeft),
                ]}
              />
            )}
          </Loading>
        </section>
      </div>
    </div>
  );
}
