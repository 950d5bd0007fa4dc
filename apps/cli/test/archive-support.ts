/** What the log archive specs share: a demo deployment to export, and a log read whole. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, StoredEvent } from '@chidao/event-store';
import { runCli, type DataDir } from './support';

/** `chidao demo` into the directory: a real province's log (about 11 000 events, users too). */
export async function loadDemo(data: DataDir): Promise<void> {
  const demo = await runCli(['demo'], [], { CHIDAO_DATA_DIR: data.dir });
  if (demo.code !== 0) throw new Error(`chidao demo failed: ${demo.stderr}`);
}

export async function wholeLog(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 2000 })) events.push(...batch);
  return events;
}

/**
 * Every row of every table of a SQLite file, by table: read models compared whole. Less the
 * projections' register times (`created_at`, `updated_at`): when the rebuild ran, not what it read.
 */
export function tablesOf(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const names = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      names.map((name) => [
        name,
        (db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all() as Record<string, unknown>[]).map(
          ({ created_at: _made, updated_at: _ranAt, ...row }) => row,
        ),
      ]),
    );
  } finally {
    db.close();
  }
}

/** The archive's lines, its manifest parsed. */
export function archiveLines(file: string): { lines: string[]; manifest: Record<string, unknown> } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.pop() !== '') throw new Error(`${path.basename(file)} does not end with a newline`);
  const manifest = (JSON.parse(lines[lines.length - 1]) as { manifest: Record<string, unknown> })
    .manifest;
  return { lines, manifest };
}
