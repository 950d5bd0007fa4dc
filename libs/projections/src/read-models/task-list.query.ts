/**
 * Queries over the `tasks` read model: paged task lists, overdue tasks at a cut-off, tasks coming
 * due. SQL narrows by the columns; what a column cannot say (several agencies in any role, the
 * class at a past date, exact word matches) is checked here on each document, reading bounded
 * pages in sort order, so memory never depends on the size of the read model.
 */
import {
  addDays,
  classifyTaskAt,
  daysBetween,
  isCalendarDate,
  TASK_CLASSES,
  TASK_STATUSES,
  type CalendarDate,
  type PendingRequestEntry,
  type TaskClass,
  type TaskClassification,
  type TaskStatus,
  type TaskTimeline,
} from '@chidao/domain';
import type { Comparison, DocumentCollection, Where } from '../document-query';
import type { ColumnValue } from '../projection';
import { containsPattern, searchWords } from './search-text';
import { runTaskScan, type TaskScan, type TaskWhere } from './task-scan';
import {
  confirmedCompletion,
  currentDeadline,
  currentLead,
  taskSearchText,
  taskSortKey,
} from './task-timeline.projection';

export type TaskRole = 'lead' | 'support' | 'any';

export interface TaskListFilter {
  /** Tasks involving one of these agencies, in `role` (default `any`). `[]` matches nothing. */
  readonly agencies?: readonly string[];
  readonly role?: TaskRole;
  /** Scope: the current lead agency must be one of these. `[]` matches nothing. */
  readonly leadAgencies?: readonly string[];
  readonly directiveId?: string;
  /** Current status one of these. */
  readonly statuses?: readonly TaskStatus[];
  /** Classified at `date` (classifyTaskAt) into one of `classes`; tasks not live then are out. */
  readonly classAt?: { readonly date: string; readonly classes: readonly TaskClass[] };
  /** Deadline in force now within [deadlineFrom, deadlineTo]; tasks without one are out. */
  readonly deadlineFrom?: string;
  readonly deadlineTo?: string;
  readonly keyTask?: boolean;
  /** true: only tasks with a deadline change request awaiting a decision; false: only without. */
  readonly pendingRequest?: boolean;
  /** Every word in the title or directive reference, without regard to case or diacritics. */
  readonly text?: string;
}

interface TaskPageRequest {
  /** 1..200. */
  readonly limit: number;
  /** nextCursor of the previous page; absent or null for the first page. */
  readonly cursor?: string | null;
  /** The caller's today: each item then says how many days overdue it is at that date. */
  readonly at?: string;
}

export interface TaskListItem {
  readonly id: string;
  readonly title: string;
  readonly directiveId: string;
  readonly directiveReference: string;
  readonly assigningAgency: string;
  /** Current lead agency. */
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
  readonly status: TaskStatus;
  readonly assignedOn: string;
  readonly originalDeadline: string | null;
  /** Deadline in force now; null = không thời hạn. */
  readonly deadline: string | null;
  /** Approved extensions and resumptions with a new deadline. */
  readonly deadlineChanges: number;
  readonly keyTask: boolean;
  readonly leaderInCharge: string | null;
  readonly progress: number | null;
  /** Work date of the confirmed completion; null until confirmed. */
  readonly completedOn: string | null;
  readonly confirmedOn: string | null;
  /** The confirmed completion's result document (what a list carries back, see task export). */
  readonly resultDocument: string | null;
  /** The deadline change request awaiting a decision, if any. */
  readonly pendingRequest: PendingRequestEntry | null;
  /** The classification at filter.classAt.date, when classAt was asked. */
  readonly classAt?: TaskClassification;
  /** Days overdue at the page's `at` (findTasks) or the list's cut-off; absent when not asked. */
  readonly daysOverdue?: number;
}

interface TaskListPage {
  /** Newest assignment first (assignedOn descending, then id descending). */
  readonly items: TaskListItem[];
  /** Pass back for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface OverdueTaskItem extends TaskListItem {
  /** The deadline in force at asOf (what daysOverdue counts from). */
  readonly deadline: string;
  readonly daysOverdue: number;
  readonly classAt: TaskClassification;
}

export interface OverdueTasks {
  readonly asOf: string;
  /** All overdue tasks at asOf in scope; items holds the first `limit` of them. */
  readonly total: number;
  /** daysOverdue descending, then id. */
  readonly items: OverdueTaskItem[];
}

interface DueTaskItem extends TaskListItem {
  readonly deadline: string;
  /** Calendar days from today to the deadline (0 = due today). */
  readonly daysLeft: number;
}

