/** Real SQLite files in temp directories, and the stores a test opens on them. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openEventStore, readDomainEvents, type EventStore } from '@chidao/event-store';
import type { ProjectionDeps } from '../catch-up';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';

export interface TempStores {
  readonly file: string;
  readonly eventStore: EventStore;
  readonly readStore: SqliteReadModelStore;
  /** What Chidao's own projections run on: the log as domain events, and the read models. */
  readonly domain: ProjectionDeps;
}

/** Temp directories and everything to close before they go, in reverse order of opening. */
export class TempFiles {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => void | Promise<void>> = [];

  file(name = 'chidao.db'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-test-'));
    this.dirs.push(dir);
    return path.join(dir, name);
  }

  /** Event store and read-model store in one file, as in the embedded deployment. */
  async open(file = this.file()): Promise<TempStores> {
    const eventStore = await openEventStore({ kind: 'sqlite', path: file });
    this.onCleanup(() => eventStore.close());
    const readStore = this.readStore(file);
    return {
      file,
      eventStore,
      readStore,
      domain: { eventStore: readDomainEvents(eventStore), readStore },
    };
  }

  /** Another read-model store on the file (what another process would open). */
  readStore(file: string): SqliteReadModelStore {
    const store = SqliteReadModelStore.open({ path: file });
    this.onCleanup(() => store.close());
    return store;
  }

  onCleanup(closer: () => void | Promise<void>): void {
    this.closers.push(closer);
  }

  /** Closes everything and removes the directories even if a closer fails; then throws that. */
  async cleanup(): Promise<void> {
    const failures: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failures.push(error);
      }
    }
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    if (failures.length > 0) throw failures[0];
  }
}
