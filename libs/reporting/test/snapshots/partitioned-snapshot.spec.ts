/**
 * Snapshots of a `tasks` read model fed partition by partition, as Kafka consumers feed it: a
 * partition may be ahead of the generation's position, and figures taken then would count
 * events the snapshot's position does not cover. takeSnapshot, given the read-model store, takes
 * figures only when every partition is level with the position, so verify always agrees.
 */
import { decodeEvent, type StoredEvent } from '@chidao/event-store';
import {
  applyPartitionBatch,
  projectionFingerprint,
  taskTimelineProjection,
  type PartitionEntry,
} from '@chidao/projections';
import * as path from 'node:path';
import { readModelMark } from '../../src/snapshots/read-model-mark';
import { ReadModelNotAtPrefixError, takeSnapshot } from '../../src/snapshots/take-snapshot';
import { verifySnapshot } from '../../src/snapshots/verify-snapshot';
import { appendStories, snapshotRequest as request, TempFiles, type Stores } from './support';

/** May 2024: each task is one stream, so each lands in one partition. */
const STORIES = [
  {
    id: 'a1',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-02',
    deadline: '2024-05-20',
    completion: { completedOn: '2024-05-15', reportedOn: '2024-05-15', confirmedOn: '2024-05-16' },
  },
  { id: 'b1', leadAgency: 'SO-TC', assignedOn: '2024-05-03', deadline: '2024-05-12' },
  {
    id: 'a2',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-04',
    deadline: '2024-05-10',
    completion: { completedOn: '2024-05-18', reportedOn: '2024-05-18', confirmedOn: '2024-05-19' },
  },
  { id: 'b2', leadAgency: 'SO-TC', assignedOn: '2024-05-05', deadline: null },
  { id: 'a3', leadAgency: 'SO-TTTT', assignedOn: '2024-05-06', deadline: '2024-05-08' },
  {
    id: 'b3',
    leadAgency: 'SO-TC',
    assignedOn: '2024-05-07',
    deadline: '2024-05-25',
    extension: { requestedOn: '2024-05-18', approvedOn: '2024-05-20', newDeadline: '2024-06-30' },
  },
];

/** Two partitions of a topic: streams of the `a` tasks in one, the `b` tasks in the other. */
const SOURCES = ['log:0', 'log:1'] as const;
const partitionOf = (event: StoredEvent) => (event.streamId.startsWith('task-a') ? 0 : 1);

describe('snapshots of a read model fed by partitions', () => {
  const temp = new TempFiles();
  let s: Stores;
  let log: StoredEvent[];
  let head: number;
  /** A position with events of both partitions after it. */
  let middle: number;
  const fingerprint = projectionFingerprint(taskTimelineProjection);
  const scratchDir = () => path.join(temp.dir(), 'scratch');

  /** Delivers to one partition its events in (after, upTo], then a watermark at upTo. */
  async function deliver(partition: number, after: number, upTo: number): Promise<void> {
    const entries: PartitionEntry[] = log
      .filter((e) => partitionOf(e) === partition && e.position > after && e.position <= upTo)
      .map((event) => ({ kind: 'event', event: decodeEvent(event) }));
    entries.push({ kind: 'watermark', position: upTo });
    await applyPartitionBatch(
      taskTimelineProjection,
      s.readStore,
      { kind: 'active', fingerprint },
      { source: SOURCES[partition], sources: SOURCES, entries },
    );
  }

  beforeEach(async () => {
    s = await temp.open();
    await appendStories(s.eventStore, STORIES);
    log = [];
    for await (const batch of s.eventStore.readAll({ batchSize: 100 })) log.push(...batch);
    head = log[log.length - 1].position;
    // The stories are appended one after another: the middle falls after b1's events.
    middle = log.filter((e) => e.streamId === 'task-b1').at(-1)!.position;
    expect(log.some((e) => partitionOf(e) === 0 && e.position > middle)).toBe(true);
    expect(log.some((e) => partitionOf(e) === 1 && e.position > middle)).toBe(true);
  });
  afterEach(() => temp.cleanup());

  it('takes the figures at a position short of the head once every partition is level there', async () => {
    await deliver(0, 0, middle);
    await deliver(1, 0, middle);
    expect(await readModelMark(s.readStore)).toEqual({
      generation: 1,
      position: middle,
      atPrefix: true,
    });

    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore, readStore: s.readStore },
      request('level-at-middle'),
    );
    expect(snapshot.position).toBe(middle);
    expect(snapshot.figures.scope.total).toBe(2);
    const verified = await verifySnapshot(snapshot, s, { scratchDir: scratchDir() });
    expect(verified).toMatchObject({ identical: true, differenceCount: 0 });
  });

  it('never takes figures while a partition is ahead of the position: they would not verify', async () => {
    // Partition 0 has everything; partition 1 only up to the middle: the position is the middle.
    await deliver(0, 0, head);
    await deliver(1, 0, middle);
    expect(await readModelMark(s.readStore)).toEqual({
      generation: 1,
      position: middle,
      atPrefix: false,
    });

    // What pinning to the position alone would give: the tasks a2 and a3 counted at `middle`.
    const unsafe = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('pinned-by-position-only'),
    );
    expect(unsafe.position).toBe(middle);
    const refuted = await verifySnapshot(unsafe, s, { scratchDir: scratchDir() });
    expect(refuted.identical).toBe(false);
    expect(refuted.differences).toContainEqual({
      path: 'figures.scope.total',
      stored: 4,
      recomputed: 2,
    });

    // Given the store, it waits for the partitions to be level, and says so when they never are.
    await expect(
      takeSnapshot(
        {
          tasks: s.tasks,
          snapshots: s.snapshots,
          eventStore: s.eventStore,
          readStore: s.readStore,
          prefixTimeoutMs: 200,
        },
        request('never-level'),
      ),
    ).rejects.toBeInstanceOf(ReadModelNotAtPrefixError);
    expect(await s.snapshots.get('never-level')).toBeNull();
  });

  it('waits for the lagging partition, then takes figures that verify', async () => {
    await deliver(0, 0, head);
    await deliver(1, 0, middle);

    const taking = takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore, readStore: s.readStore },
      request('after-catch-up'),
    );
    // The relay's next batch: partition 1 gets the rest, and both the watermark at the head.
    await deliver(1, middle, head);
    const snapshot = await taking;

    expect(snapshot.position).toBe(head);
    expect(snapshot.figures.scope.total).toBe(STORIES.length);
    const verified = await verifySnapshot(snapshot, s, { scratchDir: scratchDir() });
    expect(verified).toMatchObject({ identical: true, differenceCount: 0, logDigestValid: true });
  });
});
