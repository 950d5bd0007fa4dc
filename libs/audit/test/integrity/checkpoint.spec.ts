import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { computeLogDigest } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { signCheckpoint, type SignedCheckpoint } from '../../src/integrity/checkpoint';
import {
  generateCheckpointKey,
  loadCheckpointKey,
  type CheckpointKeyPair,
} from '../../src/integrity/checkpoint-key';
import { FileWitness, HttpWitness } from '../../src/integrity/checkpoint-witness';
import { Checkpointer } from '../../src/integrity/checkpointer';
import { verifyIntegrity } from '../../src/integrity/verify-integrity';
import { appendRoundRobin, TempLogs, type Opened } from './support';

/**
 * A real SQLite log checkpointed every 10 events, its checkpoints signed with a key and appended
 * to a witness file outside the data directory; then a copy of the file is tampered with the
 * way someone holding the data directory (but not the key or the witness) would.
 */
const STREAMS = ['task-a', 'task-b', 'task-c'];

describe('signed checkpoints', () => {
  const temp = new TempLogs();
  let s: Opened;
  let keyDir: string;
  let key: CheckpointKeyPair;
  let witness: FileWitness;
  let checkpointer: Checkpointer;

  beforeEach(async () => {
    s = await temp.open();
    keyDir = path.dirname(temp.file());
    const keyPath = path.join(keyDir, 'checkpoint.key');
    generateCheckpointKey(keyPath);
    key = loadCheckpointKey(keyPath, path.dirname(s.file));
    witness = new FileWitness(path.join(keyDir, 'witness.jsonl'));
    checkpointer = new Checkpointer({
      eventStore: s.events,
      key,
      witnesses: [witness],
      everyEvents: 10,
      batchSize: 4,
    });
  });

  afterEach(() => temp.cleanup());

  /** 25 events: checkpoints by count at 10 and 20, and at shutdown at 25. */
  async function writeCheckpointedLog(): Promise<void> {
    for (let i = 0; i < 25; i += 1) {
      await appendRoundRobin(s.events, STREAMS, 1, i);
      await checkpointer.tick();
    }
    await checkpointer.stop();
  }

  /** A copy of the log file, as an attacker would edit it (the original stays open). */
  async function tamperedCopy(edit: (tamper: SqliteLogTamper) => void): Promise<Opened> {
    const copy = path.join(path.dirname(temp.file()), 'copy.db');
    // Closed first, so the write-ahead log is folded into the file that is copied.
    await s.anchors.close();
    await s.events.close();
    fs.copyFileSync(s.file, copy);
    edit(new SqliteLogTamper(copy));
    return temp.open(copy);
  }

  const verify = (log: Opened, records = witness.read(), publicKey = key.publicKey) =>
    verifyIntegrity(log.events, log.anchors, { batchSize: 3, checkpoints: { records, publicKey } });

  it('takes checkpoints by count and at shutdown, and appends each to the witness file', async () => {
    await writeCheckpointedLog();
    const lines = witness.read() as SignedCheckpoint[];
    expect(lines.map((c) => [c.reason, c.previousPosition, c.position])).toEqual([
      ['count', 0, 10],
      ['count', 10, 20],
      ['shutdown', 20, 25],
    ]);
    expect(await verify(s)).toMatchObject({ ok: true, checkpointsChecked: 3, headPosition: 25 });
  });

  it('names the event that was edited and rehashed, which the chains alone no longer show', async () => {
    await writeCheckpointedLog();
    const copy = await tamperedCopy((t) =>
      t.forgeEventData(14, { taskId: 'task-b', percent: 100, note: 'sửa' }),
    );
    expect(await verifyIntegrity(copy.events, copy.anchors)).toMatchObject({ ok: true });
    expect(await verify(copy)).toMatchObject({
      ok: false,
      firstBreak: {
        kind: 'event_rewritten',
        position: 14,
        streamId: 'task-b',
        streamVersion: 5,
        eventType: 'TaskProgressReported',
      },
    });
  });

  it('reports the newest event deleted, naming its position', async () => {
    await writeCheckpointedLog();
    const copy = await tamperedCopy((t) => t.deleteAfter(24));
    expect(await verifyIntegrity(copy.events, copy.anchors)).toMatchObject({ ok: true });
    expect(await verify(copy)).toMatchObject({
      ok: false,
      firstBreak: { kind: 'truncated', position: 25, expected: 25, actual: 24 },
    });
  });

  it('refuses a checkpoint forged with another key, or altered after signing', async () => {
    await writeCheckpointedLog();
    const [first, second] = witness.read() as SignedCheckpoint[];
    const forger = generateKeyPairSync('ed25519');
    const forged = signCheckpoint({ ...second, keyId: first.keyId }, forger.privateKey);
    expect(await verify(s, [first, forged])).toMatchObject({
      ok: false,
      firstBreak: { kind: 'checkpoint_invalid', position: 20 },
    });
    const altered = { ...second, logDigest: 'f'.repeat(64) };
    expect((await verify(s, [first, altered])).firstBreak?.detail).toContain('signature');
    expect(await verify(s, [first, null])).toMatchObject({
      firstBreak: { kind: 'checkpoint_invalid' },
    });
  });

  it('continues from the last checkpoint the witness holds after a restart', async () => {
    await writeCheckpointedLog();
    const records = witness.read() as SignedCheckpoint[];
    const restarted = new Checkpointer({
      eventStore: s.events,
      key,
      witnesses: [witness],
      previous: records[records.length - 1],
    });
    await appendRoundRobin(s.events, STREAMS, 2, 25);
    const taken = await restarted.take('report');
    expect(taken).toMatchObject({ reason: 'report', previousPosition: 25, position: 27 });
    expect(await verify(s)).toMatchObject({ ok: true, checkpointsChecked: 4 });
  });

  it("checks every report's recorded digest, naming the report the log no longer yields", async () => {
    await writeCheckpointedLog();
    const digestAt = async (position: number) =>
      (await computeLogDigest(s.events, position)).digest;
    const report = async (position: number) => ({
      report: `report-p${position}`,
      position,
      logDigest: await digestAt(position),
    });
    const [p6, p10, p12] = [await report(6), await report(10), await report(12)];
    expect(await verifyIntegrity(s.events, s.anchors, { reports: [p6, p10, p12] })).toMatchObject({
      ok: true,
      reportsChecked: 3,
    });
    const copy = await tamperedCopy((t) => {
      t.forgeEventData(7, { taskId: 'task-b', percent: 100, note: 'sửa' });
      t.deleteAfter(11);
    });
    expect(
      await verifyIntegrity(copy.events, copy.anchors, { reports: [p6, p10, p12] }),
    ).toMatchObject({
      ok: false,
      reportsChecked: 1,
      firstBreak: { kind: 'report_mismatch', position: 10, report: 'report-p10' },
    });
    expect(await verifyIntegrity(copy.events, copy.anchors, { reports: [p6, p12] })).toMatchObject({
      ok: false,
      reportsChecked: 1,
      firstBreak: { kind: 'truncated', position: 12, report: 'report-p12' },
    });
  });

  it('takes a checkpoint on start, covering the log written before', async () => {
    await appendRoundRobin(s.events, STREAMS, 3);
    checkpointer.start();
    await checkpointer.stop();
    expect((witness.read() as SignedCheckpoint[]).map((c) => [c.reason, c.position])).toEqual([
      ['start', 3],
    ]);
  });

  it('takes a checkpoint by time once events wait longer than everyMs', async () => {
    let now = new Date('2024-05-20T01:00:00.000Z');
    const timed = new Checkpointer({
      eventStore: s.events,
      key,
      witnesses: [witness],
      everyEvents: 1000,
      everyMs: 60_000,
      clock: { now: () => now },
    });
    expect(await timed.tick()).toBeNull();
    await appendRoundRobin(s.events, STREAMS, 3);
    now = new Date('2024-05-20T01:00:59.000Z');
    expect(await timed.tick()).toBeNull();
    now = new Date('2024-05-20T01:01:00.000Z');
    expect(await timed.tick()).toMatchObject({ reason: 'time', position: 3 });
    now = new Date('2024-05-20T02:00:00.000Z');
    expect(await timed.tick()).toBeNull();
  });

  it('POSTs every checkpoint to an HTTP witness, and reports a witness that refuses', async () => {
    const received: unknown[] = [];
    let answer = 204;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
      const posting = new Checkpointer({
        eventStore: s.events,
        key,
        witnesses: [witness, new HttpWitness(url)],
      });
      await appendRoundRobin(s.events, STREAMS, 2);
      const taken = await posting.take('manual');
      expect(received).toEqual([taken]);
      expect(witness.read()).toEqual([taken]);
      answer = 500;
      await appendRoundRobin(s.events, STREAMS, 1, 2);
      await expect(posting.take('manual')).rejects.toThrow(/not received by HTTP .* 500/);
      // The file witness still got it, and verification checks both.
      expect(received).toHaveLength(2);
      expect(await verify(s)).toMatchObject({ ok: true, checkpointsChecked: 2 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a signing key inside the data directory', () => {
    const inside = path.join(path.dirname(s.file), 'inside.key');
    generateCheckpointKey(inside);
    expect(() => loadCheckpointKey(inside, path.dirname(s.file))).toThrow(/inside the data/);
  });
});
