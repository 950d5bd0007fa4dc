/** Real SQLite files in a temp directory, and the stores a test opens on them. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openEventStore, type EventStore } from '@chidao/event-store';
import { SqliteReadModelStore } from '../src/sqlite/sqlite-read-model-store';

export interface TempStores {
  readonly file: string;
  readonly eventStore: EventStore;
  readonly readStore: SqliteReadModelStore;
}

export class TempFiles {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];

  file(name = 'chidao.db'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-rm-'));
    this.dirs.push(dir);
    return path.join(dir, name);
  }

  /** Event store and read-model store in one file, as in the embedded deployment. */
  async open(file = this.file()): Promise<TempStores> {
    const eventStore = await openEventStore({ kind: 'sqlite', path: file });
    const readStore = SqliteReadModelStore.open({ path: file });
    this.onCleanup(() => readStore.close());
    this.onCleanup(() => eventStore.close());
    return { file, eventStore, readStore };
  }

  onCleanup(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every document as stored (id and exact JSON bytes), in id order. */
export async function dump(store: SqliteReadModelStore, name: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const document of store.documents(name).stream({ pageSize: 200 })) {
    rows.push(`${document.id}\t${document.json}`);
  }
  return rows;
}
