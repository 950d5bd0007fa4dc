/**
 * Log anchors: the log digest (see `@chidao/event-store` log-digest) at the head of the log,
 * taken once a day and chained one anchor to the next, so that removing, inserting or editing an
 * anchor breaks the chain after it.
 */
import { createHash } from 'node:crypto';
import { isCalendarDate, vietnamDateOf } from '@chidao/domain';
import { canonicalJson, GENESIS_HASH } from '@chidao/event-store';

/** The previous digest of the first anchor. */
export const GENESIS_ANCHOR_DIGEST = GENESIS_HASH;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * One anchor per Vietnam calendar day. `anchorDigest` = SHA-256 (hex) of the canonical JSON of
 * every other field, and `previousAnchorDigest` is the previous anchor's `anchorDigest` (64 zeros
 * for the first): removing, inserting or editing an anchor breaks the chain after it.
 */
export interface Anchor {
  /** YYYY-MM-DD, Vietnam time: the day the anchor was taken. */
  readonly day: string;
  /** The head of the log when the anchor was taken (0: empty log). */
  readonly position: number;
  /** h_position, see above. */
  readonly logDigest: string;
  readonly previousAnchorDigest: string;
  readonly anchorDigest: string;
  /** ISO-8601 UTC instant the anchor was taken (its Vietnam date is `day`). */
  readonly createdAt: string;
}

type AnchorFields = Omit<Anchor, 'anchorDigest'>;

export function computeAnchorDigest(fields: AnchorFields): string {
  const { day, position, logDigest, previousAnchorDigest, createdAt } = fields;
  return createHash('sha256')
    .update(canonicalJson({ day, position, logDigest, previousAnchorDigest, createdAt }), 'utf8')
    .digest('hex');
}

/** Builds an anchor with its digest, refusing malformed fields. */
export function createAnchor(fields: AnchorFields): Anchor {
  const anchor = { ...pickFields(fields), anchorDigest: computeAnchorDigest(fields) };
  assertAnchorShape(anchor);
  return anchor;
}

/** Throws a TypeError naming the first malformed field (shape only, not the chain). */
export function assertAnchorShape(anchor: Anchor): void {
  if (!isCalendarDate(anchor.day)) {
    throw new TypeError(`anchor: day must be YYYY-MM-DD, got ${String(anchor.day)}`);
  }
  if (!Number.isSafeInteger(anchor.position) || anchor.position < 0) {
    throw new TypeError(`anchor ${anchor.day}: position must be an integer >= 0`);
  }
  for (const key of ['logDigest', 'previousAnchorDigest', 'anchorDigest'] as const) {
    if (typeof anchor[key] !== 'string' || !HEX64.test(anchor[key])) {
      throw new TypeError(`anchor ${anchor.day}: ${key} must be 64 lower-case hex digits`);
    }
  }
  if (typeof anchor.createdAt !== 'string' || Number.isNaN(Date.parse(anchor.createdAt))) {
    throw new TypeError(`anchor ${anchor.day}: createdAt must be an ISO-8601 instant`);
  }
  if (vietnamDateOf(anchor.createdAt) !== anchor.day) {
    throw new TypeError(`anchor ${anchor.day}: createdAt ${anchor.createdAt} is another day`);
  }
}

function pickFields(fields: AnchorFields): AnchorFields {
  const { day, position, logDigest, previousAnchorDigest, createdAt } = fields;
  return { day, position, logDigest, previousAnchorDigest, createdAt };
}
