import { describeReadModelStoreContract } from '@chidao/projections/testing';
import { SqliteReadModelStore } from '../src/sqlite/sqlite-read-model-store';
import { TempFiles } from './support';

const files = new TempFiles();

describeReadModelStoreContract({
  name: 'SQLite',
  open() {
    const file = files.file();
    const stores = [SqliteReadModelStore.open({ path: file })];
    return {
      store: stores[0],
      openAnother() {
        const another = SqliteReadModelStore.open({ path: file });
        stores.push(another);
        return another;
      },
      async cleanup() {
        for (const store of stores) await store.close();
      },
    };
  },
});

afterAll(() => files.cleanup());
