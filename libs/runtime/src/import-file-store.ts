/**
 * The files offices upload to import, beside the log and never in it: a list of 20 MB does not
 * belong in events every reader replays forever. The log records each dry run and commit by the
 * file's SHA-256 (TaskListImportPrepared, TaskListImportCommitted); this store keeps the bytes
 * under the import's id, so the commit applies exactly the file the dry run showed, on any
 * replica, after a restart. A row is written before its event: an orphan row no event names is
 * a dry run that was never recorded, and nothing reads it.
 */
import { migrate, openSqliteFile, type Migration } from '@chidao/event-store';
import type { ImportFileRecord, ImportFiles } from '@chidao/imports';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

export const IMPORT_FILES_COMPONENT = 'import-files';

/** The port the import session uses (@chidao/imports), with the store's own close. */
export type StoredImportFile = ImportFileRecord;

export interface ImportFileStore extends ImportFiles {
  close(): Promise<void>;
}

/** Shipped migrations never change: a change is a new entry. */
export const importFileMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'import_files',
    sql: `
CREATE TABLE import_files (
  import_id   text        PRIMARY KEY,
  sha256      text        NOT NULL,
  file_name   text        NOT NULL,
  agency      text        NOT NULL,
  uploaded_by text        NOT NULL,
  mapping     text,
  bytes       bytea       NOT NULL,
  saved_at    timestamptz NOT NULL
);`,
  },
];

const COLUMNS = 'import_id, sha256, file_name, agency, uploaded_by, mapping, bytes, saved_at';

interface Row {
  import_id: string;
  sha256: string;
  file_name: string;
  agency: string;
  uploaded_by: string;
  mapping: string | null;
  bytes: Buffer;
  saved_at: string | Date;
}

const fileOf = (row: Row): StoredImportFile => ({
  importId: row.import_id,
  sha256: row.sha256,
  fileName: row.file_name,
  agency: row.agency,
  uploadedBy: row.uploaded_by,
  mapping: row.mapping,
  bytes: Buffer.from(row.bytes),
  savedAt: new Date(row.saved_at).toISOString(),
});

const valuesOf = (file: StoredImportFile) => [
  file.importId,
  file.sha256,
  file.fileName,
  file.agency,
  file.uploadedBy,
  file.mapping,
  file.bytes,
  file.savedAt,
];

/** The embedded deployment's store: a table of the log's own SQLite file. */
export class SqliteImportFileStore implements ImportFileStore {
  private closed = false;

  static open(path: string): SqliteImportFileStore {
    const db = openSqliteFile(path, {
      schema: `CREATE TABLE IF NOT EXISTS import_files (
        import_id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        agency TEXT NOT NULL,
        uploaded_by TEXT NOT NULL,
        mapping TEXT,
        bytes BLOB NOT NULL,
        saved_at TEXT NOT NULL
      )`,
    });
    return new SqliteImportFileStore(db);
  }

  private constructor(private readonly db: Database.Database) {}

  // better-sqlite3 is synchronous: the promises are those of the port.
  save(file: StoredImportFile): Promise<void> {
    try {
      this.db
        .prepare(`INSERT INTO import_files (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...valuesOf(file));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  get(importId: string): Promise<StoredImportFile | null> {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM import_files WHERE import_id = ?`)
      .get(importId) as Row | undefined;
    return Promise.resolve(row ? fileOf(row) : null);
  }

  close(): Promise<void> {
    if (!this.closed) this.db.close();
    this.closed = true;
    return Promise.resolve();
  }
}

/** The distributed deployment's store: `import_files` in the database beside the log. */
export class PostgresImportFileStore implements ImportFileStore {
  /** Runs the missing migrations on the process's shared pool (not ended by close). */
  static async open(pool: Pool): Promise<PostgresImportFileStore> {
    await migrate(pool, IMPORT_FILES_COMPONENT, importFileMigrations);
    return new PostgresImportFileStore(pool);
  }

  private constructor(private readonly pool: Pool) {}

  async save(file: StoredImportFile): Promise<void> {
    await this.pool.query(
      `INSERT INTO import_files (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      valuesOf(file),
    );
  }

  async get(importId: string): Promise<StoredImportFile | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM import_files WHERE import_id = $1`,
      [importId],
    );
    return rows[0] ? fileOf(rows[0]) : null;
  }

  /** The pool belongs to the process's stores, which end it. */
  async close(): Promise<void> {}
}
