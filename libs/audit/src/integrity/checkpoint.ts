/**
 * Signed checkpoints: the log digest (see `@chidao/event-store` log-digest) at a position, signed
 * with an Ed25519 key kept outside the data directory and sent to witnesses outside it.
 *
 * Daily anchors live in the log's own database, unsigned: whoever owns the data directory can
 * rewrite an event, recompute the chains *and* the anchors. A checkpoint cannot be recomputed
 * without the private key, and its copies at the witnesses cannot be rewritten by the owner of
 * the data directory, so the log up to a checkpoint's position is pinned.
 *
 * Each checkpoint also carries a short prefix of the hash of every event since the previous
 * checkpoint, so verification names the first event whose hash changed, not just a range.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@chidao/event-store';

/** Hex digits of each event hash a checkpoint keeps (64 bits: enough to locate, not to prove). */
export const EVENT_HASH_PREFIX = 16;

export type CheckpointReason = 'start' | 'count' | 'time' | 'report' | 'shutdown' | 'manual';

export interface CheckpointFields {
  readonly version: 1;
  /** The head of the log the checkpoint covers (0: empty log). */
  readonly position: number;
  /** h_position (log digest). */
  readonly logDigest: string;
  /** Where this checkpoint's events start: the previous checkpoint's position (0 at first). */
  readonly previousPosition: number;
  readonly previousLogDigest: string;
  /** EVENT_HASH_PREFIX hex digits of each event hash in previousPosition+1..position, joined. */
  readonly eventHashes: string;
  readonly reason: CheckpointReason;
  /** ISO-8601 UTC instant it was taken. */
  readonly createdAt: string;
  /** The signing key's id (keyIdOf its public key), so a rotated key is told apart. */
  readonly keyId: string;
}

export interface SignedCheckpoint extends CheckpointFields {
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  readonly signature: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The first 16 hex digits of SHA-256 over the public key's DER (SPKI). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, Buffer.from(signedPayload(fields), 'utf8'), privateKey);
  return { ...pickFields(fields), signature: signature.toString('base64') };
}

/**
 * Why `checkpoint` cannot be trusted with `publicKey`, or null when its shape holds and its
 * signature is that key's over exactly these fields.
 */
export function checkpointProblem(
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
): string | null {
  const shape = shapeProblem(checkpoint);
  if (shape) return shape;
  if (checkpoint.keyId !== keyIdOf(publicKey)) {
    return `it was signed by key ${checkpoint.keyId}, not by the configured key ${keyIdOf(publicKey)}`;
  }
  const ok = verify(
    null,
    Buffer.from(signedPayload(checkpoint), 'utf8'),
    publicKey,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return ok ? null : 'its signature does not match its fields (forged or altered)';
}

/** The expected hash prefix of the event at `position`, which must be in the checkpoint's range. */
export function eventHashPrefixAt(checkpoint: CheckpointFields, position: number): string {
  const offset = (position - checkpoint.previousPosition - 1) * EVENT_HASH_PREFIX;
  return checkpoint.eventHashes.slice(offset, offset + EVENT_HASH_PREFIX);
}

function shapeProblem(c: SignedCheckpoint): string | null {
  if (c === null || typeof c !== 'object') return 'it is not an object';
  if (c.version !== 1) return `unknown version ${String(c.version)}`;
  for (const key of ['position', 'previousPosition'] as const) {
    if (!Number.isSafeInteger(c[key]) || c[key] < 0) return `${key} is not an integer >= 0`;
  }
  if (c.previousPosition > c.position) return 'previousPosition is after position';
  for (const key of ['logDigest', 'previousLogDigest'] as const) {
    if (typeof c[key] !== 'string' || !HEX64.test(c[key])) return `${key} is not 64 hex digits`;
  }
  const expectedLength = (c.position - c.previousPosition) * EVENT_HASH_PREFIX;
  if (typeof c.eventHashes !== 'string' || c.eventHashes.length !== expectedLength) {
    return `eventHashes does not hold one prefix per event ${c.previousPosition + 1}..${c.position}`;
  }
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt))) {
    return 'createdAt is not an ISO-8601 instant';
  }
  if (typeof c.signature !== 'string' || typeof c.keyId !== 'string') return 'it is not signed';
  return null;
}

function signedPayload(fields: CheckpointFields): string {
  return canonicalJson(pickFields(fields));
}

function pickFields(f: CheckpointFields): CheckpointFields {
  const { version, position, logDigest, previousPosition, previousLogDigest } = f;
  const { eventHashes, reason, createdAt, keyId } = f;
  return {
    version,
    position,
    logDigest,
    previousPosition,
    previousLogDigest,
    eventHashes,
    reason,
    createdAt,
    keyId,
  };
}
