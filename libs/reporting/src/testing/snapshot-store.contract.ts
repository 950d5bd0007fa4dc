/**
 * The contract every SnapshotStore adapter passes (SQLite now, PostgreSQL next). Call it inside
 * a spec file with a harness that opens a fresh, empty store per test.
 */
import { canonicalJson } from '@chidao/event-store';
import type { ReportSnapshot } from '../report.types';
import { checkDigest, withDigest } from '../snapshots/report-digest';
import {
  isSnapshotExistsError,
  scopeKeyOf,
  type SnapshotStore,
} from '../snapshots/snapshot-store.port';

interface SnapshotStoreHarness {
  readonly name: string;
  /** A fresh empty store (SQLite opens synchronously, PostgreSQL does not). */
  open(): SnapshotStore | Promise<SnapshotStore>;
  /** Runs after each test (close, delete files). */
  cleanup(): Promise<void>;
}

export function sampleSnapshot(
  overrides: Partial<Omit<ReportSnapshot, 'digest'>> & {
    periodId?: string;
    agency?: string | null;
  } = {},
): ReportSnapshot {
  const { periodId = '2024-M05', agency = 'SO-TTTT', ...rest } = overrides;
  const stats = {
    total: 3,
    done: { total: 2, onTime: 1, late: 1, noDeadline: 0 },
    notDone: { total: 1, withinDeadline: 0, overdue: 1, noDeadline: 0, awaitingConfirmation: 0 },
    deadlineChanged: 0,
    overdueOver30Days: 0,
    overdueOver120Days: 0,
    rates: {
      doneOfAssigned: { numerator: 2, denominator: 3, percent: 66.66, display: '66,66%' },
      doneOfDue: { numerator: 2, denominator: 3, percent: 66.66, display: '66,66%' },
      onTimeOfDone: { numerator: 1, denominator: 2, percent: 50, display: '50%' },
      overdueShare: { numerator: 1, denominator: 3, percent: 33.33, display: '33,33%' },
    },
    summaryVi: 'Tiếp nhận 3 nhiệm vụ; hoàn thành 2/3 nhiệm vụ, đạt 66,66%',
  };
  return withDigest({
    id: 'snap-1',
    period: {
      id: periodId,
      type: 'month',
      convention: 'calendar',
      cutoffDay: null,
      start: '2024-05-01',
      end: '2024-05-31',
      labelVi: 'tháng 5 năm 2024',
    },
    scope: {
      agency,
      includeUnits: false,
      directive: null,
      leadAgencies: agency === null ? null : [agency],
      agencyName: agency === null ? null : `Sở ${agency} — “đơn vị” ✓`,
      directiveReference: null,
    },
    position: 42,
    takenAt: '2024-06-01T00:00:00.000Z',
    takenBy: { userId: 'u-1', displayName: 'Nguyễn Văn A' },
    trigger: 'manual',
    figures: {
      scope: stats,
      byAgency: [{ key: 'SO-TTTT', label: 'SO-TTTT', stats }],
      overdue: { total: 0, entries: [], truncated: false },
      doneLate: { total: 0, entries: [], truncated: false },
      deadlineChanges: { total: 0, entries: [], truncated: false },
      previous: null,
    },
    logAnchor: {
      position: 42,
      logDigest: '3f7a0c1d5e2b4a69'.repeat(4),
      dailyAnchor: { day: '2024-05-31', position: 40, anchorDigest: '9a8b7c6d'.repeat(8) },
    },
    ...rest,
  });
}

/** A snapshot as stored before log anchors existed: no `logAnchor` key at all. */
function sampleSnapshotWithoutLogAnchor(id = 'snap-old'): ReportSnapshot {
  const { digest: _digest, logAnchor: _anchor, ...fields } = sampleSnapshot({ id });
  return withDigest(fields);
}

export function describeSnapshotStoreContract(harness: SnapshotStoreHarness): void {
  describe(`SnapshotStore contract: ${harness.name}`, () => {
    let store: SnapshotStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(() => harness.cleanup());

    it('reads a saved snapshot back byte for byte, with the same digest', async () => {
      const snapshot = sampleSnapshot();
      await store.save(snapshot);
      expect(await store.getJson(snapshot.id)).toBe(canonicalJson(snapshot));
      const read = await store.get(snapshot.id);
      expect(read).toEqual(snapshot);
      expect(checkDigest(read as ReportSnapshot)).toBe(true);
      expect(await store.get('missing')).toBeNull();
    });

    it('keeps the log anchor, and reads back a snapshot from before log anchors as stored', async () => {
      const snapshot = sampleSnapshot();
      await store.save(snapshot);
      expect((await store.get(snapshot.id))?.logAnchor).toEqual(snapshot.logAnchor);

      const old = sampleSnapshotWithoutLogAnchor();
      await store.save(old);
      expect(await store.getJson(old.id)).toBe(canonicalJson(old));
      const read = (await store.get(old.id)) as ReportSnapshot;
      expect('logAnchor' in read).toBe(false);
      expect(checkDigest(read)).toBe(true);
    });

    it('refuses a second save of the same id, even with other content', async () => {
      const snapshot = sampleSnapshot();
      await store.save(snapshot);
      const other = sampleSnapshot({ position: 43 });
      const error = await store.save(other).catch((e: unknown) => e);
      expect(isSnapshotExistsError(error)).toBe(true);
      expect((await store.get(snapshot.id))?.position).toBe(42);
    });

    it('lists newest first with filters and a cursor', async () => {
      const taken = (i: number) => `2024-06-0${i}T00:00:00.000Z`;
      await store.save(sampleSnapshot({ id: 'a', takenAt: taken(1) }));
      await store.save(sampleSnapshot({ id: 'b', takenAt: taken(2), periodId: '2024-M06' }));
      await store.save(sampleSnapshot({ id: 'c', takenAt: taken(2), agency: null }));
      await store.save(sampleSnapshot({ id: 'd', takenAt: taken(3), agency: 'SO-TC' }));

      const ids = async (q: Parameters<SnapshotStore['list']>[0]) =>
        (await store.list(q)).items.map((s) => s.id);
      expect(await ids({ limit: 10 })).toEqual(['d', 'c', 'b', 'a']);
      expect(await ids({ limit: 10, periodId: '2024-M06' })).toEqual(['b']);
      expect(await ids({ limit: 10, agency: null })).toEqual(['c']);
      expect(await ids({ limit: 10, agency: 'SO-TTTT' })).toEqual(['b', 'a']);
      expect(await ids({ limit: 10, type: 'quarter' })).toEqual([]);

      const first = await store.list({ limit: 2 });
      expect(first.items.map((s) => s.id)).toEqual(['d', 'c']);
      const second = await store.list({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((s) => s.id)).toEqual(['b', 'a']);
      expect(second.nextCursor).toBeNull();
    });

    it('finds the latest snapshot of a period and scope', async () => {
      const scopeKey = scopeKeyOf(sampleSnapshot().scope);
      expect(await store.latestFor('2024-M05', scopeKey)).toBeNull();
      await store.save(sampleSnapshot({ id: 'old', takenAt: '2024-06-01T00:00:00.000Z' }));
      await store.save(sampleSnapshot({ id: 'new', takenAt: '2024-06-05T00:00:00.000Z' }));
      await store.save(
        sampleSnapshot({ id: 'other', takenAt: '2024-06-09T00:00:00.000Z', agency: 'SO-TC' }),
      );
      expect((await store.latestFor('2024-M05', scopeKey))?.id).toBe('new');
    });
  });
}
