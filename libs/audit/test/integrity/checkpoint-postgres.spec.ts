import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  computeEventHash,
  GENESIS_HASH,
  openEventStore,
  type EventStore,
} from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { generateCheckpointKey, loadCheckpointKey } from '../../src/integrity/checkpoint-key';
import { FileWitness } from '../../src/integrity/checkpoint-witness';
import { Checkpointer } from '../../src/integrity/checkpointer';
import { PostgresAnchorStore } from '../../src/integrity/postgres-anchor-store';
import { verifyIntegrity } from '../../src/integrity/verify-integrity';
import { appendRoundRobin, readWhole } from './support';

/**
 * The same attacks on a PostgreSQL log (a throwaway schema standing for the copy): whoever has
 * the database account disables the append-only triggers, edits an event and recomputes its
 * stream's chain, or deletes the newest event and winds the head back.
 */
describeWithPostgres('signed checkpoints on PostgreSQL', (url) => {
  const STREAMS = ['task-a', 'task-b', 'task-c'];
  let schema: string;
  let outside: string;
  let witness: FileWitness;
  let key: ReturnType<typeof loadCheckpointKey>;

  beforeEach(async () => {
    schema = uniqueSchema('checkpoint');
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-witness-'));
    generateCheckpointKey(path.join(outside, 'checkpoint.key'));
    key = loadCheckpointKey(path.join(outside, 'checkpoint.key'));
    witness = new FileWitness(path.join(outside, 'witness.jsonl'));
    const events = await openEventStore({ kind: 'postgres', url, schema });
    try {
      const checkpointer = new Checkpointer({ eventStore: events, key, witnesses: [witness] });
      await appendRoundRobin(events, STREAMS, 12);
      await checkpointer.stop();
    } finally {
      await events.close();
    }
  });
  afterEach(async () => {
    await dropSchema(url, schema);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function asAttacker(work: (db: Client, events: EventStore) => Promise<void>) {
    const db = new Client({ connectionString: url });
    await db.connect();
    const events = await openEventStore({ kind: 'postgres', url, schema });
    try {
      await db.query(`SET search_path TO "${schema}"`);
      await db.query('ALTER TABLE event_log DISABLE TRIGGER USER');
      await work(db, events);
    } finally {
      await events.close();
      await db.end();
    }
  }

  async function verify(withCheckpoints: boolean) {
    const events = await openEventStore({ kind: 'postgres', url, schema });
    const anchors = await PostgresAnchorStore.open({ url, schema });
    try {
      return await verifyIntegrity(events, anchors, {
        checkpoints: withCheckpoints
          ? { records: witness.read(), publicKey: key.publicKey }
          : undefined,
      });
    } finally {
      await anchors.close();
      await events.close();
    }
  }

  it('names the event edited and rehashed', async () => {
    await asAttacker(async (db, events) => {
      await db.query('UPDATE event_log SET data = $1 WHERE position = 5', [
        JSON.stringify({ taskId: 'task-b', percent: 100, note: 'sửa' }),
      ]);
      let previous = GENESIS_HASH;
      for (const event of (await readWhole(events)).filter((e) => e.streamId === 'task-b')) {
        const { hash: _stored, ...fields } = event;
        previous = computeEventHash(fields, previous);
        await db.query('UPDATE event_log SET hash = $1 WHERE position = $2', [
          previous,
          event.position,
        ]);
      }
    });
    expect(await verify(false)).toMatchObject({ ok: true });
    expect(await verify(true)).toMatchObject({
      ok: false,
      firstBreak: {
        kind: 'event_rewritten',
        position: 5,
        streamId: 'task-b',
        streamVersion: 2,
        eventType: 'TaskProgressReported',
      },
    });
  });

  it('names the position of the newest event deleted', async () => {
    await asAttacker(async (db) => {
      await db.query('DELETE FROM event_log WHERE position = 12');
      await db.query('UPDATE event_log_head SET position = 11');
    });
    expect(await verify(false)).toMatchObject({ ok: true });
    expect(await verify(true)).toMatchObject({
      ok: false,
      firstBreak: { kind: 'truncated', position: 12, actual: 11 },
    });
  });
});
