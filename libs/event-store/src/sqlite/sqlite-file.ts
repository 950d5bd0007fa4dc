import Database from 'better-sqlite3';
import { preparePrivateSqliteFile } from './private-files';

interface SqliteFileOptions {
  /** How long a writer waits for another connection's write lock (SQLite busy_timeout). */
  readonly busyTimeoutMs?: number;
  /** FULL: a commit survives a power cut; NORMAL: only a process crash (read models). */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** DDL run in one IMMEDIATE transaction, so several processes may open the file at once. */
  readonly schema?: string;
  /**
   * Audit reads: the file must exist and is opened read-only (SQLite refuses every write), with
   * no pragma or schema applied, so the audited file is never changed.
   */
  readonly readonly?: boolean;
}

/**
 * Opens one of the embedded deployment's SQLite files the way every store does: WAL (readers
 * never block the writer), a busy timeout instead of BUSY errors, the store's schema, and owner-only
 * file modes (private-files.ts).
 */
export function openSqliteFile(path: string, options: SqliteFileOptions = {}): Database.Database {
  if (options.readonly) {
    return new Database(path, {
      readonly: true,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? 5000,
    });
  }
  preparePrivateSqliteFile(path);
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    if (options.schema) {
      const schema = options.schema;
      db.transaction(() => db.exec(schema)).immediate();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Triggers that refuse UPDATE and DELETE through SQL: whoever drops them first is caught by the
 * hashes and digests, not by these.
 */
export const insertOnlyTriggers = (table: string, wording = 'insert-only'): string => `
CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is ${wording}'); END;
CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is ${wording}'); END;
`;
