/**
 * What every anchor store adapter shares: the row it stores, the checks before an insert and
 * the chain rule the insert is decided by, so SQLite and PostgreSQL accept exactly the same
 * anchors.
 */
import {
  assertAnchorShape,
  computeAnchorDigest,
  GENESIS_ANCHOR_DIGEST,
  type Anchor,
} from './log-anchor';

export interface AnchorRow {
  day: string;
  /** A number from SQLite, a string from PostgreSQL's bigint. */
  position: number | string;
  log_digest: string;
  previous_anchor_digest: string;
  anchor_digest: string;
  created_at: string;
}

/** The columns, in the order of anchorRowValues. */
export const ANCHOR_COLUMNS =
  'day, position, log_digest, previous_anchor_digest, anchor_digest, created_at';

/** TypeError when the anchor is malformed or its anchorDigest does not match its fields. */
export function assertInsertableAnchor(anchor: Anchor): void {
  assertAnchorShape(anchor);
  if (computeAnchorDigest(anchor) !== anchor.anchorDigest) {
    throw new TypeError(`anchor ${anchor.day}: anchorDigest does not match its fields`);
  }
}

/**
 * Whether `anchor` may follow `latest` (the newest stored anchor, null when there is none): it
 * links to it, comes on a later day and does not go back in the log.
 */
export function extendsChain(anchor: Anchor, latest: Anchor | null): boolean {
  return latest === null
    ? anchor.previousAnchorDigest === GENESIS_ANCHOR_DIGEST
    : anchor.previousAnchorDigest === latest.anchorDigest &&
        anchor.day > latest.day &&
        anchor.position >= latest.position;
}

export function anchorRowValues(anchor: Anchor): unknown[] {
  return [
    anchor.day,
    anchor.position,
    anchor.logDigest,
    anchor.previousAnchorDigest,
    anchor.anchorDigest,
    anchor.createdAt,
  ];
}

export function toAnchor(row: AnchorRow): Anchor {
  return {
    day: row.day,
    position: Number(row.position),
    logDigest: row.log_digest,
    previousAnchorDigest: row.previous_anchor_digest,
    anchorDigest: row.anchor_digest,
    createdAt: row.created_at,
  };
}
