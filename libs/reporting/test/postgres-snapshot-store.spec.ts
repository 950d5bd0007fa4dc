import { Client } from 'pg';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { PostgresSnapshotStore } from '../src/snapshots/postgres-snapshot-store';
import {
  describeSnapshotStoreContract,
  sampleSnapshot,
} from '../src/testing/snapshot-store.contract';

describeWithPostgres('PostgresSnapshotStore', (url) => {
  let opened: Array<{ store: PostgresSnapshotStore; schema: string }> = [];
  const open = async (schema = uniqueSchema('snap')) => {
    const store = await PostgresSnapshotStore.open({ url, schema });
    opened.push({ store, schema });
    return store;
  };
  const cleanup = async () => {
    for (const { store } of opened) await store.close();
    for (const schema of new Set(opened.map((o) => o.schema))) await dropSchema(url, schema);
    opened = [];
  };

  describeSnapshotStoreContract({ name: 'PostgreSQL', open: () => open(), cleanup });

  describe('beyond the contract', () => {
    afterEach(cleanup);

    it('refuses UPDATE, DELETE and TRUNCATE through SQL', async () => {
      const schema = uniqueSchema('snap');
      const store = await open(schema);
      await store.save(sampleSnapshot());
      const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        for (const sql of [
          'UPDATE report_snapshots SET position = 1',
          'DELETE FROM report_snapshots',
          'TRUNCATE report_snapshots',
        ]) {
          await expect(client.query(sql)).rejects.toThrow(/report_snapshots is insert-only/);
        }
      } finally {
        await client.end();
      }
      expect((await store.get('snap-1'))?.position).toBe(42);
    });

    it('keeps every snapshot across instances and a second migration run', async () => {
      const schema = uniqueSchema('snap');
      const first = await open(schema);
      await first.save(sampleSnapshot({ id: 'kept' }));
      const [second, third] = await Promise.all([open(schema), open(schema)]);
      expect((await second.get('kept'))?.id).toBe('kept');
      await expect(third.save(sampleSnapshot({ id: 'kept' }))).rejects.toThrow(/already exists/);
    });
  });
});
