import { openPgPool } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pool } from 'pg';
import {
  PostgresImportFileStore,
  SqliteImportFileStore,
  type ImportFileStore,
  type StoredImportFile,
} from '../src';

// Every byte value, so a store that treats the file as text would garble it.
const BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
const first: StoredImportFile = {
  importId: 'imp-1',
  sha256: 'a'.repeat(64),
  fileName: 'Danh sách nhiệm vụ 2024.xlsx',
  agency: 'UBND',
  uploadedBy: 'u-1',
  mapping: '{"columns":{"title":"C"}}',
  bytes: BYTES,
  savedAt: '2024-05-28T03:00:00.000Z',
};

/** What both adapters must do, each against a real database. */
function describeImportFileStoreContract(
  name: string,
  open: () => Promise<{ store: ImportFileStore; reopen: () => Promise<ImportFileStore> }>,
): void {
  describe(name, () => {
    it('keeps the file byte for byte under its id, across a reopening', async () => {
      const { store, reopen } = await open();
      await store.save(first);
      await store.save({ ...first, importId: 'imp-2', mapping: null, bytes: Buffer.alloc(0) });
      await store.close();
      const again = await reopen();
      try {
        const kept = await again.get('imp-1');
        expect(kept).toEqual(first);
        expect(kept!.bytes.equals(BYTES)).toBe(true);
        expect(await again.get('imp-2')).toEqual({
          ...first,
          importId: 'imp-2',
          mapping: null,
          bytes: Buffer.alloc(0),
        });
      } finally {
        await again.close();
      }
    });

    it('answers null for an id it does not hold', async () => {
      const { store } = await open();
      try {
        expect(await store.get('missing')).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('refuses a second file under an id it holds, and keeps the first', async () => {
      const { store } = await open();
      try {
        await store.save(first);
        await expect(store.save({ ...first, fileName: 'other.csv' })).rejects.toThrow();
        expect((await store.get('imp-1'))?.fileName).toBe(first.fileName);
      } finally {
        await store.close();
      }
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeImportFileStoreContract('SqliteImportFileStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-import-files-'));
  dirs.push(dir);
  const file = path.join(dir, 'chidao.sqlite');
  return Promise.resolve({
    store: SqliteImportFileStore.open(file),
    reopen: () => Promise.resolve(SqliteImportFileStore.open(file)),
  });
});

describeWithPostgres('PostgresImportFileStore', (url) => {
  const pools: Pool[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    for (const schema of schemas) await dropSchema(url, schema);
  });

  const connect = async (schema: string) => {
    const pool = await openPgPool({ url, schema });
    pools.push(pool);
    return PostgresImportFileStore.open(pool);
  };

  describeImportFileStoreContract('on PostgreSQL', async () => {
    const schema = uniqueSchema('impf');
    schemas.push(schema);
    return { store: await connect(schema), reopen: () => connect(schema) };
  });
});
