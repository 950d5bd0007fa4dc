import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  describeSnapshotStoreContract,
  sampleSnapshot,
} from '../../src/testing/snapshot-store.contract';
import { SqliteSnapshotStore } from '../../src/snapshots/sqlite-snapshot-store';
import type { SnapshotStore } from '../../src/snapshots/snapshot-store.port';

const dirs: string[] = [];
const stores: SnapshotStore[] = [];
const newFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-snapstore-'));
  dirs.push(dir);
  return path.join(dir, 'chidao.db');
};
async function cleanup(): Promise<void> {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

describeSnapshotStoreContract({
  name: 'SQLite',
  open: () => {
    const store = SqliteSnapshotStore.open({ path: newFile() });
    stores.push(store);
    return store;
  },
  cleanup,
});

describe('SqliteSnapshotStore', () => {
  afterEach(cleanup);

  it('refuses UPDATE and DELETE through SQL', async () => {
    const file = newFile();
    const store = SqliteSnapshotStore.open({ path: file });
    stores.push(store);
    await store.save(sampleSnapshot());
    const db = new Database(file);
    try {
      expect(() => db.prepare(`UPDATE report_snapshots SET position = 1`).run()).toThrow(
        /insert-only/,
      );
      expect(() => db.prepare(`DELETE FROM report_snapshots`).run()).toThrow(/insert-only/);
    } finally {
      db.close();
    }
    expect((await store.get('snap-1'))?.position).toBe(42);
  });
});
