import type { EventStore, ReadAllOptions } from '@chidao/event-store';
import {
  AnchorScheduler,
  ensureDailyAnchor,
  type EnsureAnchorResult,
} from '../../src/integrity/anchor-daily';
import { computeLogDigest } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { GENESIS_ANCHOR_DIGEST } from '../../src/integrity/log-anchor';
import { checkAnchorChain } from '../../src/integrity/verify-integrity';
import { appendRoundRobin, at, TempLogs } from './support';

const STREAMS = ['task-a', 'task-b', 'task-c'];

/** The store, recording the ranges readAll was asked for. */
function recording(store: EventStore): { store: EventStore; reads: ReadAllOptions[] } {
  const reads: ReadAllOptions[] = [];
  const wrapped = new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') {
        return (options: ReadAllOptions = {}) => {
          reads.push(options);
          return target.readAll(options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapped, reads };
}

describe('ensureDailyAnchor', () => {
  const temp = new TempLogs();
  afterEach(() => temp.cleanup());

  it('creates the day’s anchor at the first call, covering the head, and keeps it all day', async () => {
    const { events, anchors } = await temp.open();
    await appendRoundRobin(events, STREAMS, 5);
    const first = await ensureDailyAnchor(events, anchors, at('2024-05-27', '00:00'));
    expect(first).toEqual({
      status: 'created',
      anchor: {
        day: '2024-05-27',
        position: 5,
        logDigest: (await computeLogDigest(events, 5)).digest,
        previousAnchorDigest: GENESIS_ANCHOR_DIGEST,
        anchorDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        createdAt: '2024-05-26T17:00:00.000Z',
      },
    });
    await appendRoundRobin(events, STREAMS, 3, 5);
    // Later the same Vietnam day (23:59:59.999 is 16:59:59.999 UTC): the same anchor.
    const last = new Date('2024-05-27T16:59:59.999Z');
    expect(await ensureDailyAnchor(events, anchors, last)).toEqual({
      status: 'exists',
      anchor: first.anchor,
    });
    expect(await anchors.list()).toEqual([first.anchor]);
    // One millisecond later it is the 28th in Vietnam.
    const next = await ensureDailyAnchor(events, anchors, new Date('2024-05-27T17:00:00.000Z'));
    expect(next).toMatchObject({
      status: 'created',
      anchor: {
        day: '2024-05-28',
        position: 8,
        previousAnchorDigest: first.anchor.anchorDigest,
      },
    });
  });

  it('anchors the empty log at position 0', async () => {
    const { events, anchors } = await temp.open();
    expect(await ensureDailyAnchor(events, anchors, at('2024-05-27'))).toMatchObject({
      status: 'created',
      anchor: { position: 0, logDigest: '0'.repeat(64) },
    });
  });

  it('continues from the previous anchor, reading only what came since, and equals a digest from scratch', async () => {
    const { events: plain, anchors } = await temp.open();
    const { store: events, reads } = recording(plain);
    const days = ['2024-05-25', '2024-05-26', '2024-05-27', '2024-05-28', '2024-05-29'];
    let written = 0;
    for (const [i, day] of days.entries()) {
      const more = i === 2 ? 0 : 7 + i; // a quiet day in the middle
      await appendRoundRobin(plain, STREAMS, more, written);
      written += more;
      reads.length = 0;
      const previous = await anchors.latest();
      const { anchor } = await ensureDailyAnchor(events, anchors, at(day), { batchSize: 4 });
      expect(anchor.position).toBe(written);
      expect(anchor.logDigest).toBe((await computeLogDigest(plain, written)).digest);
      // Incremental: nothing before the previous anchor's position was read again.
      for (const read of reads) expect(read.after ?? 0).toBe(previous?.position ?? 0);
    }
    const all = await anchors.list();
    expect(all.map((a) => [a.day, a.position])).toEqual([
      ['2024-05-25', 7],
      ['2024-05-26', 15],
      ['2024-05-27', 15],
      ['2024-05-28', 25],
      ['2024-05-29', 36],
    ]);
    expect(checkAnchorChain(all)).toEqual({ validCount: 5, firstBreak: null });
  });

  it('makes one anchor per day when two processes race on one file', async () => {
    const p1 = await temp.open();
    const p2 = await temp.open(p1.file);
    const inserts = [jest.spyOn(p1.anchors, 'insert'), jest.spyOn(p2.anchors, 'insert')];
    const days = ['2024-05-25', '2024-05-26', '2024-05-27', '2024-05-28'];
    let written = 0;
    for (const day of days) {
      for (const spy of inserts) spy.mockClear();
      await appendRoundRobin(p1.events, STREAMS, 4, written);
      written += 4;
      const results = await Promise.all([
        ensureDailyAnchor(p1.events, p1.anchors, at(day, '08:00')),
        ensureDailyAnchor(p2.events, p2.anchors, at(day, '08:00')),
        ensureDailyAnchor(p2.events, p2.anchors, at(day, '09:30')),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['created', 'exists', 'exists']);
      // A real race: all three computed an anchor and tried to insert it; the store kept one.
      const outcomes = await Promise.all(
        inserts.flatMap((spy) =>
          spy.mock.results.map((r) => r.value as Promise<{ status: string }>),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['day_taken', 'day_taken', 'inserted']);
      const stored = await p1.anchors.forDay(day);
      for (const r of results) expect(r.anchor).toEqual(stored);
    }
    const all = await p2.anchors.list();
    expect(all).toHaveLength(4);
    expect(checkAnchorChain(all).firstBreak).toBeNull();
  });

  it('keeps one chain when processes with different days race', async () => {
    const p1 = await temp.open();
    const p2 = await temp.open(p1.file);
    await appendRoundRobin(p1.events, STREAMS, 6);
    const [a, b] = await Promise.all([
      ensureDailyAnchor(p1.events, p1.anchors, at('2024-05-27', '23:59')),
      ensureDailyAnchor(p2.events, p2.anchors, at('2024-05-28', '00:00')),
    ]);
    const all = await p1.anchors.list();
    expect(checkAnchorChain(all).firstBreak).toBeNull();
    expect(all.at(-1)?.day).toBe('2024-05-28');
    expect(b.status).toBe('created');
    // The slower clock either anchored its day first or found a later day already anchored.
    expect(['created', 'clock_behind']).toContain(a.status);
    // And a clock behind the newest anchor never adds one.
    expect(await ensureDailyAnchor(p1.events, p1.anchors, at('2024-05-26'))).toEqual({
      status: 'clock_behind',
      anchor: all.at(-1),
    });
  });

  it('refuses to anchor a log cut behind the newest anchor, or with a hole after it', async () => {
    const { file, events, anchors } = await temp.open();
    await appendRoundRobin(events, STREAMS, 6);
    await ensureDailyAnchor(events, anchors, at('2024-05-27'));
    await appendRoundRobin(events, STREAMS, 4, 6);
    new SqliteLogTamper(file).deleteEvent(8);
    await expect(ensureDailyAnchor(events, anchors, at('2024-05-28'))).rejects.toMatchObject({
      code: 'anchor_refused',
      reason: 'log_gap',
    });
    new SqliteLogTamper(file).deleteAfter(4);
    await expect(ensureDailyAnchor(events, anchors, at('2024-05-28'))).rejects.toMatchObject({
      reason: 'log_behind_anchor',
    });
    expect(await anchors.list()).toHaveLength(1);
  });
});

describe('AnchorScheduler', () => {
  const temp = new TempLogs();
  afterEach(() => temp.cleanup());

  it('tick(now) anchors the day of now, once', async () => {
    const { events, anchors } = await temp.open();
    const scheduler = new AnchorScheduler({ eventStore: events, anchors });
    await appendRoundRobin(events, STREAMS, 3);
    const [a, b] = await Promise.all([
      scheduler.tick(at('2024-05-27', '07:00')),
      scheduler.tick(at('2024-05-27', '19:00')),
    ]);
    expect(a.status).toBe('created');
    expect(b).toEqual({ status: 'exists', anchor: a.anchor });
    expect((await scheduler.tick(at('2024-05-28', '00:01'))).status).toBe('created');
  });

  it('start() ticks at once on its clock; stop() waits for that tick', async () => {
    const { events, anchors } = await temp.open();
    const seen: EnsureAnchorResult[] = [];
    const scheduler = new AnchorScheduler({
      eventStore: events,
      anchors,
      clock: { now: () => at('2024-05-27', '06:00') },
      onAnchor: (result) => seen.push(result),
    });
    scheduler.start();
    scheduler.start(); // idempotent
    await scheduler.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 'created', anchor: { day: '2024-05-27' } });
  });

  it('reports a refusal to onError instead of throwing', async () => {
    const { file, events, anchors } = await temp.open();
    await appendRoundRobin(events, STREAMS, 4);
    await ensureDailyAnchor(events, anchors, at('2024-05-26'));
    new SqliteLogTamper(file).deleteAfter(2);
    const errors: unknown[] = [];
    const scheduler = new AnchorScheduler({
      eventStore: events,
      anchors,
      clock: { now: () => at('2024-05-27') },
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    await scheduler.stop();
    expect(errors).toEqual([expect.objectContaining({ reason: 'log_behind_anchor' })]);
  });

  it('wakes just after the next Vietnam midnight, at most maxSleepMs later', async () => {
    const { events, anchors } = await temp.open();
    const scheduler = new AnchorScheduler({ eventStore: events, anchors, maxSleepMs: 86_400_000 });
    expect(scheduler.nextWakeDelay(at('2024-05-27', '23:00'))).toBe(3_600_000 + 5000);
    expect(scheduler.nextWakeDelay(at('2024-05-27', '00:00'))).toBe(86_400_000);
    const capped = new AnchorScheduler({ eventStore: events, anchors, maxSleepMs: 60_000 });
    expect(capped.nextWakeDelay(at('2024-05-27', '12:00'))).toBe(60_000);
  });
});
