/**
 * The store `chidao import-log` writes into, located as every command locates the deployment
 * (--data-dir, --db, --schema or the environment) but opened writable. A SQLite file the import
 * had to create is removed again when the import fails, so a refused archive leaves no log
 * behind (a data directory it created stays, empty).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ensurePrivateDir,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type LogRestorer,
} from '@chidao/event-store';
import { maskUrl, postgresFailure } from '@chidao/runtime';
import { UsageError } from '../cli-io';
import { locateSource } from '../open-source';

export interface RestoreTarget {
  readonly store: EventStore & LogRestorer;
  readonly label: string;
  /** The source options that name this store again, for `audit verify` after the import. */
  readonly verifyArgs: string[];
  /** Closes the store; after a failure, also removes a SQLite file this import created. */
  close(failed: boolean): Promise<void>;
}

export async function openRestoreTarget(args: {
  readonly 'data-dir'?: string;
  readonly db?: string;
  readonly schema?: string;
}): Promise<RestoreTarget> {
  const location = locateSource(args);
  if (location.kind === 'postgres') {
    const { url, schema } = location;
    const store = await PostgresEventStore.open({ url, schema, poolSize: 2 }).catch(
      (error: unknown) => Promise.reject(postgresFailure(error, location)),
    );
    return {
      store,
      label: `${maskUrl(url)} (schema ${schema})`,
      verifyArgs: ['--db', url, '--schema', schema],
      close: () => store.close(),
    };
  }
  const file = location.path;
  const created = !fs.existsSync(file);
  let store: SqliteEventStore;
  try {
    // A new data directory, as the API would create it: owner-only.
    ensurePrivateDir(path.dirname(file));
    store = SqliteEventStore.open({ path: file });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Cannot open the log in ${file}: ${reason}`,
      `Không mở được nhật ký trong tệp ${file}: ${reason}`,
    );
  }
  return {
    store,
    label: file,
    verifyArgs: ['--db', `sqlite:${file}`],
    async close(failed) {
      await store.close();
      if (failed && created) {
        for (const each of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(each, { force: true });
      }
    },
  };
}
