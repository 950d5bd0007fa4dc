import type { CompletionStats } from '../api/types';
import { formatNumber } from '../format/format';
import type { Translate } from '../i18n/i18n';
import type { Column } from './DataTable';

/** A row of figures per group (agency, month …), as the statistics and reports give them. */
interface StatsGroup {
  key: string;
  label: string;
  stats: CompletionStats;
}

type Rate = keyof CompletionStats['rates'];

const RATE_HEADERS = {
  doneOfAssigned: 'stats.rateDoneOfAssigned',
  doneOfDue: 'stats.rateDoneOfDue',
  onTimeOfDone: 'stats.rateOnTimeOfDone',
  overdueShare: 'stats.overdueShare',
} as const;

/** Rate columns as DOMAIN.md writes rates ("100%", "98,62%", "—"). */
export const rateColumns = <G extends StatsGroup>(
  t: Translate,
  rates: readonly Rate[] = ['doneOfAssigned', 'doneOfDue', 'onTimeOfDone'],
): Column<G>[] =>
  rates.map((rate) => ({
    key: rate,
    header: t(RATE_HEADERS[rate]),
    align: 'right',
    // An older report snapshot has no overdue share: a dash, never a figure made up here.
    render: (g) => g.stats.rates[rate]?.display ?? '—',
  }));

/** The count columns: total and the four classes. */
export const countColumns = <G extends StatsGroup>(
  t: Translate,
  counts: readonly ('total' | 'onTime' | 'late' | 'within' | 'overdue')[],
): Column<G>[] => {
  const all = {
    total: ['stats.total', (s: CompletionStats) => s.total],
    onTime: ['stats.doneOnTime', (s: CompletionStats) => s.done.onTime],
    late: ['stats.doneLate', (s: CompletionStats) => s.done.late],
    within: ['stats.notDoneWithin', (s: CompletionStats) => s.notDone.withinDeadline],
    overdue: ['stats.notDoneOverdue', (s: CompletionStats) => s.notDone.overdue],
  } as const;
  return counts.map((count) => ({
    key: count,
    header: t(all[count][0]),
    align: 'right',
    render: (g) => formatNumber(all[count][1](g.stats)),
  }));
};
