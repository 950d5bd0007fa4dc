import type { PeriodType, ReportScope, ReportSnapshot } from '../report.types';

export interface SnapshotListQuery {
  readonly periodId?: string;
  readonly type?: PeriodType;
  /** Snapshots whose scope is this agency (`null`: province-wide ones). */
  readonly agency?: string | null;
  /** 1..200. */
  readonly limit: number;
  /** nextCursor of the previous page. */
  readonly cursor?: string | null;
}

export interface SnapshotSummary {
  readonly id: string;
  readonly periodId: string;
  readonly periodType: PeriodType;
  readonly scopeKey: string;
  readonly agency: string | null;
  readonly position: number;
  readonly takenAt: string;
  readonly trigger: string;
  readonly digest: string;
}

export interface SnapshotPage {
  /** Newest first (takenAt, then id, descending). */
  readonly items: readonly SnapshotSummary[];
  readonly nextCursor: string | null;
}

/**
 * Immutable report snapshots. Every adapter stores the snapshot's canonical JSON as is, so what
 * `get` returns has the same digest as what was saved, and refuses to change or delete one.
 */
export interface SnapshotStore {
  /** Inserts; SnapshotExistsError when the id is taken (whatever the content). */
  save(snapshot: ReportSnapshot): Promise<void>;
  get(id: string): Promise<ReportSnapshot | null>;
  /** The exact stored bytes (canonical JSON), for byte-for-byte checks. */
  getJson(id: string): Promise<string | null>;
  list(query: SnapshotListQuery): Promise<SnapshotPage>;
  /** The newest snapshot of that period and scope (see scopeKeyOf). */
  latestFor(periodId: string, scopeKey: string): Promise<ReportSnapshot | null>;
  close(): Promise<void>;
}

export class SnapshotExistsError extends Error {
  readonly code = 'snapshot_exists';

  constructor(readonly id: string) {
    super(`A report snapshot ${id} already exists`);
    this.name = 'SnapshotExistsError';
  }
}

export const isSnapshotExistsError = (error: unknown): error is SnapshotExistsError =>
  error instanceof SnapshotExistsError;

/** `agency=<code|*>[+units];directive=<id|*>`: names the set of tasks, not the labels. */
export function scopeKeyOf(
  scope: Pick<ReportScope, 'agency' | 'includeUnits' | 'directive'>,
): string {
  const agency = scope.agency ?? '*';
  return `agency=${agency}${scope.includeUnits ? '+units' : ''};directive=${scope.directive ?? '*'}`;
}
