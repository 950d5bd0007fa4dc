import type { CompletionStats, StatsGroup } from '@chidao/domain';

/** The kinds of period a report covers (DOMAIN.md "Periods and cut-offs"). */
export type PeriodType =
  'month' | 'quarter' | 'first_half' | 'second_half' | 'nine_months' | 'year' | 'range' | 'as_of';

/** `calendar`: 1st to last day; `nd09`: Nghị định 09/2019, from the day after the cut-off day of the month before to the cut-off day. */
export type CutoffConvention = 'calendar' | 'nd09';

export interface ReportPeriod {
  /** Readable and unique per convention: `2024-M05`, `2024-Q2`, `2024-H1`, `2024-H2`, `2024-9M`, `2024`, `2024-01-01..2024-05-27`, `..2024-05-27` (as of). */
  readonly id: string;
  readonly type: PeriodType;
  readonly convention: CutoffConvention;
  /** The cut-off day of the month under `nd09` (14 by default); null for calendar periods. */
  readonly cutoffDay: number | null;
  /** First day counted (YYYY-MM-DD). */
  readonly start: string;
  /** Last day counted, also the cut-off date the tasks are classified at. */
  readonly end: string;
  /** e.g. "tháng 5 năm 2024 (từ ngày 15/4/2024 đến ngày 14/5/2024)". */
  readonly labelVi: string;
}

/** Which tasks a report covers. */
export interface ReportScope {
  readonly agency: string | null;
  readonly includeUnits: boolean;
  readonly directive: string | null;
  /**
   * The lead agencies counted, as resolved when the snapshot was taken (the agency, and with
   * includeUnits its units), sorted; null = every agency. Stored so verify needs no directory.
   */
  readonly leadAgencies: readonly string[] | null;
  /** Names for the documents: the agency's and the directive's as they were when taken. */
  readonly agencyName: string | null;
  readonly directiveReference: string | null;
}

export interface OverdueEntry {
  readonly taskId: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly directiveReference: string;
  readonly assignedOn: string;
  readonly deadline: string;
  readonly daysOverdue: number;
}

export interface DoneLateEntry {
  readonly taskId: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly directiveReference: string;
  readonly deadline: string;
  readonly completedOn: string;
  readonly daysLate: number;
}

export interface DeadlineChangeEntry {
  readonly taskId: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly directiveReference: string;
  readonly originalDeadline: string | null;
  readonly deadline: string | null;
}

/** A list behind the figures; long lists keep their first `limit` entries and say how many there were. */
export interface ReportList<E> {
  readonly total: number;
  readonly entries: readonly E[];
  readonly truncated: boolean;
}

/** Everything recomputable from the log up to `position`: what verify compares. */
export interface ReportFigures {
  readonly scope: CompletionStats;
  readonly byAgency: readonly StatsGroup[];
  readonly overdue: ReportList<OverdueEntry>;
  readonly doneLate: ReportList<DoneLateEntry>;
  readonly deadlineChanges: ReportList<DeadlineChangeEntry>;
  /** The same figures for the previous period of the same type, and the change. */
  readonly previous: PeriodComparison | null;
}

export interface PeriodComparison {
  readonly period: ReportPeriod;
  readonly scope: CompletionStats;
  /** Overdue now minus overdue then (positive: more overdue tasks). */
  readonly overdueChange: number;
  /** Percentage points, each rate now minus then (null where either rate has no denominator). */
  readonly rateChangePoints: {
    readonly doneOfAssigned: number | null;
    readonly doneOfDue: number | null;
    readonly onTimeOfDone: number | null;
  };
}

/** A daily anchor of the log, as a snapshot names it (see libs/audit: log anchors). */
export interface SnapshotDailyAnchor {
  /** The Vietnam day of the anchor (YYYY-MM-DD). */
  readonly day: string;
  readonly position: number;
  /** The anchor's own digest (its fields and the link to the previous anchor). */
  readonly anchorDigest: string;
}

/**
 * The log digest at the snapshot's position: one SHA-256 folded over every event up to it (see
 * libs/event-store/src/log-digest.ts). Printed in every document, so a deleted or rewritten
 * stream shows even when every stream's own hash chain was recomputed.
 */
export interface SnapshotLogAnchor {
  /** Always the snapshot's position. */
  readonly position: number;
  /** 64 hex digits. */
  readonly logDigest: string;
  /**
   * The newest daily anchor at or before the position when the snapshot was taken, for checking
   * against the anchor list or its paper copy; null when there was none.
   */
  readonly dailyAnchor: SnapshotDailyAnchor | null;
}

/** A stored snapshot: never modified after it is written. */
export interface ReportSnapshot {
  readonly id: string;
  readonly period: ReportPeriod;
  readonly scope: ReportScope;
  /** The log position the figures reflect. */
  readonly position: number;
  /** ISO-8601 server time it was taken. */
  readonly takenAt: string;
  readonly takenBy: { readonly userId: string; readonly displayName: string | null };
  /** `manual` or the schedule that took it. */
  readonly trigger: string;
  readonly figures: ReportFigures;
  /** Absent from snapshots taken before log anchors existed; they still load and verify. */
  readonly logAnchor?: SnapshotLogAnchor;
  /** SHA-256 (hex) of the canonical JSON of every field above. */
  readonly digest: string;
}
