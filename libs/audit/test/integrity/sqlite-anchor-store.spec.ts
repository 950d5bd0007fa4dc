import Database from 'better-sqlite3';
import { SqliteAnchorStore } from '../../src/integrity/sqlite-anchor-store';
import {
  anchorFor,
  describeAnchorStoreContract,
} from '../../src/integrity/testing/anchor-store.contract';
import { TempLogs } from './support';

const temp = new TempLogs();
afterAll(() => temp.cleanup());

describeAnchorStoreContract({
  name: 'SQLite',
  open() {
    const file = temp.file();
    const instances = [SqliteAnchorStore.open({ path: file })];
    return {
      store: instances[0],
      openAgain() {
        const again = SqliteAnchorStore.open({ path: file });
        instances.push(again);
        return again;
      },
      async cleanup() {
        for (const instance of instances) await instance.close();
      },
    };
  },
});

describe('SqliteAnchorStore', () => {
  it('lives in the log file beside event_log and refuses UPDATE and DELETE', async () => {
    const { file, events, anchors } = await temp.open();
    const anchor = anchorFor('2024-05-27', 0, null);
    await anchors.insert(anchor);
    expect(await events.headPosition()).toBe(0);
    const db = new Database(file);
    try {
      const tables = db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .all()
        .map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['event_log', 'log_anchors']));
      expect(() => db.prepare(`UPDATE log_anchors SET position = 5`).run()).toThrow(/insert-only/);
      expect(() => db.prepare(`DELETE FROM log_anchors`).run()).toThrow(/insert-only/);
    } finally {
      db.close();
    }
    expect(await anchors.list()).toEqual([anchor]);
  });

  it('refuses calls after close', async () => {
    const store = SqliteAnchorStore.open({ path: temp.file() });
    await store.close();
    await expect(store.latest()).rejects.toThrow(/closed/);
  });
});
