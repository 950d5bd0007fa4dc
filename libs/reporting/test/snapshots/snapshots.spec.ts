import { canonicalJson } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { completionStats } from '@chidao/projections';
import { computeReportFigures, rateChangePoints } from '../../src/snapshots/report-figures';
import { checkDigest, digestOf } from '../../src/snapshots/report-digest';
import { takeSnapshot } from '../../src/snapshots/take-snapshot';
import { verifySnapshot } from '../../src/snapshots/verify-snapshot';
import {
  appendEvents,
  appendStories,
  eventsOf,
  MAY_2024,
  month,
  snapshotRequest as request,
  TempFiles,
  type Stores,
  type TaskStory,
} from './support';

const STORIES: TaskStory[] = [
  {
    id: 't1',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-02',
    deadline: '2024-05-20',
    completion: { completedOn: '2024-05-15', reportedOn: '2024-05-15', confirmedOn: '2024-05-16' },
  },
  {
    id: 't2',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-03',
    deadline: '2024-05-10',
    completion: { completedOn: '2024-05-18', reportedOn: '2024-05-18', confirmedOn: '2024-05-19' },
  },
  { id: 't3', leadAgency: 'SO-TC', assignedOn: '2024-05-04', deadline: '2024-05-12' },
  {
    id: 't4',
    leadAgency: 'SO-TC',
    assignedOn: '2024-05-05',
    deadline: '2024-05-25',
    extension: { requestedOn: '2024-05-18', approvedOn: '2024-05-20', newDeadline: '2024-06-30' },
  },
  { id: 't5', leadAgency: 'SO-TTTT', assignedOn: '2024-05-06', deadline: '2024-05-08' },
  { id: 't6', leadAgency: 'SO-TC', assignedOn: '2024-05-07', deadline: null },
  // April (the previous period): one overdue at 30/4, one done on time.
  { id: 't7', leadAgency: 'SO-TC', assignedOn: '2024-04-10', deadline: '2024-04-20' },
  {
    id: 't8',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-04-12',
    deadline: '2024-04-25',
    completion: { completedOn: '2024-04-22', reportedOn: '2024-04-22', confirmedOn: '2024-04-24' },
  },
  // June: outside May.
  { id: 't9', leadAgency: 'SO-TC', assignedOn: '2024-06-02', deadline: '2024-06-10' },
];

