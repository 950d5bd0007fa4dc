import * as path from 'node:path';
import { Client } from 'pg';
import {
  describeEventStoreContract,
  describeWithPostgres,
  dropSchema,
  spawnTypeScript,
  testEvent,
  uniqueSchema,
  type ChildHandle,
} from '@chidao/event-store/testing';
import { computeEventHash, GENESIS_HASH, verifyLog } from '../src';
import type { EventStoreRuntimeOptions } from '../src/open-event-store';
import { PostgresEventStore, PG_EVENT_TABLE } from '../src/postgres';

/** A plain connection to the schema, as an operator or an attacker with SQL access has. */
async function sql<T>(url: string, schema: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Edits the log in one transaction with the append-only triggers disabled, as the table owner can. */
const tamperWith = (url: string, schema: string, edit: (db: Client) => Promise<void>) =>
  sql(url, schema, async (db) => {
    await db.query('BEGIN');
    await db.query(`ALTER TABLE ${PG_EVENT_TABLE} DISABLE TRIGGER USER`);
    await edit(db);
    await db.query(`ALTER TABLE ${PG_EVENT_TABLE} ENABLE TRIGGER USER`);
    await db.query('COMMIT');
  });

async function setData(db: Client, position: number, json: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE ${PG_EVENT_TABLE} SET data = $1 WHERE position = $2`,
    [json, position],
  );
  if (rowCount !== 1) throw new Error(`no event at position ${position}`);
}

async function dataAt(db: Client, position: number): Promise<string> {
  const { rows } = await db.query(`SELECT data FROM ${PG_EVENT_TABLE} WHERE position = $1`, [
    position,
  ]);
  return rows[0].data;
}

/** A fresh schema per store, dropped by cleanup. */
async function openFresh(url: string, options: EventStoreRuntimeOptions = {}) {
  const schema = uniqueSchema('es');
  const store = await PostgresEventStore.open({ ...options, url, schema, poolSize: 4 });
  return {
    store,
    schema,
    connection: { kind: 'postgres' as const, url, schema, poolSize: 2 },
    tamper: {
      updateEventData: (position: number, newDataJson: string) =>
        tamperWith(url, schema, (db) => setData(db, position, newDataJson)),
      deleteEvent: (position: number) =>
        tamperWith(url, schema, async (db) => {
          await db.query(`DELETE FROM ${PG_EVENT_TABLE} WHERE position = $1`, [position]);
        }),
      swapEventData: (a: number, b: number) =>
        tamperWith(url, schema, async (db) => {
          const [dataA, dataB] = [await dataAt(db, a), await dataAt(db, b)];
          await setData(db, a, dataB);
          await setData(db, b, dataA);
        }),
    },
    cleanup: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

describeWithPostgres('PostgresEventStore', (url) => {
  describeEventStoreContract({ name: 'PostgreSQL', open: (options) => openFresh(url, options) });

  describe('PostgreSQL specifics', () => {
    let subject: Awaited<ReturnType<typeof openFresh>>;
    const others: PostgresEventStore[] = [];
    const openAgain = async (options: { pollIntervalMs?: number } = {}) => {
      const store = await PostgresEventStore.open({ url, schema: subject.schema, ...options });
      others.push(store);
      return store;
    };
    beforeEach(async () => (subject = await openFresh(url)));
    afterEach(async () => {
      await Promise.all(others.splice(0).map((store) => store.close()));
      await subject.cleanup();
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the log through SQL', async () => {
      await subject.store.append('a', [testEvent(1)]);
      await sql(url, subject.schema, async (db) => {
        await expect(db.query(`UPDATE ${PG_EVENT_TABLE} SET data = '{}'`)).rejects.toThrow(
          /event_log is append-only: UPDATE refused/,
        );
        await expect(db.query(`DELETE FROM ${PG_EVENT_TABLE}`)).rejects.toThrow(
          /append-only: DELETE refused/,
        );
        await expect(db.query(`TRUNCATE ${PG_EVENT_TABLE}`)).rejects.toThrow(
          /append-only: TRUNCATE refused/,
        );
      });
      expect(await verifyLog(subject.store)).toMatchObject({ ok: true, eventsChecked: 1 });
    });

    it('stores the canonical JSON text it hashed, so values jsonb would alter come back exact', async () => {
      // jsonb refuses \u0000, reorders keys and rewrites numbers; text keeps the hashed bytes.
      const data = { z: 'nul\u0000 and lone \ud800', a: [1e21, 0.1, -5e-7], m: { b: 2, a: 1 } };
      await subject.store.append('a', [testEvent(1, { data })]);
      const [{ hash, ...event }] = await subject.store.readStream('a');
      expect(event.data).toEqual(data);
      expect(hash).toBe(computeEventHash(event, GENESIS_HASH));
      const row = await sql(url, subject.schema, async (db) => {
        const { rows } = await db.query(`SELECT data, metadata FROM ${PG_EVENT_TABLE}`);
        return rows[0] as { data: string; metadata: string };
      });
      expect(row.data).toBe(
        '{"a":[1e+21,0.1,-5e-7],"m":{"a":1,"b":2},"z":"nul\\u0000 and lone \\ud800"}',
      );
      expect(row.metadata.startsWith('{"actor":')).toBe(true);
    });

    it('runs its migrations once, even when several processes open the log together', async () => {
      await subject.store.append('a', [testEvent(1)]);
      const [again] = await Promise.all([openAgain(), openAgain(), openAgain()]);
      expect(await again.readStream('a')).toEqual(await subject.store.readStream('a'));
      const applied = await sql(url, subject.schema, async (db) => {
        const { rows } = await db.query(
          `SELECT version FROM chidao_schema_migrations WHERE component = 'event-store'`,
        );
        return rows;
      });
      expect(applied).toEqual([{ version: 1 }]);
    });

    it('wakes a subscription by NOTIFY when another process appends, without polling', async () => {
      // An hour between polls: only the notification can deliver event 2 within the test.
      const follower = await openAgain({ pollIntervalMs: 3_600_000 });
      const writer = await openAgain();
      const seen: number[] = [];
      const subscription = follower.subscribe({ after: 0 }, (batch) => {
        seen.push(...batch.map((e) => e.position));
      });
      await writer.append('a', [testEvent(1)]);
      // The first read waits for LISTEN, so event 1 arrives by that read or by notification.
      await subscription.waitFor(1);
      await writer.append('a', [testEvent(2)]);
      await subscription.waitFor(2);
      await subscription.stop();
      expect(seen).toEqual([1, 2]);
    });

    it('ends a writer frozen inside its transaction, so the other writers go on', async () => {
      await subject.store.append('before', [testEvent(1), testEvent(2)]);
      // The child inserts its first event, then blocks its thread: its transaction stays open,
      // holding the head lock, until the server ends it after the idle timeout.
      const frozen: ChildHandle = spawnTypeScript(
        path.join(__dirname, '../src/testing/children/crash-mid-batch.ts'),
        {
          connection: { ...subject.connection, idleInTransactionTimeoutMs: 300 },
          streamId: 'frozen',
          batchSize: 5,
          crashAfter: 1,
        },
      );
      try {
        await frozen.expectLine('inserted');
        // Queued behind the frozen writer; lands once the server has rolled that one back.
        expect(await subject.store.append('after', [testEvent(3)])).toMatchObject({
          firstPosition: 3,
          lastPosition: 3,
        });
        expect(await subject.store.streamVersion('frozen')).toBe(0);
        expect(await verifyLog(subject.store)).toMatchObject({ ok: true, eventsChecked: 3 });
      } finally {
        frozen.kill();
      }
    });

    it('never records a time earlier than the event before it, whatever the clock says', async () => {
      let now = new Date('2024-05-27T03:00:00.000Z');
      const fast = await PostgresEventStore.open({ url, schema: subject.schema, now: () => now });
      others.push(fast);
      await fast.append('a', [testEvent(1)]);
      now = new Date('2024-05-27T02:59:00.000Z'); // a writer whose clock is behind
      await fast.append('a', [testEvent(2)]);
      const times = (await subject.store.readStream('a')).map((e) => e.recordedAt);
      expect(times).toEqual(['2024-05-27T03:00:00.000Z', '2024-05-27T03:00:00.000Z']);
      expect(await verifyLog(subject.store)).toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it('fails every call after close', async () => {
      await subject.store.close();
      await expect(subject.store.headPosition()).rejects.toThrow(/closed/);
      await expect(subject.store.append('a', [testEvent(1)])).rejects.toThrow(/closed/);
    });
  });
});
