import { isCalendarDate } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { AnchorStore } from './anchor-store.port';
import { computeLogDigest, groupDigest } from '@chidao/event-store';
import type { Anchor } from './log-anchor';

/** What an auditor reads off a printed report. */
interface PaperAnchor {
  /**
   * YYYY-MM-DD for a daily anchor's line; null for a report's own line ("Neo nhật ký: vị trí …"),
   * which names a position, not a day.
   */
  readonly day: string | null;
  readonly position: number;
  /** The log digest, 64 hex digits; spaces and upper case are accepted. */
  readonly digest: string;
}

/**
 * The line printed in every report snapshot and on paper, e.g.
 * `Neo nhật ký ngày 27/05/2024: vị trí 12.345, mã SHA-256 3f7a0c1d 5e… (8 groups of 8)`.
 * The digest is the *log* digest: anyone can recompute it from the log alone.
 */
export function formatAnchorForPaper(
  anchor: Pick<Anchor, 'day' | 'position' | 'logDigest'>,
): string {
  const [year, month, day] = anchor.day.split('-');
  return (
    `Neo nhật ký ngày ${day}/${month}/${year}: vị trí ${groupThousands(anchor.position)}, ` +
    `mã SHA-256 ${groupDigest(anchor.logDigest)}`
  );
}

/** `3f7a0c1d 5e…`: the 64 hex digits in groups of 8 (shared with the report snapshots). */
export { groupDigest };

// The first "…: vị trí N, mã SHA-256 …" of the text: a daily anchor's line (with its day) or a
// report's line (without; a report's "(neo ngày …, mã neo …)" part is not a log digest).
const PAPER_LINE =
  /(?:ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s*)?:\s*vị\s+trí\s+([\d.\s]+?)\s*,\s*mã\s+SHA-256\s*:?\s*((?:[0-9a-f]\s*){64})/iu;

/** Reads a printed line back (as typed by an auditor); null when it is not one. */
export function parsePaperAnchor(text: string): PaperAnchor | null {
  const match = PAPER_LINE.exec(text.normalize('NFC'));
  if (!match) return null;
  const day =
    match[3] === undefined
      ? null
      : `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  const position = Number(match[4].replace(/[.\s]/g, ''));
  if ((day !== null && !isCalendarDate(day)) || !Number.isSafeInteger(position)) return null;
  return { day, position, digest: normalizeDigest(match[5]) };
}

export type PaperAnchorProblem =
  /** The digest or position is not well formed. */
  | 'malformed'
  /** The log ends before the printed position. */
  | 'beyond_head'
  /** The log yields another digest at that position: something up to it was changed. */
  | 'digest_mismatch';

export interface PaperAnchorCheck {
  readonly ok: boolean;
  readonly problem: PaperAnchorProblem | null;
  readonly day: string | null;
  readonly position: number;
  /** The printed digest, normalised. */
  readonly expectedDigest: string;
  /** The digest the log yields at the position (null when it does not reach it). */
  readonly actualDigest: string | null;
  readonly headPosition: number;
  /**
   * When an anchor store was given: whether the stored anchor of that day has the printed
   * position and digest (`different` means the anchor table was rewritten, or the paper is not
   * from this log).
   */
  readonly storedAnchor?: 'same' | 'different' | 'missing';
}

/**
 * Whether the log still yields the printed digest at the printed position. Recomputes from
 * position 0 and trusts nothing stored beside the events (not the anchors): one pass over the log
 * up to the position, one batch in memory.
 */
export async function checkPaperAnchor(
  eventStore: EventStore,
  paper: PaperAnchor,
  options: { readonly anchors?: AnchorStore; readonly batchSize?: number } = {},
): Promise<PaperAnchorCheck> {
  const expectedDigest = normalizeDigest(paper.digest);
  const headPosition = await eventStore.headPosition();
  const base = { day: paper.day, position: paper.position, expectedDigest, headPosition };
  // A report's line names no day: there is no stored daily anchor to compare it with.
  const stored =
    options.anchors && paper.day !== null
      ? await storedAgreement(options.anchors, paper, expectedDigest)
      : undefined;
  const withStored = stored === undefined ? {} : { storedAnchor: stored };

  if (
    !/^[0-9a-f]{64}$/.test(expectedDigest) ||
    !Number.isSafeInteger(paper.position) ||
    paper.position < 0
  ) {
    return { ...base, ok: false, problem: 'malformed', actualDigest: null, ...withStored };
  }
  if (paper.position > headPosition) {
    return { ...base, ok: false, problem: 'beyond_head', actualDigest: null, ...withStored };
  }
  const computed = await computeLogDigest(eventStore, paper.position, {
    batchSize: options.batchSize,
  });
  const ok = computed.digest === expectedDigest;
  return {
    ...base,
    ok,
    problem: ok ? null : 'digest_mismatch',
    actualDigest: computed.digest,
    ...withStored,
  };
}

async function storedAgreement(
  anchors: AnchorStore,
  paper: PaperAnchor,
  digest: string,
): Promise<'same' | 'different' | 'missing'> {
  const anchor = await anchors.forDay(paper.day as string);
  if (!anchor) return 'missing';
  return anchor.position === paper.position && anchor.logDigest === digest ? 'same' : 'different';
}

function normalizeDigest(digest: string): string {
  return digest.replace(/\s+/g, '').toLowerCase();
}

/** 12345 → `12.345` (Vietnamese thousands separator). */
function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