interface TasksDueOptions {
  /** The day counted from (the caller's today: nothing here reads a clock). */
  readonly today: string;
  /** 0..3660: deadlines up to today + days. */
  readonly days: number;
  /** Scope: the current lead agency must be one of these. `[]` matches nothing. */
  readonly leadAgencies?: readonly string[];
  /** As in TaskListFilter (current lead or current supporters). */
  readonly agencies?: readonly string[];
  readonly role?: TaskRole;
}

interface TasksDue {
  readonly today: string;
  /** today + days. */
  readonly until: string;
  /** Deadline ascending, then id. */
  readonly items: DueTaskItem[];
}

/** A malformed filter, page or cursor: the caller's input, to answer with 400. */
export class TaskQueryError extends Error {
  constructor(
    readonly code: 'invalid_cursor' | 'invalid_filter',
    message: string,
  ) {
    super(message);
    this.name = 'TaskQueryError';
  }
}

const MAX_TASK_PAGE = 200;
export const MAX_OVERDUE_ITEMS = 1000;
/** Statuses in which a task is not done now (not confirmed, not closed). */
const OPEN_TASK_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(
  (status) => status !== 'completed' && status !== 'cancelled' && status !== 'withdrawn',
);

/** Documents read per query while a check in code filters them. */
const SCAN_PAGE = 200;

// ── task list ──────────────────────────────────────────────────────────────────────────────

export async function findTasks(
  collection: DocumentCollection<TaskTimeline>,
  filter: TaskListFilter,
  page: TaskPageRequest,
): Promise<TaskListPage> {
  const limit = integerIn(page.limit, 1, MAX_TASK_PAGE, 'limit');
  const plan = planFilter(filter);
  const classAt = filter.classAt;
  const after = page.cursor == null ? null : decodeCursor(page.cursor);

  // limit + 1 matches tell whether there is a next page.
  const wanted = limit + 1;
  const batch = plan.check === null ? wanted : Math.max(wanted, SCAN_PAGE);
  const found: TaskTimeline[] = [];
  let before = after;
  for (;;) {
    const where: Where = before === null ? plan.where : { ...plan.where, sort_key: { lt: before } };
    const documents = await collection.find({
      where,
      orderBy: [{ column: 'sort_key', direction: 'desc' }],
      limit: batch,
    });
    for (const { doc } of documents) {
      if (plan.check !== null && !plan.check(doc)) continue;
      found.push(doc);
      if (found.length === wanted) break;
    }
    if (found.length === wanted || documents.length < batch) break;
    before = taskSortKey(documents[documents.length - 1].doc);
  }

  const at = page.at === undefined ? null : date(page.at, 'at');
  const items = found.slice(0, limit).map((t) => {
    const item = toTaskListItem(t, classAt ? classifyTaskAt(t, classAt.date) : null);
    return at === null ? item : { ...item, daysOverdue: classifyTaskAt(t, at)?.daysOverdue ?? 0 };
  });
  const nextCursor = found.length > limit ? encodeCursor(taskSortKey(found[limit - 1])) : null;
  return { items, nextCursor };
}

export interface Plan {
  readonly where: Where;
  /** What SQL could not decide exactly; null when the SQL filter is exact. */
  readonly check: ((t: TaskTimeline) => boolean) | null;
}

