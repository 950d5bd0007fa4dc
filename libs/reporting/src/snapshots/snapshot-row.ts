/**
 * The row every snapshot adapter stores and the paging they answer with, so that SQLite and
 * PostgreSQL agree on columns, limits and cursors: a page link works whichever store answers it.
 */
import { canonicalJson } from '@chidao/event-store';
import type { ReportSnapshot } from '../report.types';
import {
  scopeKeyOf,
  type SnapshotListQuery,
  type SnapshotPage,
  type SnapshotSummary,
} from './snapshot-store.port';

export interface SnapshotRow {
  id: string;
  period_id: string;
  period_type: string;
  scope_key: string;
  agency: string | null;
  /** A number from SQLite, a string from PostgreSQL's bigint. */
  position: number | string;
  taken_at: string;
  trigger: string;
  digest: string;
}

/** The summary columns, in the order of snapshotRowValues (whose last value is `json`). */
export const SNAPSHOT_SUMMARY_COLUMNS =
  'id, period_id, period_type, scope_key, agency, position, taken_at, trigger, digest';

const MAX_LIMIT = 200;

/** The values of SNAPSHOT_SUMMARY_COLUMNS then `json`: the canonical JSON the digest covers. */
export function snapshotRowValues(snapshot: ReportSnapshot): unknown[] {
  return [
    snapshot.id,
    snapshot.period.id,
    snapshot.period.type,
    scopeKeyOf(snapshot.scope),
    snapshot.scope.agency,
    snapshot.position,
    snapshot.takenAt,
    snapshot.trigger,
    snapshot.digest,
    canonicalJson(snapshot),
  ];
}

export const parseSnapshot = (json: string): ReportSnapshot => JSON.parse(json) as ReportSnapshot;

/** The query's limit, refused before any SQL runs when it is not in 1..200. */
export function pageLimit(query: SnapshotListQuery): number {
  const limit = query.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new TypeError(`limit must be an integer in 1..${MAX_LIMIT}`);
  }
  return limit;
}

/** `rows` were read with LIMIT limit + 1: one more than the page says whether a next one exists. */
export function toSnapshotPage(rows: readonly SnapshotRow[], limit: number): SnapshotPage {
  const page = rows.slice(0, limit).map(toSummary);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last.takenAt, last.id) : null,
  };
}

function toSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    periodId: row.period_id,
    periodType: row.period_type as SnapshotSummary['periodType'],
    scopeKey: row.scope_key,
    agency: row.agency,
    position: Number(row.position),
    takenAt: row.taken_at,
    trigger: row.trigger,
    digest: row.digest,
  };
}

const encodeCursor = (takenAt: string, id: string): string =>
  Buffer.from(JSON.stringify([takenAt, id]), 'utf8').toString('base64url');

/** The (takenAt, id) a page ended at; TypeError for anything that is not a cursor of ours. */
export function decodeSnapshotCursor(cursor: string): { takenAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { takenAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new TypeError('Invalid cursor');
}
