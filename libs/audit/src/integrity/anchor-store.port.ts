import type { Anchor } from './log-anchor';

export interface AnchorListQuery {
  /** First day (YYYY-MM-DD, inclusive). */
  readonly from?: string;
  /** Last day (YYYY-MM-DD, inclusive). */
  readonly to?: string;
}

/**
 * What an insert did. Anchors form one chain in day order, so an insert only lands when it
 * extends the newest anchor: its day is later and its `previousAnchorDigest` is the newest
 * anchor's `anchorDigest` (64 zeros when there is none).
 */
export type InsertAnchorResult =
  /** Stored. */
  | { readonly status: 'inserted'; readonly anchor: Anchor }
  /** That day already has an anchor (another process was first): here it is, nothing changed. */
  | { readonly status: 'day_taken'; readonly anchor: Anchor }
  /**
   * The anchor does not extend the newest one (another day's anchor landed meanwhile, or the
   * day is not after the newest): nothing changed; `latest` is the newest anchor now.
   */
  | { readonly status: 'stale'; readonly latest: Anchor | null };

/**
 * Insert-only storage of log anchors. Every adapter checks the day and the chain link inside one
 * atomic step, so two processes racing for a day store exactly one anchor, and refuses to change
 * or delete a stored anchor.
 */
export interface AnchorStore {
  /** Throws TypeError when the anchor is malformed or its anchorDigest does not match its fields. */
  insert(anchor: Anchor): Promise<InsertAnchorResult>;
  /** The newest anchor (latest day), or null. */
  latest(): Promise<Anchor | null>;
  forDay(day: string): Promise<Anchor | null>;
  /** Anchors in day order (oldest first), bounds inclusive. */
  list(query?: AnchorListQuery): Promise<Anchor[]>;
  /** The newest anchor whose position is at or before `position`, or null. */
  upTo(position: number): Promise<Anchor | null>;
  close(): Promise<void>;
}
