/**
 * The log digest every snapshot carries: taken incrementally from the newest daily anchor,
 * recomputed from position 0 by verify, and the only check that sees a whole stream deleted
 * with positions renumbered and every hash chain recomputed.
 */
import {
  computeLogDigest,
  GENESIS_HASH,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
} from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import type { ReportSnapshot } from '../../src/report.types';
import { checkDigest, digestOf, withDigest } from '../../src/snapshots/report-digest';
import { takeSnapshot, type LogDigestStart } from '../../src/snapshots/take-snapshot';
import { verifySnapshot } from '../../src/snapshots/verify-snapshot';
import {
  appendStories,
  snapshotRequest as request,
  TempFiles,
  type Stores,
  type TaskStory,
} from './support';

const EARLY: TaskStory[] = [
  {
    id: 't1',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-02',
    deadline: '2024-05-20',
    completion: { completedOn: '2024-05-15', reportedOn: '2024-05-15', confirmedOn: '2024-05-16' },
  },
  { id: 't2', leadAgency: 'SO-TC', assignedOn: '2024-05-04', deadline: '2024-05-12' },
];
const LATER: TaskStory[] = [
  { id: 't3', leadAgency: 'SO-TC', assignedOn: '2024-05-07', deadline: null },
  { id: 't4', leadAgency: 'SO-TTTT', assignedOn: '2024-05-08', deadline: '2024-05-30' },
];

/** Events of a stream no report reads (e.g. a note): deleting it changes no figure. */
/** An event of a stream the tasks read model ignores (an auditor's read of a task list). */
const note = (index: number): NewEvent => ({
  type: 'AuditorReadRecorded',
  schemaVersion: 1,
  data: { method: 'GET', path: '/api/tasks', query: { page: String(index) } },
  metadata: { actor: 'u-vp', agency: null, correlationId: `note-${index}`, causationId: null },
  occurredOn: '2024-05-20',
});

/** The same store, recording the `after` of every readAll. */
function recordingReads(store: EventStore, afters: number[]): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') {
        return (options?: ReadAllOptions) => {
          afters.push(options?.after ?? 0);
          return target.readAll(options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the log anchor of a report snapshot', () => {
  const temp = new TempFiles();
  let s: Stores;

  beforeEach(async () => {
    s = await temp.open();
    await appendStories(s.eventStore, EARLY);
  });
  afterEach(() => temp.cleanup());

  const verify = (snapshot: ReportSnapshot) =>
    verifySnapshot(snapshot, { eventStore: s.eventStore }, { scratchDir: temp.dir() });

  it('holds the log digest at exactly its position, folded from 0 when there is no anchor', async () => {
    await s.project();
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    const fromZero = await computeLogDigest(s.eventStore, snapshot.position);
    expect(snapshot.logAnchor).toEqual({
      position: snapshot.position,
      logDigest: fromZero.digest,
      dailyAnchor: null,
    });
    // The snapshot digest covers it: another log digest is another snapshot.
    expect(checkDigest(snapshot)).toBe(true);
    const { digest: _d, ...fields } = snapshot;
    const forged = { ...fields, logAnchor: { ...snapshot.logAnchor!, logDigest: GENESIS_HASH } };
    expect(digestOf(forged)).not.toBe(snapshot.digest);
    expect(await s.snapshots.get('r-1')).toEqual(snapshot);
  });

  it('continues from the newest daily anchor at or before its position, with the same digest', async () => {
    const anchorPosition = await s.eventStore.headPosition();
    const atAnchor = await computeLogDigest(s.eventStore, anchorPosition);
    const anchor: LogDigestStart = {
      day: '2024-05-31',
      position: anchorPosition,
      logDigest: atAnchor.digest,
      anchorDigest: '9a8b7c6d'.repeat(8),
    };
    await appendStories(s.eventStore, LATER);
    await s.project();

    const asked: number[] = [];
    const afters: number[] = [];
    const snapshot = await takeSnapshot(
      {
        tasks: s.tasks,
        snapshots: s.snapshots,
        eventStore: recordingReads(s.eventStore, afters),
        digestStart: (position) => {
          asked.push(position);
          return Promise.resolve(anchor);
        },
      },
      request('r-1'),
    );
    expect(snapshot.position).toBeGreaterThan(anchorPosition);
    expect(asked).toEqual([snapshot.position]);
    // Only the events after the anchor were read.
    expect(afters).toEqual([anchorPosition]);
    expect(snapshot.logAnchor).toEqual({
      position: snapshot.position,
      logDigest: (await computeLogDigest(s.eventStore, snapshot.position)).digest,
      dailyAnchor: {
        day: '2024-05-31',
        position: anchorPosition,
        anchorDigest: anchor.anchorDigest,
      },
    });

    const result = await verify(snapshot);
    expect(result).toMatchObject({
      identical: true,
      digestValid: true,
      logDigestValid: true,
      recomputedLogDigest: snapshot.logAnchor!.logDigest,
      integrity: { ok: true },
    });
  });

  it('is checked from position 0 by verify, never trusting the anchor it started from', async () => {
    await appendStories(s.eventStore, LATER);
    await s.project();
    const position = await s.eventStore.headPosition();
    // A stored anchor whose digest was tampered with: the snapshot inherits the wrong digest.
    const snapshot = await takeSnapshot(
      {
        tasks: s.tasks,
        snapshots: s.snapshots,
        eventStore: s.eventStore,
        digestStart: () =>
          Promise.resolve({
            day: '2024-05-31',
            position: position - 1,
            logDigest: GENESIS_HASH,
            anchorDigest: '9a8b7c6d'.repeat(8),
          }),
      },
      request('r-1'),
    );
    const result = await verify(snapshot);
    expect(result.identical).toBe(true);
    expect(result.logDigestValid).toBe(false);
    expect(result.recomputedLogDigest).toBe(
      (await computeLogDigest(s.eventStore, position)).digest,
    );
  });

  it('catches a whole stream deleted with positions renumbered and every chain recomputed', async () => {
    // A note stream interleaved with the tasks, then more after the snapshot.
    for (let i = 0; i < 3; i += 1) await s.eventStore.append('note-doomed', [note(i)]);
    await appendStories(s.eventStore, LATER);
    await s.project();
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    for (let i = 0; i < 5; i += 1) await s.eventStore.append('note-other', [note(10 + i)]);
    expect((await verify(snapshot)).logDigestValid).toBe(true);

    // The careful attacker, with the file and sqlite3: the chains and positions all check.
    expect(new SqliteLogTamper(s.file).eraseStream('note-doomed')).toHaveLength(3);

    const result = await verify(snapshot);
    // Every other check still passes: the figures, the snapshot's digest, the chains up to it.
    expect(result.identical).toBe(true);
    expect(result.digestValid).toBe(true);
    expect(result.integrity.ok).toBe(true);
    expect(result.logDigestValid).toBe(false);
    expect(result.recomputedLogDigest).not.toBe(snapshot.logAnchor!.logDigest);
  });

  it('still verifies a snapshot from before log anchors, saying the digest was not checked', async () => {
    await s.project();
    const taken = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    const { digest: _d, logAnchor: _a, ...fields } = taken;
    await s.snapshots.save(withDigest({ ...fields, id: 'r-old' }));
    const read = (await s.snapshots.get('r-old')) as ReportSnapshot;
    expect(read.logAnchor).toBeUndefined();

    const result = await verify(read);
    expect(result).toMatchObject({ identical: true, digestValid: true, logDigestValid: null });
    expect(result.recomputedLogDigest).toBe(taken.logAnchor!.logDigest);
  });
});
