/** The shapes the screens read from the API (only the fields they use). */

export type Role = 'admin' | 'leader' | 'tracker' | 'staff' | 'auditor';

/** How a person wants reminders; `in_app` is always among them. */
export type ContactChannel = 'email' | 'sms' | 'in_app';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agency: string | null;
  /** Only ever the caller's own, or every user's for an administrator. */
  email: string | null;
  /** Stored as +84…; shown with formatPhone. */
  phone: string | null;
  channels: ContactChannel[];
}

export interface Agency {
  code: string;
  name: string;
  parent: string | null;
  kind: string;
  active: boolean;
}

export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
  display: string;
}

export interface CompletionStats {
  total: number;
  done: { total: number; onTime: number; late: number; noDeadline: number };
  notDone: {
    total: number;
    withinDeadline: number;
    overdue: number;
    noDeadline: number;
    awaitingConfirmation: number;
  };
  deadlineChanged: number;
  overdueOver30Days: number;
  overdueOver120Days: number;
  rates: {
    doneOfAssigned: Rate;
    doneOfDue: Rate;
    onTimeOfDone: Rate;
    /** Overdue not done ÷ all tasks; absent from report snapshots taken before issue 17. */
    overdueShare?: Rate;
  };
  summaryVi: string;
}

/** GET /api/stats/dashboard. */
export interface DashboardResponse {
  position: number;
  today: string;
  current: StatsResult;
  period: { from: string; to: string; asOf: string; byAgency: StatsResult; byMonth: StatsResult };
  overdue: { asOf: string; total: number; items: TaskListItem[] };
}

export interface StatsResult {
  asOf: string;
  groupBy?: string;
  scope: CompletionStats;
  groups?: { key: string; label: string; stats: CompletionStats }[];
}

export interface TaskListItem {
  id: string;
  title: string;
  directiveId: string;
  directiveReference: string;
  assigningAgency: string;
  leadAgency: string;
  supportAgencies: string[];
  status: string;
  assignedOn: string;
  originalDeadline: string | null;
  deadline: string | null;
  deadlineChanges: number;
  keyTask: boolean;
  leaderInCharge: string | null;
  progress: number | null;
  completedOn: string | null;
  confirmedOn: string | null;
  pendingRequest: PendingRequest | null;
  daysOverdue?: number;
  daysLeft?: number;
}