/** The SQL narrowing of a filter and the exact check in code (also used by task-table.query). */
export function planFilter(filter: TaskListFilter): Plan {
  const where: Record<string, ColumnValue | Comparison> = {};
  const checks: Array<(t: TaskTimeline) => boolean> = [];
  const role = filter.role ?? 'any';
  checkRole(role);

  // Everything on lead_agency goes into one comparison (a filter has one per column).
  let leadIn: Set<string> | null = filter.leadAgencies ? new Set(filter.leadAgencies) : null;
  let leadNot: string | null = null;
  if (filter.agencies) {
    const agencies = new Set(filter.agencies);
    if (role === 'lead') {
      leadIn = leadIn ? new Set([...leadIn].filter((a) => agencies.has(a))) : agencies;
    } else {
      const supports = (t: TaskTimeline) => t.supportAgencies.some((a) => agencies.has(a));
      if (agencies.size === 1) {
        const [only] = agencies;
        // The LIKE is a superset when the code holds `_`; the check below is exact.
        where.agencies = { like: containsPattern(`|${only}|`) };
        if (role === 'support') leadNot = only;
      } else if (agencies.size === 0) {
        where.id = { in: [] };
      }
      checks.push(
        role === 'support' ? supports : (t) => agencies.has(currentLead(t)) || supports(t),
      );
    }
  }
  if (leadIn !== null || leadNot !== null) {
    where.lead_agency = {
      ...(leadIn !== null ? { in: [...leadIn].sort() } : {}),
      ...(leadNot !== null ? { ne: leadNot } : {}),
    };
  }

  if (filter.directiveId !== undefined) where.directive_id = filter.directiveId;
  if (filter.statuses !== undefined) {
    for (const status of filter.statuses) {
      if (!TASK_STATUSES.includes(status)) {
        throw new TaskQueryError('invalid_filter', `Unknown status ${String(status)}`);
      }
    }
    where.status = { in: [...filter.statuses] };
  }
  if (filter.deadlineFrom !== undefined || filter.deadlineTo !== undefined) {
    where.deadline = {
      ...(filter.deadlineFrom !== undefined
        ? { gte: date(filter.deadlineFrom, 'deadlineFrom') }
        : {}),
      ...(filter.deadlineTo !== undefined ? { lte: date(filter.deadlineTo, 'deadlineTo') } : {}),
    };
  }
  if (filter.keyTask !== undefined) where.key_task = filter.keyTask ? 1 : 0;
  if (filter.pendingRequest !== undefined) {
    where.pending_request = filter.pendingRequest ? { ne: '' } : null;
  }

  if (filter.text !== undefined) {
    const words = searchWords(filter.text);
    if (words.length > 0) {
      // The longest word is usually the most selective; the others are checked in code.
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      where.search = { like: containsPattern(longest) };
      checks.push((t) => {
        const text = taskSearchText(t);
        return words.every((word) => text.includes(word));
      });
    }
  }

  if (filter.classAt) {
    const asOf = date(filter.classAt.date, 'classAt.date');
    for (const c of filter.classAt.classes) {
      if (!TASK_CLASSES.includes(c)) {
        throw new TaskQueryError('invalid_filter', `Unknown class ${String(c)}`);
      }
    }
    const classes = new Set<TaskClass>(filter.classAt.classes);
    where.assigned_on = { lte: asOf };
    checks.push((t) => {
      const c = classifyTaskAt(t, asOf);
      return c !== null && classes.has(c.class);
    });
  }

  return {
    where,
    check: checks.length === 0 ? null : (t) => checks.every((check) => check(t)),
  };
}

// ── overdue at a cut-off ───────────────────────────────────────────────────────────────────

/**
 * Tasks overdue at `asOf` (classified from their timeline, so a past asOf sees the deadline and
 * completion as they stood then), whose lead agency at asOf is in `leadAgencies` when given.
 * Streams the tasks assigned on or before asOf and keeps only the `limit` most overdue.
 */
export async function overdueTasks(
  collection: DocumentCollection<TaskTimeline>,
  options: OverdueTasksOptions,
): Promise<OverdueTasks> {
  return runTaskScan(collection, overdueTasksScan(options));
}

/** overdueTasks as a scan, to share one read of the tasks with other figures. */
export function overdueTasksScan(options: OverdueTasksOptions): TaskScan<OverdueTasks> {
  const asOf = date(options.asOf, 'asOf');
  const limit = integerIn(options.limit, 1, MAX_OVERDUE_ITEMS, 'limit');
  const scope = options.leadAgencies ? new Set(options.leadAgencies) : null;
  const involved = involvementAt(options.agencies, options.role);
  let total = 0;
  let kept: OverdueTaskItem[] = [];
  const result = (): OverdueTasks => ({ asOf, total, items: kept.sort(byOverdue).slice(0, limit) });
  if (scope?.size === 0 || involved?.agencies.size === 0) {
    return { where: null, add: () => undefined, result };
  }

  const where: TaskWhere = { assigned_on: { lte: asOf } };
  const leads = scope ?? (involved?.role === 'lead' ? involved.agencies : null);
  if (leads?.size === 1) {
    // Every lead the task ever had: the lead at asOf is one of them.
    where.lead_history = { like: containsPattern(`|${[...leads][0]}|`) };
  }
  return {
    where,
    keyColumn: 'assigned_on',
    add: (doc) => {
      // classifyTaskAt answers null for a task not yet assigned at asOf.
      const c = classifyTaskAt(doc, asOf);
      if (c === null || c.class !== 'not_done_overdue') return;
      if (scope !== null && !scope.has(c.leadAgency)) return;
      if (involved !== null && !involved.matches(doc, c.leadAgency)) return;
      total += 1;
      kept.push({
        ...toTaskListItem(doc, c),
        deadline: c.deadline as string,
        daysOverdue: c.daysOverdue,
        classAt: c,
      });
      if (kept.length >= 2 * limit) kept = kept.sort(byOverdue).slice(0, limit);
    },
    result,
  };
}

