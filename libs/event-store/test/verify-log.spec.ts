import { computeEventHash, GENESIS_HASH } from '../src/event-hash';
import type { EventStore, StoredEvent } from '../src/event-store.port';
import { verifyLog } from '../src/verify-log';

/** A correctly chained log of `streams` interleaved streams. */
function chain(count: number, streams: number): StoredEvent[] {
  const tips = new Map<string, { version: number; hash: string }>();
  return Array.from({ length: count }, (_, i) => {
    const streamId = `s${i % streams}`;
    const tip = tips.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const fields = {
      position: i + 1,
      streamId,
      streamVersion: tip.version + 1,
      type: 'TaskProgressReported',
      schemaVersion: 1,
      data: { i },
      metadata: { actor: 'u', agency: null, correlationId: `c${i}`, causationId: null },
      occurredOn: '2024-05-27',
      recordedAt: '2024-05-27T08:00:00.000Z',
    };
    const hash = computeEventHash(fields, tip.hash);
    tips.set(streamId, { version: fields.streamVersion, hash });
    return { ...fields, hash };
  });
}

/** verifyLog only reads the log; everything else is unused. */
function logOf(events: StoredEvent[], batchesServed: number[] = []): EventStore {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- EventStore.readAll is an AsyncIterable; the events are in memory
    async *readAll(options = {}) {
      const size = options.batchSize ?? 1000;
      const upTo = options.upTo ?? Infinity;
      const visible = events.filter((e) => e.position > (options.after ?? 0) && e.position <= upTo);
      for (let i = 0; i < visible.length; i += size) {
        batchesServed.push(i / size);
        yield visible.slice(i, i + size);
      }
    },
  } as Partial<EventStore> as EventStore;
}

describe('verifyLog', () => {
  it('accepts an empty log', async () => {
    expect(await verifyLog(logOf([]))).toEqual({
      ok: true,
      eventsChecked: 0,
      streamsChecked: 0,
      headPosition: 0,
    });
  });

  it('accepts a chained log, reading it batch by batch', async () => {
    const served: number[] = [];
    expect(await verifyLog(logOf(chain(25, 4), served), { batchSize: 10 })).toEqual({
      ok: true,
      eventsChecked: 25,
      streamsChecked: 4,
      headPosition: 25,
    });
    expect(served).toEqual([0, 1, 2]);
  });

  it('stops at upTo', async () => {
    expect(await verifyLog(logOf(chain(25, 4)), { upTo: 10 })).toMatchObject({
      ok: true,
      eventsChecked: 10,
      headPosition: 10,
    });
  });

  it('reports a log that does not start at position 1', async () => {
    const events = chain(5, 1).slice(1);
    expect(await verifyLog(logOf(events))).toMatchObject({
      ok: false,
      eventsChecked: 0,
      firstBreak: { position: 2, reason: 'position_gap', expected: 1, actual: 2 },
    });
  });

  it('reports a version gap before looking at the hash', async () => {
    const events = chain(6, 2);
    events[4] = { ...events[4], streamVersion: 4 }; // s0: 1, 2, then 4
    expect(await verifyLog(logOf(events))).toMatchObject({
      ok: false,
      eventsChecked: 4,
      firstBreak: {
        position: 5,
        streamId: 's0',
        streamVersion: 4,
        reason: 'version_gap',
        expected: 3,
        actual: 4,
      },
    });
  });

  it('reports a hash that does not chain, with both hashes', async () => {
    const events = chain(6, 2);
    const forged = { ...events[3], data: { i: 99 } };
    events[3] = forged;
    const result = await verifyLog(logOf(events));
    expect(result).toMatchObject({
      ok: false,
      eventsChecked: 3,
      firstBreak: { position: 4, streamId: 's1', streamVersion: 2, reason: 'hash_mismatch' },
    });
    if (result.ok) throw new Error('unreachable');
    expect(result.firstBreak.actual).toBe(forged.hash);
    const { hash: _stored, ...fields } = forged;
    expect(result.firstBreak.expected).toBe(computeEventHash(fields, events[1].hash));
  });

  it('reports an event re-hashed alone: the next event of its stream no longer chains', async () => {
    const events = chain(6, 2);
    const { hash: _old, ...fields } = { ...events[2], data: { i: 99 } };
    events[2] = { ...fields, hash: computeEventHash(fields, events[0].hash) };
    expect(await verifyLog(logOf(events))).toMatchObject({
      ok: false,
      firstBreak: { position: 5, streamId: 's0', streamVersion: 3, reason: 'hash_mismatch' },
    });
  });

  it('reports a tail shorter than a known head', async () => {
    expect(await verifyLog(logOf(chain(5, 1)), { expectedHeadPosition: 7 })).toMatchObject({
      ok: false,
      eventsChecked: 5,
      firstBreak: { position: 6, streamId: null, reason: 'truncated', expected: 7, actual: 5 },
    });
  });
});