export interface PendingRequest {
  requestId: string;
  kind: 'extension' | 'withdrawal';
  agency: string;
  proposedDeadline: string | null;
  reason: string;
  requestedOn: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DeadlineChangeRequest {
  kind: string;
  proposedDeadline: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedOn: string;
  decidedOn: string | null;
  approvedDeadline: string | null;
}

export interface TaskDetail extends Omit<TaskListItem, 'completedOn' | 'confirmedOn'> {
  version: number;
  workProgrammeItem: boolean;
  receivedOn: string | null;
  lastReportedOn: string | null;
  requests: Record<string, DeadlineChangeRequest>;
  pendingRequestId: string | null;
  completion: {
    completedOn: string;
    resultDocument: string;
    reportedOn: string;
    confirmedOn: string | null;
  } | null;
  returnedCount: number;
  lastUrgedOn: string | null;
  urgeCount: number;
  refusedBy: string | null;
  reassignments: number;
  closedOn: string | null;
}

export interface HistoryEntry {
  position: number;
  version: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  actorName: string | null;
  actorAgency: string | null;
  data: Record<string, unknown>;
  /** Entered by importing a list: the import, the file's SHA-256, its sheet and row. */
  imported?: { importId: string; sha256: string; sheet?: string; row?: number } | null;
}

export interface Directive {
  id: string;
  reference: { text: string };
  kind: string;
  issuedOn: string;
  issuer: string;
  title: string;
  assigningAgency: string;
  status: string;
}

export interface ReportListItem {
  id: string;
  periodId: string;
  periodType: string;
  agency: string;
  takenAt: string;
  trigger: string;
  digest: string;
}

export interface Report {
  id: string;
  period: { id: string; start: string; end: string; labelVi: string };
  scope: {
    agency: string | null;
    agencyName: string | null;
    includeUnits?: boolean;
    directive?: string | null;
  };
  takenAt: string;
  figures: {
    scope: CompletionStats;
    byAgency: { key: string; label: string; stats: CompletionStats }[];
  };
}

export interface AuditEvent {
  position: number;
  recordedAt: string;
  occurredOn: string;
  streamId: string;
  type: string;
  actor: string;
  agency: string | null;
  data: Record<string, unknown>;
}

// Issue 17, part B: the directive page and report periods.

/** GET /api/directives/:id. */
export interface DirectiveDetail extends Directive {
  summary: string | null;
  withdrawnReason: string | null;
  /** The caller may withdraw it now (the server would accept it). */
  canWithdraw?: boolean;
}

/** GET /api/reports/period. */
export interface PeriodPreview {
  period: { id: string; start: string; end: string; labelVi: string };
  takeAs: { id: string; start: string; end: string; labelVi: string };
  upToToday: boolean;
  labelVi: string;
}

// ── Part A (issue 17): the task list screen (GET /api/tasks/list) ──
export type TaskClass =
  | 'done_on_time'
  | 'done_late'
  | 'done_no_deadline'
  | 'not_done_within_deadline'
  | 'not_done_overdue'
  | 'not_done_no_deadline';

/** Merged into TaskListItem: GET /api/tasks, /due-soon and /list name the lead agency. */
export interface TaskListItem {
  leadAgencyName?: string;
}

export interface TaskTableItem extends TaskListItem {
  daysOverdue: number;
  leadAgencyName: string;
  assigningAgencyName: string;
  supportAgencyNames: string[];
  classAt?: { class: TaskClass; awaitingConfirmation: boolean; leadAgency: string };
}

export interface TaskTablePage {
  at: string;
  total: number;
  page: number;
  size: number;
  items: TaskTableItem[];
}

// ---- Part D of issue 17: events in words, the auditors' screens ----

/** A text in both languages of the screens. */
export interface Words {
  vi: string;
  en: string;
}

/** An event's name, who entered it (by name and agency) and what it says, as the API words them. */
export interface EventWords {
  label: Words;
  who: Words;
  sentence: Words;
}

/** GET /api/tasks/:id/timeline: the task's history with its words. */
export type TimelineEntry = HistoryEntry & EventWords;

/** One record of GET /api/audit/events as NDJSON, with its words. */
export interface AuditEventInWords extends AuditEvent {
  words?: EventWords;
}

/** GET /api/audit/search. */
export interface AuditSearchResult {
  tasks: {
    id: string;
    title: string;
    directiveReference: string;
    assignedOn: string;
    leadAgencyName: string;
  }[];
  directives: { id: string; reference: string; title: string; issuedOn: string | null }[];
}

/** An event of a stream as an auditor reads it, with its words. */
export interface AuditedEventInWords extends EventWords {
  position: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  agency: string | null;
}

/** GET /api/audit/tasks/:id: the task as it stood at asOf, as known at knownAt. */
export interface TaskAsOfInWords {
  taskId: string;
  asOf: string;
  knownAt: string;
  state: Partial<TaskDetail> & { status: string };
  classification: {
    class: string;
    leadAgency: string;
    deadline: string | null;
    daysOverdue: number;
    completedOn: string | null;
  } | null;
  history: AuditedEventInWords[];
  laterBackdated: { count: number; events: AuditedEventInWords[] };
}

/** GET /api/audit/directives/:id. */
export interface DirectiveAsOfInWords {
  directiveId: string;
  asOf: string;
  knownAt: string;
  state: {
    status: string;
    reference: { text: string } | null;
    title: string;
    issuer: string;
    issuedOn: string | null;
  };
  history: AuditedEventInWords[];
  laterBackdated: { count: number; events: AuditedEventInWords[] };
  tasks: StatsResult;
}

/** GET /api/audit/stats/difference. */
export interface StatsDifference {
  from: string;
  to: string;
  asOf: string;
  knownAt: StatsResult & { knownAt: string };
  today: StatsResult & { knownAt: string };
  lateEntries: {
    count: number;
    truncated: boolean;
    entries: (EventWords & {
      position: number;
      taskId: string;
      taskTitle: string;
      occurredOn: string;
      recordedAt: string;
    })[];
  };
}

/** GET /api/users (administrators): an account as the register shows it. */
export interface UserAccount extends User {
  active: boolean;
  hasPassword: boolean;
  /** Logins refused until then after wrong passwords (ISO instant; may be past). */
  loginLockedUntil: string | null;
}

/** GET /api/auth/sessions: one of the caller's open sessions. */
export interface LoginSessionView {
  id: string;
  startedAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string;
  address: string;
  /** The session this page runs in. */
  current: boolean;
}
