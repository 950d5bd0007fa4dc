import { createHash } from 'node:crypto';
import { canonicalJson } from '@chidao/event-store';
import type { ReportSnapshot } from '../report.types';

type UnsignedSnapshot = Omit<ReportSnapshot, 'digest'>;

/** SHA-256 (hex) of the canonical JSON of every field but `digest`. */
export function digestOf(snapshot: UnsignedSnapshot): string {
  const { digest: _ignored, ...fields } = snapshot as UnsignedSnapshot & { digest?: unknown };
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}

export function withDigest(snapshot: UnsignedSnapshot): ReportSnapshot {
  const { digest: _ignored, ...fields } = snapshot as UnsignedSnapshot & { digest?: unknown };
  return { ...fields, digest: digestOf(fields) };
}

/** True when the stored digest is the digest of the stored content. */
export function checkDigest(snapshot: ReportSnapshot): boolean {
  return digestOf(snapshot) === snapshot.digest;
}
