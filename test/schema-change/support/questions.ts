/**
 * The fixed questions put to the province log. Cut-offs sit on both sides of reassignments
 * (T09 leaves STTTT on 05/03, T08 reaches SKHDT on 02/04, T10 reaches STTTT-CNTT on 10/06) and
 * known-at instants sit before back-dated entries were typed in. No answer depends on the clock.
 */
import { endOfVietnamDay, type CalendarDate } from '@chidao/domain';
import type { CompletionStatsQuery, DashboardQuery } from '@chidao/projections';
import type { StatsKnownAtQuery } from '@chidao/audit';
import { CTR_ID, TB_ID, TRACKER, vn } from './province-register';

const Y0 = '2024-01-01';
const Y1 = '2024-12-31';
const year = { from: Y0, to: Y1 };

/** After every entry of the log: "as the log holds it now", without reading the clock. */
export const KNOWN_LATER = '2025-02-01T00:00:00.000Z';

export const STATISTICS: Readonly<Record<string, CompletionStatsQuery>> = {
  yearByAgency: { ...year, asOf: Y1, groupBy: 'agency' },
  yearByDirective: { ...year, asOf: Y1, groupBy: 'directive' },
  yearByLeader: { ...year, asOf: Y1, groupBy: 'leader' },
  yearByMonth: { ...year, asOf: Y1, groupBy: 'month' },
  quarter1ByAgency: { from: Y0, to: '2024-03-31', asOf: '2024-03-31', groupBy: 'agency' },
  quarter2ByAgency: { from: '2024-04-01', to: '2024-06-30', asOf: '2024-06-30', groupBy: 'agency' },
  asOfMidYearByAgency: { ...year, asOf: '2024-06-30', groupBy: 'agency' },
  asOf20JuneByAgency: { ...year, asOf: '2024-06-20', groupBy: 'agency' },
  stttt: { ...year, asOf: Y1, leadAgencies: ['STTTT'] },
  stttt4March: { ...year, asOf: '2024-03-04', leadAgencies: ['STTTT'] },
  stttt5March: { ...year, asOf: '2024-03-05', leadAgencies: ['STTTT'] },
  sttttMidYear: { ...year, asOf: '2024-06-30', leadAgencies: ['STTTT'] },
  sttttWithUnit: { ...year, asOf: Y1, leadAgencies: ['STTTT', 'STTTT-CNTT'], groupBy: 'agency' },
  skhdt1April: { ...year, asOf: '2024-04-01', leadAgencies: ['SKHDT'] },
  skhdt2April: { ...year, asOf: '2024-04-02', leadAgencies: ['SKHDT'] },
  programmeByAgency: { ...year, asOf: Y1, directiveId: CTR_ID, groupBy: 'agency' },
  conclusionsMidYear: { ...year, asOf: '2024-06-30', directiveId: TB_ID, groupBy: 'agency' },
};

export const DASHBOARDS: Readonly<Record<string, DashboardQuery>> = {
  province: { today: Y1, ...year, overdueScope: {}, overdueLimit: 20 },
  stttt: {
    today: Y1,
    ...year,
    leadAgencies: ['STTTT'],
    overdueScope: { leadAgencies: ['STTTT'] },
    overdueLimit: 20,
  },
};

/** Every reassigned task is read at these cut-offs, as the log holds it now. */
export const TASK_CUT_OFFS: readonly string[] = ['2024-03-31', '2024-06-30', Y1];

/** Each before a back-dated entry of the task was typed in. */
export const TASKS_KNOWN_EARLIER: readonly { label: string; asOf: string; knownAt: string }[] = [
  // The reassignment dated 05/03 was entered on 20/03.
  { label: 'T09', asOf: '2024-03-10', knownAt: vn('2024-03-15 10:00') },
  // The second reassignment dated 10/06 was entered on 24/06.
  { label: 'T10', asOf: '2024-06-20', knownAt: vn('2024-06-20 17:00') },
  // The reassignment dated 18/04 was entered on 06/05.
  { label: 'T24', asOf: '2024-04-30', knownAt: vn('2024-05-01 10:00') },
  // The completion dated 12/12 and its confirmation were entered on 08/01/2025.
  { label: 'T22', asOf: Y1, knownAt: endOfVietnamDay(Y1 as CalendarDate) },
];

export const DIRECTIVES_AS_OF = {
  programmeMidYear: { directiveId: CTR_ID, asOf: '2024-06-30', knownAt: KNOWN_LATER },
  conclusionsKnown1May: { directiveId: TB_ID, asOf: '2024-04-30', knownAt: vn('2024-05-01 10:00') },
} as const;

export const STATISTICS_KNOWN_AT: Readonly<Record<string, StatsKnownAtQuery>> = {
  known20June: { ...year, asOf: '2024-06-20', groupBy: 'agency', knownAt: vn('2024-06-20 17:00') },
  yearKnownAtYearEnd: {
    ...year,
    asOf: Y1,
    groupBy: 'agency',
    knownAt: endOfVietnamDay(Y1 as CalendarDate),
  },
  yearKnownLater: { ...year, asOf: Y1, groupBy: 'agency', knownAt: KNOWN_LATER },
};

export const LATE_ENTRY_THRESHOLDS: readonly number[] = [7, 1];
export const LATE_ENTRY_PERIOD = year;

/** Report snapshots are taken by the tracking office at this instant. */
export const REPORT_TAKEN_AT = '2025-01-15T02:00:00.000Z';
export const REPORT_TAKEN_BY = { userId: TRACKER.userId, displayName: 'Văn phòng UBND tỉnh' };

/** SKHDT led T07 and T20 before their reassignment: those events name it as previous lead only. */
export const EXPORT_AGENCY = 'SKHDT';
