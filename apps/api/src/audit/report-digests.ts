import type { ReportDigest } from '@chidao/audit';
import type { SnapshotStore } from '@chidao/reporting';

/**
 * The log digest every stored report snapshot recorded at its position, for verification to
 * check against the log (snapshots taken before log anchors existed carry none and are skipped).
 * One read per snapshot: reports number in the hundreds, not the millions.
 */
export async function reportDigestsOf(snapshots: SnapshotStore): Promise<ReportDigest[]> {
  const digests: ReportDigest[] = [];
  let cursor: string | null = null;
  do {
    const page = await snapshots.list({ limit: 200, cursor });
    for (const item of page.items) {
      const anchor = (await snapshots.get(item.id))?.logAnchor;
      if (anchor) {
        digests.push({ report: item.id, position: anchor.position, logDigest: anchor.logDigest });
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return digests;
}
