import { verifyLog } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { ensureDailyAnchor } from '../../src/integrity/anchor-daily';
import { createAnchor } from '../../src/integrity/log-anchor';
import { verifyIntegrity } from '../../src/integrity/verify-integrity';
import { appendRoundRobin, at, TempLogs, type Opened } from './support';

/**
 * 30 events over 4 streams, round robin: task-doomed holds positions 4, 8, 12 … 28.
 * Anchors: 25/5 at position 12, 26/5 at position 24; positions 25..30 are not anchored yet.
 */
const STREAMS = ['task-a', 'task-b', 'task-c', 'task-doomed'];

describe('verifyIntegrity', () => {
  const temp = new TempLogs();
  let s: Opened;
  let tamper: SqliteLogTamper;

  beforeEach(async () => {
    s = await temp.open(undefined, () => new Date('2024-05-25T01:00:00.000Z'));
    tamper = new SqliteLogTamper(s.file);
    await appendRoundRobin(s.events, STREAMS, 12);
    await ensureDailyAnchor(s.events, s.anchors, at('2024-05-25', '18:00'));
    await appendRoundRobin(s.events, STREAMS, 12, 12);
    await ensureDailyAnchor(s.events, s.anchors, at('2024-05-26', '18:00'));
    await appendRoundRobin(s.events, STREAMS, 6, 24);
  });

  afterEach(() => temp.cleanup());

  const verify = () => verifyIntegrity(s.events, s.anchors, { batchSize: 5 });

  it('passes an intact log', async () => {
    expect(await verify()).toEqual({
      ok: true,
      eventsChecked: 30,
      streams: 4,
      anchorsChecked: 2,
      headPosition: 30,
      firstBreak: null,
    });
  });

  it('catches an edited event', async () => {
    tamper.updateEventData(8, { taskId: 'task-doomed', percent: 100, note: 'sửa' });
    expect(await verify()).toMatchObject({
      ok: false,
      eventsChecked: 7,
      streams: 4,
      firstBreak: {
        kind: 'hash_mismatch',
        position: 8,
        streamId: 'task-doomed',
        streamVersion: 2,
      },
    });
  });

  it('catches an edited event whose stream chain was recomputed, by the anchor covering it', async () => {
    tamper.updateEventData(17, { taskId: 'task-a', percent: 100, note: 'sửa' });
    tamper.rehash();
    expect((await verifyLog(s.events)).ok).toBe(true);
    expect(await verify()).toMatchObject({
      ok: false,
      anchorsChecked: 1,
      firstBreak: { kind: 'anchor_mismatch', anchorDay: '2024-05-26', position: 24 },
    });
  });

  it('catches a deleted event', async () => {
    tamper.deleteEvent(5);
    expect(await verify()).toMatchObject({
      ok: false,
      eventsChecked: 4,
      firstBreak: { kind: 'position_gap', position: 6, expected: 5, actual: 6 },
    });
  });

  it('catches a swapped pair of events', async () => {
    tamper.swapEventData(3, 10);
    expect(await verify()).toMatchObject({
      ok: false,
      eventsChecked: 2,
      firstBreak: { kind: 'hash_mismatch', position: 3, streamId: 'task-c', streamVersion: 1 },
    });
  });

  it('catches a deleted stream by the gap it leaves', async () => {
    expect(tamper.deleteStream('task-doomed')).toEqual([4, 8, 12, 16, 20, 24, 28]);
    expect(await verify()).toMatchObject({
      ok: false,
      eventsChecked: 3,
      streams: 3,
      firstBreak: { kind: 'position_gap', position: 5, expected: 4 },
    });
  });

  it('catches a deleted stream with positions renumbered and every chain recomputed, by the anchors only', async () => {
    tamper.deleteStream('task-doomed');
    tamper.renumberAndRehash();
    // Every per-stream check passes now: positions 1..23, versions and hashes all consistent.
    expect(await verifyLog(s.events)).toMatchObject({ ok: true, headPosition: 23 });
    expect(await verify()).toMatchObject({
      ok: false,
      anchorsChecked: 0,
      firstBreak: {
        kind: 'anchor_mismatch',
        anchorDay: '2024-05-25',
        position: 12,
        detail: expect.stringContaining('25'),
      },
    });
  });

  it('catches the renumbered deletion even when new events fill the log past every anchor', async () => {
    tamper.deleteStream('task-doomed');
    tamper.renumberAndRehash();
    await appendRoundRobin(s.events, ['task-a'], 10, 100);
    expect((await verifyLog(s.events)).ok).toBe(true);
    expect((await verify()).firstBreak).toMatchObject({
      kind: 'anchor_mismatch',
      anchorDay: '2024-05-25',
    });
  });

  it('catches a truncated tail by the newest anchor beyond the head', async () => {
    tamper.deleteAfter(20);
    expect((await verifyLog(s.events)).ok).toBe(true);
    expect(await verify()).toMatchObject({
      ok: false,
      eventsChecked: 20,
      anchorsChecked: 1,
      firstBreak: {
        kind: 'truncated',
        position: 21,
        anchorDay: '2024-05-26',
        expected: 24,
        actual: 20,
      },
    });
  });

  it('cannot see changes after the newest anchor until the next one is taken', async () => {
    tamper.deleteAfter(26);
    expect((await verify()).ok).toBe(true);
    await ensureDailyAnchor(s.events, s.anchors, at('2024-05-27'));
    // From now on the 27/5 anchor vouches for positions 1..26.
    tamper.deleteAfter(25);
    expect((await verify()).firstBreak).toMatchObject({
      kind: 'truncated',
      anchorDay: '2024-05-27',
    });
  });

  describe('the anchor chain', () => {
    it('catches an anchor edited in place', async () => {
      tamper.run(`UPDATE log_anchors SET position = 11 WHERE day = '2024-05-25'`);
      expect(await verify()).toMatchObject({
        ok: false,
        anchorsChecked: 0,
        firstBreak: {
          kind: 'anchor_chain_broken',
          anchorDay: '2024-05-25',
          detail: expect.stringContaining('altered'),
        },
      });
    });

    it('catches an anchor rewritten with a fresh digest, by the next link', async () => {
      const first = (await s.anchors.forDay('2024-05-25'))!;
      const forged = createAnchor({ ...first, logDigest: 'f'.repeat(64) });
      tamper.run(
        `UPDATE log_anchors SET log_digest = ?, anchor_digest = ? WHERE day = '2024-05-25'`,
        forged.logDigest,
        forged.anchorDigest,
      );
      expect((await verify()).firstBreak).toMatchObject({
        kind: 'anchor_chain_broken',
        anchorDay: '2024-05-26',
        detail: expect.stringContaining('does not link to the anchor of 2024-05-25'),
      });
    });

    it('catches a removed anchor', async () => {
      tamper.run(`DELETE FROM log_anchors WHERE day = '2024-05-25'`);
      expect((await verify()).firstBreak).toMatchObject({
        kind: 'anchor_chain_broken',
        anchorDay: '2024-05-26',
      });
    });
  });

  it('passes an empty log with no anchors, and an empty log anchored at 0', async () => {
    const empty = await temp.open();
    expect(await verifyIntegrity(empty.events, empty.anchors)).toEqual({
      ok: true,
      eventsChecked: 0,
      streams: 0,
      anchorsChecked: 0,
      headPosition: 0,
      firstBreak: null,
    });
    await ensureDailyAnchor(empty.events, empty.anchors, at('2024-05-27'));
    expect(await verifyIntegrity(empty.events, empty.anchors)).toMatchObject({
      ok: true,
      anchorsChecked: 1,
    });
  });
});
