/**
 * The task list screen's query: one page of a filtered, sorted list with its total count, and
 * the same rows in full for an export. Tasks are streamed one bounded page at a time and only
 * the rows up to the page asked are kept, so memory depends on the page, not on the read model.
 *
 * With a statistics selection (a period, a class or "awaiting confirmation"), a task is in the
 * list exactly when GET /api/stats/completion counts it in that cell: assigned in [from, to] and
 * not after the cut-off, classified by classifyTaskAt at the cut-off, the scope decided by the
 * agency leading it at the cut-off (completion-stats.query.ts, createStatsAccumulator).
 */
import {
  classifyTaskAt,
  isCalendarDate,
  TASK_CLASSES,
  type TaskClass,
  type TaskClassification,
  type TaskTimeline,
} from '@chidao/domain';
import type { DocumentCollection } from '../document-query';
import { containsPattern } from './search-text';
import {
  planFilter,
  TaskQueryError,
  toTaskListItem,
  type TaskListFilter,
  type TaskListItem,
} from './task-list.query';
import type { TaskWhere } from './task-scan';

export const TASK_TABLE_SORTS = [
  'deadline',
  'assignedOn',
  'agency',
  'daysOverdue',
  'title',
] as const;
export type TaskTableSort = (typeof TASK_TABLE_SORTS)[number];

/** What the completion statistics count: GET /api/stats/completion's from, to, scope. */
export interface StatsSelection {
  /** Tasks assigned in [from, to] (both or neither). */
  readonly from?: string;
  readonly to?: string;
  /** Classified at the end of `at`, in one of these classes (all when absent). */
  readonly classes?: readonly TaskClass[];
  /** Only tasks whose completion awaits confirmation at `at` (stats' awaitingConfirmation). */
  readonly awaitingConfirmation?: boolean;
  /** Scope as the statistics take it: the lead agency at `at` is one of these. */
  readonly leadAgenciesAt?: readonly string[];
}

export interface TaskTableQuery {
  /** The cut-off: classes and days overdue are as at the end of this day (the caller's today). */
  readonly at: string;
  /**
   * The list's other filters (current scope, directive, status, deadline range, key task,
   * words). Under a statistics selection, leave its scope out: the selection's scope decides.
   */
  readonly filter: Omit<TaskListFilter, 'classAt'>;
  /** Present: the list is the tasks the statistics count for this selection. */
  readonly selection?: StatsSelection;
  /** The leader in charge, exact text. */
  readonly leader?: string;
  readonly sort?: TaskTableSort;
  readonly direction?: 'asc' | 'desc';
  /** Sorting by agency sorts by what people read: the name. Default: the code. */
  readonly agencyName?: (code: string) => string;
}

export interface TaskTableItem extends TaskListItem {
  /** Days overdue at `at` (0 when not overdue then). */
  readonly daysOverdue: number;
  /** The classification at `at`; null when the task was not live then (cancelled…). */
  readonly classAt: TaskClassification | undefined;
}

export interface TaskTablePage {
  readonly at: string;
  /** Every task the filter selects. */
  readonly total: number;
  /** 1-based. */
  readonly page: number;
  readonly size: number;
  readonly items: TaskTableItem[];
}

export const MAX_TASK_TABLE_SIZE = 100;
/** Rows an export holds while it sorts them: far more than a province has tasks a year. */
export const MAX_TASK_EXPORT_ROWS = 100_000;
const SCAN_PAGE = 500;

/** One page (1-based) of the list, with the total. */
export async function taskTablePage(
  collection: DocumentCollection<TaskTimeline>,
  query: TaskTableQuery,
  page: { readonly page: number; readonly size: number },
): Promise<TaskTablePage> {
  const size = integerIn(page.size, 1, MAX_TASK_TABLE_SIZE, 'size');
  const number = integerIn(page.page, 1, Math.floor(MAX_TASK_EXPORT_ROWS / size), 'page');
  const fast = await sqlPage(collection, query, number, size);
  if (fast !== null) return fast;
  const { total, rows } = await selectRows(collection, query, number * size);
  return {
    at: query.at,
    total,
    page: number,
    size,
    items: rows.slice((number - 1) * size, number * size),
  };
}

/** Every row of the list in its order (an export), at most MAX_TASK_EXPORT_ROWS. */
export async function taskTableRows(
  collection: DocumentCollection<TaskTimeline>,
  query: TaskTableQuery,
): Promise<{ total: number; items: TaskTableItem[] }> {
  const { total, rows } = await selectRows(collection, query, MAX_TASK_EXPORT_ROWS);
  return { total, items: rows };
}

/**
 * The common case, answered by SQL alone: no statistics selection, nothing checked in code, in
 * order of assignment (the indexed sort key). The page is read with an offset and the total
 * counted, instead of streaming every task in scope. null: not that case.
 */
async function sqlPage(
  collection: DocumentCollection<TaskTimeline>,
  query: TaskTableQuery,
  page: number,
  size: number,
): Promise<TaskTablePage | null> {
  if (query.selection || (query.sort ?? 'assignedOn') !== 'assignedOn') return null;
  const at = date(query.at, 'at');
  const plan = planFilter(query.filter);
  if (plan.check !== null) return null;
  const where: TaskWhere = { ...plan.where };
  if (query.leader !== undefined) where.leader_in_charge = query.leader;
  const [total, documents] = await Promise.all([
    collection.count(where),
    collection.find({
      where,
      orderBy: [{ column: 'sort_key', direction: query.direction ?? 'desc' }],
      offset: (page - 1) * size,
      limit: size,
    }),
  ]);
  return {
    at,
    total,
    page,
    size,
    items: documents.map(({ doc }) => rowOf(doc, classifyTaskAt(doc, at))),
  };
}

