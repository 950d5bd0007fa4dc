import { createHash } from 'node:crypto';
import {
  canonicalJson,
  computeLogDigest,
  EMPTY_LOG_DIGEST,
  foldLogDigest,
  LogDigester,
  type StoredEvent,
} from '@chidao/event-store';
import { computeAnchorDigest, createAnchor } from '../../src/integrity/log-anchor';
import { appendRoundRobin, readWhole, TempLogs } from './support';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('log digest', () => {
  const temp = new TempLogs();
  afterEach(() => temp.cleanup());

  it('is 64 zeros for the empty log and the hand-written fold otherwise', async () => {
    const { events } = await temp.open();
    expect(await computeLogDigest(events, 0)).toEqual({
      position: 0,
      digest: EMPTY_LOG_DIGEST,
      eventsFolded: 0,
      contiguous: true,
    });
    await appendRoundRobin(events, ['task-a', 'task-b'], 3);
    const [e1, e2, e3] = await readWhole(events);
    const h1 = sha(`${EMPTY_LOG_DIGEST}|1|task-a|1|${e1.hash}`);
    const h2 = sha(`${h1}|2|task-b|1|${e2.hash}`);
    const h3 = sha(`${h2}|3|task-a|2|${e3.hash}`);
    expect(await computeLogDigest(events, 2)).toMatchObject({ position: 2, digest: h2 });
    expect(await computeLogDigest(events, 3, { batchSize: 1 })).toEqual({
      position: 3,
      digest: h3,
      eventsFolded: 3,
      contiguous: true,
    });
    // Beyond the head: the digest at the head, and the position says where the log ended.
    expect(await computeLogDigest(events, 99)).toMatchObject({ position: 3, digest: h3 });
  });

  it('continued from any earlier state equals the digest computed from scratch', async () => {
    const { events } = await temp.open();
    await appendRoundRobin(events, ['task-a', 'task-b', 'task-c'], 41);
    const whole = await computeLogDigest(events, 41);
    for (const split of [0, 1, 7, 20, 40, 41]) {
      const first = await computeLogDigest(events, split, { batchSize: 3 });
      const rest = await computeLogDigest(events, 41, { from: first, batchSize: 5 });
      expect({ split, digest: rest.digest, position: rest.position }).toEqual({
        split,
        digest: whole.digest,
        position: 41,
      });
      expect(rest.eventsFolded).toBe(41 - split);
    }
  });

  it('changes when an event is removed, when two are reordered, or a stream is dropped', () => {
    const ev = (position: number, streamId: string, streamVersion: number): StoredEvent =>
      ({
        position,
        streamId,
        streamVersion,
        hash: sha(`${streamId}${streamVersion}`),
      }) as StoredEvent;
    const fold = (list: StoredEvent[]) => list.reduce(foldLogDigest, EMPTY_LOG_DIGEST);
    const log = [ev(1, 'a', 1), ev(2, 'b', 1), ev(3, 'a', 2), ev(4, 'c', 1)];
    const reference = fold(log);
    expect(fold([log[1], log[0], log[2], log[3]])).not.toBe(reference);
    expect(fold([log[0], log[2], log[3]])).not.toBe(reference);
    // Stream b dropped and positions renumbered: per-stream chains of a and c could be redone,
    // the log digest cannot match.
    expect(fold([ev(1, 'a', 1), ev(2, 'a', 2), ev(3, 'c', 1)])).not.toBe(reference);
  });

  it('notices holes and refuses events out of read order', () => {
    const digester = new LogDigester();
    const ev = (position: number) =>
      ({ position, streamId: 's', streamVersion: position, hash: 'f'.repeat(64) }) as StoredEvent;
    digester.update(ev(1));
    digester.update(ev(3));
    expect(digester.result()).toMatchObject({ position: 3, eventsFolded: 2, contiguous: false });
    expect(() => digester.update(ev(2))).toThrow(RangeError);
  });
});

describe('anchor digest', () => {
  const fields = {
    day: '2024-05-27',
    position: 12345,
    logDigest: 'a'.repeat(64),
    previousAnchorDigest: '0'.repeat(64),
    createdAt: '2024-05-27T01:00:00.000Z',
  };

  it('is SHA-256 over the canonical JSON of the other fields', () => {
    const anchor = createAnchor(fields);
    expect(anchor.anchorDigest).toBe(sha(canonicalJson(fields)));
    expect(computeAnchorDigest(anchor)).toBe(anchor.anchorDigest);
    for (const change of [
      { day: '2024-05-28', createdAt: '2024-05-28T01:00:00.000Z' },
      { position: 12346 },
      { logDigest: 'b'.repeat(64) },
      { previousAnchorDigest: 'c'.repeat(64) },
      { createdAt: '2024-05-27T01:00:00.001Z' },
    ]) {
      expect(computeAnchorDigest({ ...fields, ...change })).not.toBe(anchor.anchorDigest);
    }
  });

  it('refuses a day that is not the Vietnam date of createdAt, and malformed fields', () => {
    // 17:00 UTC on the 27th is already the 28th in Vietnam.
    expect(() => createAnchor({ ...fields, createdAt: '2024-05-27T17:00:00.000Z' })).toThrow(
      /another day/,
    );
    expect(() => createAnchor({ ...fields, day: '2024-13-01' })).toThrow(TypeError);
    expect(() => createAnchor({ ...fields, position: -1 })).toThrow(TypeError);
    expect(() => createAnchor({ ...fields, logDigest: 'A'.repeat(64) })).toThrow(TypeError);
  });
});