describe('report snapshots', () => {
  const temp = new TempFiles();
  let s: Stores;

  beforeEach(async () => {
    s = await temp.open();
    await appendStories(s.eventStore, STORIES);
    await s.project();
  });
  afterEach(() => temp.cleanup());

  it('computes the figures completionStats gives for the same period, with the lists', async () => {
    const figures = await computeReportFigures(s.tasks, { period: MAY_2024 });
    const stats = await completionStats(s.tasks, {
      from: MAY_2024.start,
      to: MAY_2024.end,
      asOf: MAY_2024.end,
      groupBy: 'agency',
    });
    expect(figures.scope).toEqual(stats.scope);
    expect(figures.byAgency).toEqual(stats.groups);
    expect(figures.scope.total).toBe(6);
    expect(figures.scope.done).toEqual({ total: 2, onTime: 1, late: 1, noDeadline: 0 });
    expect(figures.overdue.entries.map((e) => [e.taskId, e.daysOverdue])).toEqual([
      ['t5', 23],
      ['t3', 19],
    ]);
    expect(figures.doneLate.entries).toEqual([
      expect.objectContaining({
        taskId: 't2',
        deadline: '2024-05-10',
        completedOn: '2024-05-18',
        daysLate: 8,
      }),
    ]);
    expect(figures.deadlineChanges.entries).toEqual([
      expect.objectContaining({
        taskId: 't4',
        originalDeadline: '2024-05-25',
        deadline: '2024-06-30',
      }),
    ]);

    const april = await completionStats(s.tasks, {
      from: '2024-04-01',
      to: '2024-04-30',
      asOf: '2024-04-30',
    });
    expect(figures.previous?.period).toEqual(month(2024, 4));
    expect(figures.previous?.scope).toEqual(april.scope);
    expect(figures.previous?.overdueChange).toBe(2 - 1);
    // 2/6 − 1/1 on-time-of-done etc., from exact fractions: 33,33…% − 50% = −16,66 points.
    expect(figures.previous?.rateChangePoints.doneOfAssigned).toBe(-16.66);
    expect(
      rateChangePoints({ numerator: 1, denominator: 3 }, { numerator: 0, denominator: 0 }),
    ).toBeNull();

    // Scope: one agency; a truncated list keeps the most overdue and counts them all.
    const tc = await computeReportFigures(s.tasks, { period: MAY_2024, leadAgencies: ['SO-TC'] });
    const tcStats = await completionStats(s.tasks, {
      from: MAY_2024.start,
      to: MAY_2024.end,
      asOf: MAY_2024.end,
      leadAgencies: ['SO-TC'],
    });
    expect(tc.scope).toEqual(tcStats.scope);
    const short = await computeReportFigures(s.tasks, { period: MAY_2024, listLimit: 1 });
    expect(short.overdue).toEqual({
      total: 2,
      truncated: true,
      entries: [figures.overdue.entries[0]],
    });
  });

  it('stores the snapshot with a stable digest and reads it back byte-identical', async () => {
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    expect(snapshot.position).toBe(await s.eventStore.headPosition());
    expect(checkDigest(snapshot)).toBe(true);
    expect(await s.snapshots.getJson('r-1')).toBe(canonicalJson(snapshot));
    const read = await s.snapshots.get('r-1');
    expect(read && digestOf(read)).toBe(snapshot.digest);
    // Key order does not matter; content does.
    const { digest: _d, ...fields } = snapshot;
    const reordered = Object.fromEntries(Object.entries(fields).reverse()) as typeof fields;
    expect(digestOf(reordered)).toBe(snapshot.digest);
    expect(digestOf({ ...fields, position: fields.position + 1 })).not.toBe(snapshot.digest);
    // Taking it again from the same log gives the same figures.
    const again = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-2'),
    );
    expect(canonicalJson(again.figures)).toBe(canonicalJson(snapshot.figures));
    await expect(
      takeSnapshot(
        { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
        request('r-1'),
      ),
    ).rejects.toMatchObject({ code: 'snapshot_exists' });
  });

  it('verifies identical after later events, even back-dated ones that change the period now', async () => {
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    // Back-dated: a task assigned in May, entered after the snapshot.
    await appendStories(s.eventStore, [
      { id: 't10', leadAgency: 'SO-TC', assignedOn: '2024-05-09', deadline: '2024-05-10' },
    ]);
    await s.project();
    const live = await computeReportFigures(s.tasks, { period: MAY_2024 });
    expect(live.scope.total).toBe(7);
    expect(canonicalJson(live)).not.toBe(canonicalJson(snapshot.figures));

    const result = await verifySnapshot(
      snapshot,
      { eventStore: s.eventStore },
      { scratchDir: temp.dir() },
    );
    expect(result).toMatchObject({
      identical: true,
      position: snapshot.position,
      digestValid: true,
      differences: [],
      integrity: { ok: true, headPosition: snapshot.position },
    });
  });

  it('names the changed figures and the integrity break when a stored event is altered', async () => {
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    const changed = new SqliteLogTamper(s.file).run(
      `UPDATE event_log SET data = json_set(data, '$.completedOn', '2024-05-25')
       WHERE stream_id = 'task-t1' AND type = 'TaskCompletionConfirmed'`,
    );
    expect(changed).toBe(1);
    const result = await verifySnapshot(
      snapshot,
      { eventStore: s.eventStore },
      { scratchDir: temp.dir() },
    );
    expect(result.identical).toBe(false);
    expect(result.digestValid).toBe(true);
    expect(result.differences).toEqual(
      expect.arrayContaining([
        { path: 'figures.scope.done.onTime', stored: 1, recomputed: 0 },
        { path: 'figures.scope.done.late', stored: 1, recomputed: 2 },
      ]),
    );
    expect(result.integrity).toMatchObject({
      ok: false,
      firstBreak: { streamId: 'task-t1', reason: 'hash_mismatch' },
    });
    // A stored snapshot edited by hand fails its digest.
    const forged = { ...snapshot, position: snapshot.position - 1 };
    expect(checkDigest(forged)).toBe(false);
  });

  it('recomputes when the read model moves while the figures are computed', async () => {
    let calls = 0;
    const moving = {
      ...s.tasks,
      generation: () => s.tasks.generation(),
      position: async () => {
        calls += 1;
        // The first computation sees the checkpoint move under it.
        if (calls === 2) {
          await appendEvents(
            s.eventStore,
            't11',
            eventsOf({ id: 't11', leadAgency: 'SO-NV', assignedOn: '2024-05-10', deadline: null }),
          );
          await s.project();
        }
        return s.tasks.position();
      },
      stream: (o: Parameters<typeof s.tasks.stream>[0]) => s.tasks.stream(o),
      get: (id: string) => s.tasks.get(id),
      find: (o: Parameters<typeof s.tasks.find>[0]) => s.tasks.find(o),
      count: (w: Parameters<typeof s.tasks.count>[0]) => s.tasks.count(w),
    };
    const snapshot = await takeSnapshot(
      { tasks: moving, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-1'),
    );
    expect(calls).toBe(4);
    expect(snapshot.position).toBe(await s.eventStore.headPosition());
    expect(snapshot.figures.scope.total).toBe(7);
  });
});