function rowOf(doc: TaskTimeline, c: TaskClassification | null): TaskTableItem {
  return {
    ...toTaskListItem(doc, null),
    daysOverdue: c?.daysOverdue ?? 0,
    classAt: c ?? undefined,
  };
}

async function selectRows(
  collection: DocumentCollection<TaskTimeline>,
  query: TaskTableQuery,
  keep: number,
): Promise<{ total: number; rows: TaskTableItem[] }> {
  const at = date(query.at, 'at');
  const selection = query.selection;
  const plan = planFilter(query.filter);
  const where: TaskWhere = { ...plan.where };
  let accept: (doc: TaskTimeline, c: TaskClassification | null) => boolean = () => true;

  if (selection) {
    const { from, to } = selection;
    if ((from === undefined) !== (to === undefined)) {
      throw new TaskQueryError('invalid_filter', 'from and to go together');
    }
    if (from !== undefined) date(from, 'from');
    if (to !== undefined) date(to, 'to');
    if (from !== undefined && to !== undefined && from > to) {
      throw new TaskQueryError('invalid_filter', `from ${from} is after to ${to}`);
    }
    for (const c of selection.classes ?? []) {
      if (!TASK_CLASSES.includes(c)) {
        throw new TaskQueryError('invalid_filter', `Unknown class ${String(c)}`);
      }
    }
    // As completionStatsScan: a task assigned after the cut-off is not counted at it.
    const upTo = to !== undefined && to < at ? to : at;
    const scope = selection.leadAgenciesAt ? new Set(selection.leadAgenciesAt) : null;
    const classes = selection.classes?.length ? new Set(selection.classes) : null;
    if ((from !== undefined && from > upTo) || scope?.size === 0) return { total: 0, rows: [] };
    where.assigned_on = from !== undefined ? { gte: from, lte: upTo } : { lte: upTo };
    if (scope?.size === 1 && where.lead_agency === undefined) {
      where.lead_history = { like: containsPattern(`|${[...scope][0]}|`) };
    }
    accept = (doc, c) =>
      c !== null &&
      (from === undefined || (doc.assignedOn >= from && doc.assignedOn <= upTo)) &&
      (scope === null || scope.has(c.leadAgency)) &&
      (classes === null || classes.has(c.class)) &&
      (!selection.awaitingConfirmation || c.awaitingConfirmation);
  }
  if (query.leader !== undefined) where.leader_in_charge = query.leader;

  const compare = comparator(query);
  let total = 0;
  let kept: TaskTableItem[] = [];
  let worst: TaskTableItem | null = null;
  const stream = collection.stream({ where, keyColumn: 'assigned_on', pageSize: SCAN_PAGE });
  for await (const { doc } of stream) {
    if (plan.check !== null && !plan.check(doc)) continue;
    const c = classifyTaskAt(doc, at);
    if (!accept(doc, c)) continue;
    total += 1;
    const row = rowOf(doc, c);
    // Once `keep` rows are known, one that sorts after the last of them cannot be on the page.
    if (worst !== null && compare(row, worst) > 0) continue;
    kept.push(row);
    // Trim now and then, not on every row: sorting is the cost.
    if (kept.length >= 2 * keep) {
      kept = kept.sort(compare).slice(0, keep);
      worst = kept[keep - 1];
    }
  }
  return { total, rows: kept.sort(compare).slice(0, keep) };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order asked, then newest assignment, then id: the same order on every engine. */
function comparator(query: TaskTableQuery): (a: TaskTableItem, b: TaskTableItem) => number {
  const sort = query.sort ?? 'assignedOn';
  if (!TASK_TABLE_SORTS.includes(sort)) {
    throw new TaskQueryError('invalid_filter', `Unknown sort ${String(sort)}`);
  }
  // Default: the newest assignment and the most overdue first, the rest A→Z and nearest first.
  const byDefault = sort === 'assignedOn' || sort === 'daysOverdue' ? 'desc' : 'asc';
  const sign = (query.direction ?? byDefault) === 'desc' ? -1 : 1;
  const name = query.agencyName ?? ((code: string) => code);
  const byKey = (a: TaskTableItem, b: TaskTableItem): number => {
    switch (sort) {
      case 'deadline':
        // No deadline sorts last whichever the direction: it is not "latest".
        if (a.deadline === null || b.deadline === null) {
          return a.deadline === b.deadline ? 0 : a.deadline === null ? 2 * sign : -2 * sign;
        }
        return compareText(a.deadline, b.deadline);
      case 'assignedOn':
        // The read model's sort key (assignedOn|id): the order SQL gives in sqlPage.
        return compareText(`${a.assignedOn}|${a.id}`, `${b.assignedOn}|${b.id}`);
      case 'agency':
        return collator.compare(name(a.leadAgency), name(b.leadAgency));
      case 'daysOverdue':
        return a.daysOverdue - b.daysOverdue;
      case 'title':
        return collator.compare(a.title, b.title);
    }
  };
  return (a, b) =>
    sign * byKey(a, b) || compareText(b.assignedOn, a.assignedOn) || compareText(b.id, a.id);
}

function date(value: string, name: string): string {
  if (!isCalendarDate(value)) {
    throw new TaskQueryError('invalid_filter', `${name} must be a date YYYY-MM-DD`);
  }
  return value;
}

function integerIn(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TaskQueryError('invalid_filter', `${name} must be an integer in ${min}..${max}`);
  }
  return value;
}