interface OverdueTasksOptions {
  readonly asOf: string;
  /** Scope: the lead agency at asOf must be one of these. `[]` matches nothing. */
  readonly leadAgencies?: readonly string[];
  /**
   * Tasks involving one of these agencies in `role` (default `any`): the lead at asOf, or a
   * current supporting agency (the timeline keeps only the current ones). `[]` matches nothing.
   */
  readonly agencies?: readonly string[];
  readonly role?: TaskRole;
  /** 1..1000: how many of the most overdue to return (total counts them all). */
  readonly limit: number;
}

interface Involvement {
  readonly agencies: ReadonlySet<string>;
  readonly role: TaskRole;
  matches(t: TaskTimeline, lead: string): boolean;
}

function involvementAt(
  agencies: readonly string[] | undefined,
  role: TaskRole = 'any',
): Involvement | null {
  if (!agencies) return null;
  checkRole(role);
  const set = new Set(agencies);
  const supports = (t: TaskTimeline) => t.supportAgencies.some((a) => set.has(a));
  return {
    agencies: set,
    role,
    matches: (t, lead) =>
      role === 'lead'
        ? set.has(lead)
        : role === 'support'
          ? supports(t)
          : set.has(lead) || supports(t),
  };
}

function checkRole(role: unknown): void {
  if (role !== 'lead' && role !== 'support' && role !== 'any') {
    throw new TaskQueryError('invalid_filter', `Unknown role ${String(role)}`);
  }
}

const byOverdue = (a: OverdueTaskItem, b: OverdueTaskItem): number =>
  b.daysOverdue - a.daysOverdue || compareText(a.id, b.id);

// ── coming due ─────────────────────────────────────────────────────────────────────────────

/**
 * Tasks not done now (open statuses) whose deadline in force is in [today, today + days], the
 * nearest first; `leadAgencies` restricts the current lead.
 */
export async function tasksDueWithin(
  collection: DocumentCollection<TaskTimeline>,
  options: TasksDueOptions,
): Promise<TasksDue> {
  const today = date(options.today, 'today') as CalendarDate;
  const days = integerIn(options.days, 0, 3660, 'days');
  const until = addDays(today, days);
  const plan = planFilter({
    agencies: options.agencies,
    role: options.role,
    leadAgencies: options.leadAgencies,
    statuses: OPEN_TASK_STATUSES,
    deadlineFrom: today,
    deadlineTo: until,
  });

  const items: DueTaskItem[] = [];
  // The deadline range bounds the scan: walk its index (never null within the range).
  const stream = collection.stream({
    where: plan.where,
    keyColumn: 'deadline',
    pageSize: SCAN_PAGE,
  });
  for await (const { doc } of stream) {
    if (plan.check !== null && !plan.check(doc)) continue;
    const deadline = currentDeadline(doc) as string;
    items.push({
      ...toTaskListItem(doc, null),
      deadline,
      daysLeft: daysBetween(today, deadline as CalendarDate),
    });
  }
  items.sort((a, b) => compareText(a.deadline, b.deadline) || compareText(a.id, b.id));
  return { today, until, items };
}

// ── shared ─────────────────────────────────────────────────────────────────────────────────

export function toTaskListItem(
  t: TaskTimeline,
  classification: TaskClassification | null,
): TaskListItem {
  const confirmed = confirmedCompletion(t);
  const item: TaskListItem = {
    id: t.id,
    title: t.title,
    directiveId: t.directiveId,
    directiveReference: t.directiveReference,
    assigningAgency: t.assigningAgency,
    leadAgency: currentLead(t),
    supportAgencies: [...t.supportAgencies],
    status: t.status,
    assignedOn: t.assignedOn,
    originalDeadline: t.deadlines[0].deadline,
    deadline: currentDeadline(t),
    deadlineChanges: t.deadlines.length - 1,
    keyTask: t.keyTask,
    leaderInCharge: t.leaderInCharge,
    progress: t.progress,
    completedOn: confirmed?.completedOn ?? null,
    confirmedOn: confirmed?.confirmedOn ?? null,
    resultDocument: confirmed?.resultDocument ?? null,
    pendingRequest: t.pendingRequest,
  };
  return classification ? { ...item, classAt: classification } : item;
}

const CURSOR_PREFIX = 'v1:';

function encodeCursor(sortKey: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${sortKey}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(CURSOR_PREFIX) || !/^\d{4}-\d{2}-\d{2}\|./.test(text.slice(3))) {
    throw new TaskQueryError('invalid_cursor', 'The page cursor is not one this list gave');
  }
  return text.slice(CURSOR_PREFIX.length);
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

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
