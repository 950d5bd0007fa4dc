import { openPgPool } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pool } from 'pg';
import {
  PostgresCredentialStore,
  SqliteCredentialStore,
  type CredentialStore,
  type StoredCredential,
} from '../src';

const AT = new Date('2024-05-28T03:00:00Z');
const first: StoredCredential = {
  credentialId: 'c-1',
  userId: 'u-1',
  passwordHash: 'scrypt$32768$8$1$c2FsdA==$b25l',
};

/** What both adapters must do, each against a real database. */
function describeCredentialStoreContract(
  name: string,
  open: () => Promise<{ store: CredentialStore; reopen: () => Promise<CredentialStore> }>,
): void {
  describe(name, () => {
    it('keeps a credential under its id, across a reopening', async () => {
      const { store, reopen } = await open();
      await store.save(first, AT);
      await store.save({ credentialId: 'c-2', userId: 'u-2', passwordHash: 'scrypt$two' }, AT);
      expect(await store.get('c-1')).toEqual(first);
      await store.close();
      const again = await reopen();
      try {
        expect(await again.get('c-1')).toEqual(first);
        expect(await again.get('c-2')).toEqual({
          credentialId: 'c-2',
          userId: 'u-2',
          passwordHash: 'scrypt$two',
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

    it('replaces the row saved again under the same id (the import of old events, rerun)', async () => {
      const { store } = await open();
      try {
        await store.save(first, AT);
        await store.save(first, AT);
        await store.save({ ...first, passwordHash: 'scrypt$newer' }, AT);
        expect(await store.get('c-1')).toEqual({ ...first, passwordHash: 'scrypt$newer' });
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

describeCredentialStoreContract('SqliteCredentialStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-credentials-'));
  dirs.push(dir);
  const file = path.join(dir, 'chidao.sqlite');
  return Promise.resolve({
    store: SqliteCredentialStore.open(file),
    reopen: () => Promise.resolve(SqliteCredentialStore.open(file)),
  });
});

describeWithPostgres('PostgresCredentialStore', (url) => {
  const pools: Pool[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    for (const schema of schemas) await dropSchema(url, schema);
  });

  const connect = async (schema: string) => {
    const pool = await openPgPool({ url, schema });
    pools.push(pool);
    return PostgresCredentialStore.open(pool);
  };

  describeCredentialStoreContract('on PostgreSQL', async () => {
    const schema = uniqueSchema('cred');
    schemas.push(schema);
    return { store: await connect(schema), reopen: () => connect(schema) };
  });
});
