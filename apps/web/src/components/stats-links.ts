/**
 * Links from a figure to the list behind it, with the task list's URL parameters (the shared
 * contract of issue 17): `class`, `from`, `to`, `at`, `agency`, `directive`. The list then shows
 * exactly the tasks the completion statistics counted in that class for that period at `at`.
 */

/** The classes a tile counts (DOMAIN.md "Classifying tasks at a cut-off date"). */
export const TILE_CLASSES = {
  total: [
    'done_on_time',
    'done_late',
    'done_no_deadline',
    'not_done_within_deadline',
    'not_done_overdue',
    'not_done_no_deadline',
  ],
  doneOnTime: ['done_on_time'],
  doneLate: ['done_late'],
  notDoneWithin: ['not_done_within_deadline'],
  notDoneOverdue: ['not_done_overdue'],
  noDeadline: ['done_no_deadline', 'not_done_no_deadline'],
  // A rate opens the tasks of its numerator: "25% (1/4)" opens the 1.
  rateDoneOfAssigned: ['done_on_time', 'done_late', 'done_no_deadline'],
  rateDoneOfDue: ['done_on_time', 'done_late', 'done_no_deadline'],
  rateOnTimeOfDone: ['done_on_time'],
  overdueShare: ['not_done_overdue'],
} as const;

export type TileKey = keyof typeof TILE_CLASSES;

/** The period and scope the figures were counted for. */
export interface StatsListScope {
  /** Tasks assigned from / to (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
  /** The cut-off date the tasks were classified at. */
  readonly at: string;
  readonly agency?: string;
  readonly units?: boolean;
  readonly directive?: string;
}

export function taskListLink(scope: StatsListScope, classes: readonly string[]): string {
  const query = new URLSearchParams();
  query.set('class', classes.join(','));
  query.set('from', scope.from);
  query.set('to', scope.to);
  query.set('at', scope.at);
  if (scope.agency) query.set('agency', scope.agency);
  if (scope.units) query.set('units', '1');
  if (scope.directive) query.set('directive', scope.directive);
  // Commas stay readable in a link people copy and send.
  return `/tasks?${query.toString().replace(/%2C/g, ',')}`;
}
