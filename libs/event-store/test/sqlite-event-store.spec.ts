import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeEventStoreContract, testEvent } from '@chidao/event-store/testing';
import type { EventStoreRuntimeOptions } from '../src/open-event-store';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';
import { EVENT_TABLE } from '../src/sqlite/sqlite-schema';

/** Edits the file through its own connection, dropping the append-only triggers first. */
function tamperWith(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file, { timeout: 5000 });
  try {
    db.transaction(() => {
      db.exec(`DROP TRIGGER IF EXISTS ${EVENT_TABLE}_no_update`);
      db.exec(`DROP TRIGGER IF EXISTS ${EVENT_TABLE}_no_delete`);
      edit(db);
    }).immediate();
  } finally {
    db.close();
  }
}

function openTemp(options: EventStoreRuntimeOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-es-'));
  const file = path.join(dir, 'events.db');
  const store = SqliteEventStore.open({ ...options, path: file });
  const setData = (db: Database.Database, position: number, json: string) => {
    const changed = db
      .prepare(`UPDATE ${EVENT_TABLE} SET data = ? WHERE position = ?`)
      .run(json, position);
    if (changed.changes !== 1) throw new Error(`no event at position ${position}`);
  };
  const dataAt = (db: Database.Database, position: number) =>
    (
      db.prepare(`SELECT data FROM ${EVENT_TABLE} WHERE position = ?`).get(position) as {
        data: string;
      }
    ).data;
  return {
    store,
    file,
    connection: { kind: 'sqlite' as const, path: file },
    tamper: {
      updateEventData: (position: number, newDataJson: string) =>
        tamperWith(file, (db) => setData(db, position, newDataJson)),
      deleteEvent: (position: number) =>
        tamperWith(file, (db) => {
          db.prepare(`DELETE FROM ${EVENT_TABLE} WHERE position = ?`).run(position);
        }),
      swapEventData: (a: number, b: number) =>
        tamperWith(file, (db) => {
          const [dataA, dataB] = [dataAt(db, a), dataAt(db, b)];
          setData(db, a, dataB);
          setData(db, b, dataA);
        }),
    },
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract({ name: 'SQLite', open: openTemp });

describe('SqliteEventStore specifics', () => {
  let subject: ReturnType<typeof openTemp>;
  beforeEach(() => (subject = openTemp()));
  afterEach(() => subject.cleanup());

  it('refuses UPDATE and DELETE on the log through SQL', async () => {
    await subject.store.append('a', [testEvent(1)]);
    const db = new Database(subject.file);
    try {
      expect(() => db.prepare(`UPDATE ${EVENT_TABLE} SET data = '{}'`).run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare(`DELETE FROM ${EVENT_TABLE}`).run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('uses WAL and opens an existing file without touching its events', async () => {
    await subject.store.append('a', [testEvent(1)]);
    const again = SqliteEventStore.open({ path: subject.file });
    try {
      expect(await again.readStream('a')).toEqual(await subject.store.readStream('a'));
    } finally {
      await again.close();
    }
    const db = new Database(subject.file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('stores data and metadata as canonical JSON', async () => {
    await subject.store.append('a', [testEvent(1, { data: { b: 1, a: { d: 2, c: 3 } } })]);
    const db = new Database(subject.file, { readonly: true });
    try {
      const row = db.prepare(`SELECT data, metadata FROM ${EVENT_TABLE}`).get() as {
        data: string;
        metadata: string;
      };
      expect(row.data).toBe('{"a":{"c":3,"d":2},"b":1}');
      expect(row.metadata.startsWith('{"actor":')).toBe(true);
    } finally {
      db.close();
    }
  });

  it('rejects malformed events before writing', async () => {
    const { store } = subject;
    await expect(store.append('', [testEvent(1)])).rejects.toThrow(TypeError);
    await expect(store.append('a', [testEvent(1, { occurredOn: '27/05/2024' })])).rejects.toThrow(
      /YYYY-MM-DD/,
    );
    await expect(store.append('a', [testEvent(1, { schemaVersion: 0 })])).rejects.toThrow(
      TypeError,
    );
    await expect(store.append('a', [testEvent(1)], { expectedVersion: -1 })).rejects.toThrow(
      TypeError,
    );
    expect(await store.headPosition()).toBe(0);
  });

  it('fails every call after close', async () => {
    await subject.store.close();
    await expect(subject.store.headPosition()).rejects.toThrow(/closed/);
  });
});
