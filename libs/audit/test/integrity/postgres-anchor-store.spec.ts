import { Client } from 'pg';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { PostgresAnchorStore } from '../../src/integrity/postgres-anchor-store';
import {
  anchorFor,
  describeAnchorStoreContract,
} from '../../src/integrity/testing/anchor-store.contract';

describeWithPostgres('PostgresAnchorStore', (url) => {
  describeAnchorStoreContract({
    name: 'PostgreSQL',
    async open() {
      const schema = uniqueSchema('anchor');
      const instances = [await PostgresAnchorStore.open({ url, schema })];
      return {
        store: instances[0],
        async openAgain() {
          const again = await PostgresAnchorStore.open({ url, schema });
          instances.push(again);
          return again;
        },
        async cleanup() {
          for (const instance of instances) await instance.close();
          await dropSchema(url, schema);
        },
      };
    },
  });

  describe('beyond the contract', () => {
    const schemas: string[] = [];
    const stores: PostgresAnchorStore[] = [];
    const open = async (schema: string) => {
      const store = await PostgresAnchorStore.open({ url, schema });
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      for (const schema of schemas.splice(0)) await dropSchema(url, schema);
    });
    const fresh = () => {
      const schema = uniqueSchema('anchor');
      schemas.push(schema);
      return schema;
    };

    it('refuses UPDATE, DELETE and TRUNCATE through SQL', async () => {
      const schema = fresh();
      const store = await open(schema);
      const anchor = anchorFor('2024-05-27', 0, null);
      await store.insert(anchor);
      const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        for (const sql of [
          'UPDATE log_anchors SET position = 5',
          'DELETE FROM log_anchors',
          'TRUNCATE log_anchors',
        ]) {
          await expect(client.query(sql)).rejects.toThrow(/log_anchors is insert-only/);
        }
      } finally {
        await client.end();
      }
      expect(await store.list()).toEqual([anchor]);
    });

    it('keeps one chain when many instances race for the same day and the next ones', async () => {
      const schema = fresh();
      // Opened together: the migration runs once, under its lock.
      const racers = await Promise.all(Array.from({ length: 6 }, () => open(schema)));
      const genesis = anchorFor('2024-05-26', 1, null);
      await racers[0].insert(genesis);
      // Six rivals for one day, all built on the same anchor.
      const rivals = racers.map((store, i) =>
        store.insert(anchorFor('2024-05-27', 2 + i, genesis)),
      );
      const results = await Promise.all(rivals);
      expect(results.filter((r) => r.status === 'inserted')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'day_taken')).toHaveLength(5);
      const kept = await racers[5].forDay('2024-05-27');
      // Six rivals for six later days, all built on the kept anchor: one lands, the rest are stale.
      const later = await Promise.all(
        racers.map((store, i) => store.insert(anchorFor(`2024-06-0${i + 1}`, 20, kept))),
      );
      expect(later.filter((r) => r.status === 'inserted')).toHaveLength(1);
      expect(later.filter((r) => r.status === 'stale')).toHaveLength(5);
      const chain = await racers[3].list();
      expect(chain).toHaveLength(3);
      chain.slice(1).forEach((anchor, i) => {
        expect(anchor.previousAnchorDigest).toBe(chain[i].anchorDigest);
      });
    });
  });
});
