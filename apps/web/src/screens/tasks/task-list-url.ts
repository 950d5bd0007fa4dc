/**
 * The task list's filters as the URL holds them (docs/web.md, "The task list URL"), so a view
 * can be bookmarked and sent, and the same filters as GET /api/tasks/list takes them.
 */
import { addDays, type CalendarDate } from '@chidao/domain';
import type { TaskClass } from '../../api/types';

export const VIEWS = ['all', 'agency', 'overdue', 'due-soon', 'awaiting'] as const;
export type View = (typeof VIEWS)[number];
export const SORTS = ['deadline', 'assignedOn', 'agency', 'daysOverdue', 'title'] as const;
export type Sort = (typeof SORTS)[number];
export const SIZES = [25, 50, 100] as const;
export const CLASSES: readonly TaskClass[] = [
  'done_on_time',
  'done_late',
  'done_no_deadline',
  'not_done_within_deadline',
  'not_done_overdue',
  'not_done_no_deadline',
];
/** Statuses in which a task is still to be done (the "due soon" view). */
const OPEN_STATUSES = [
  'assigned',
  'refused',
  'in_progress',
  'awaiting_confirmation',
  'returned',
  'on_hold',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ListFilters {
  view: View;
  agency: string;
  units: boolean;
  directive: string;
  leader: string;
  key: boolean;
  q: string;
  from: string;
  to: string;
  at: string;
  classes: TaskClass[];
  deadlineFrom: string;
  deadlineTo: string;
  status: string[];
  sort: Sort | '';
  dir: 'asc' | 'desc' | '';
  page: number;
  size: number;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);
const date = (value: string | null): string => (value && DATE.test(value) ? value : '');
const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** What the URL says; anything it holds that is not a filter is ignored, not an error. */
export function filtersOf(params: URLSearchParams): ListFilters {
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  return {
    view: oneOf(VIEWS, params.get('view')) ?? 'all',
    agency: params.get('agency') ?? '',
    units: params.get('units') === '1',
    directive: params.get('directive') ?? '',
    leader: params.get('leader') ?? '',
    key: params.get('key') === '1',
    q: params.get('q') ?? '',
    from: date(params.get('from')),
    to: date(params.get('to')),
    at: date(params.get('at')),
    classes: list(params.get('class')).filter((c): c is TaskClass =>
      CLASSES.includes(c as TaskClass),
    ),
    deadlineFrom: date(params.get('deadlineFrom')),
    deadlineTo: date(params.get('deadlineTo')),
    status: list(params.get('status')),
    sort: oneOf(SORTS, params.get('sort')) ?? '',
    dir: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: (SIZES as readonly number[]).includes(size) ? size : 25,
  };
}

/** The URL's parameters for these filters: only what differs from the defaults. */
export function paramsOf(f: ListFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.view !== 'all') out.view = f.view;
  if (f.agency) out.agency = f.agency;
  if (f.agency && f.units) out.units = '1';
  if (f.directive) out.directive = f.directive;
  if (f.leader) out.leader = f.leader;
  if (f.key) out.key = '1';
  if (f.q) out.q = f.q;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.at) out.at = f.at;
  if (f.classes.length) out.class = f.classes.join(',');
  if (f.deadlineFrom) out.deadlineFrom = f.deadlineFrom;
  if (f.deadlineTo) out.deadlineTo = f.deadlineTo;
  if (f.status.length) out.status = f.status.join(',');
  if (f.sort) out.sort = f.sort;
  if (f.dir) out.dir = f.dir;
  if (f.page > 1) out.page = String(f.page);
  if (f.size !== 25) out.size = String(f.size);
  return out;
}

/** The sort a view starts with: the most overdue first, the nearest deadline first… */
export function defaultSort(view: View): { sort: Sort; dir: 'asc' | 'desc' } {
  if (view === 'overdue') return { sort: 'daysOverdue', dir: 'desc' };
  if (view === 'due-soon') return { sort: 'deadline', dir: 'asc' };
  return { sort: 'assignedOn', dir: 'desc' };
}

/** GET /api/tasks/list's query for these filters; `agencyOfUser` is "my agency". */
export function apiQueryOf(
  f: ListFilters,
  today: string,
  agencyOfUser: string | null,
): Record<string, string | number | boolean | undefined> {
  const sort = f.sort || defaultSort(f.view).sort;
  const dir =
    f.dir || (f.sort ? (f.sort === 'daysOverdue' ? 'desc' : 'asc') : defaultSort(f.view).dir);
  const classes = f.view === 'overdue' && f.classes.length === 0 ? ['not_done_overdue'] : f.classes;
  const agency = f.agency || (f.view === 'agency' ? (agencyOfUser ?? '') : '');
  const dueSoon = f.view === 'due-soon';
  return {
    agency: agency || undefined,
    includeUnits: agency && f.units ? true : undefined,
    directive: f.directive || undefined,
    leader: f.leader || undefined,
    keyTask: f.key ? true : undefined,
    q: f.q || undefined,
    from: f.from && f.to ? f.from : undefined,
    to: f.from && f.to ? f.to : undefined,
    at: f.at || undefined,
    class: classes.length ? classes.join(',') : undefined,
    awaiting: f.view === 'awaiting' ? true : undefined,
    deadlineFrom: f.deadlineFrom || (dueSoon ? today : undefined),
    deadlineTo: f.deadlineTo || (dueSoon ? addDays(today as CalendarDate, 7) : undefined),
    status: f.status.length ? f.status.join(',') : dueSoon ? OPEN_STATUSES.join(',') : undefined,
    sort,
    dir,
    page: f.page,
    size: f.size,
  };
}
