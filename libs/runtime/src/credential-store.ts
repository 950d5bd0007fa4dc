/**
 * Password hashes, beside the log and never in it: everything in the log is read by auditors,
 * exports, the CLI and the Kafka topic, forever, and cannot be erased. The log's
 * UserPasswordSet names the row here (`credentialId`) that holds the hash. A row is written
 * under a fresh id before its event is appended: if the append fails, the row is an orphan no
 * event names, and the user's current password is unchanged.
 */
import { migrate, openSqliteFile, type Migration } from '@chidao/event-store';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

export const USER_CREDENTIALS_COMPONENT = 'user-credentials';

export interface StoredCredential {
  readonly credentialId: string;
  readonly userId: string;
  /** The KDF output (`scrypt$N$r$p$salt$hash`). */
  readonly passwordHash: string;
}

export interface CredentialStore {
  /** Writes the row; the same id again replaces it (the start-up import of old events). */
  save(credential: StoredCredential, savedAt: Date): Promise<void>;
  get(credentialId: string): Promise<StoredCredential | null>;
  close(): Promise<void>;
}

/** Shipped migrations never change: a change is a new entry. */
export const credentialMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'user_credentials',
    sql: `
CREATE TABLE user_credentials (
  credential_id text        PRIMARY KEY,
  user_id       text        NOT NULL,
  password_hash text        NOT NULL,
  saved_at      timestamptz NOT NULL
);`,
  },
];

/** The embedded deployment's store: a table of the log's own SQLite file. */
export class SqliteCredentialStore implements CredentialStore {
  private closed = false;

  static open(path: string): SqliteCredentialStore {
    const db = openSqliteFile(path, {
      schema: `CREATE TABLE IF NOT EXISTS user_credentials (
        credential_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        saved_at TEXT NOT NULL
      )`,
    });
    return new SqliteCredentialStore(db);
  }

  private constructor(private readonly db: Database.Database) {}

  // better-sqlite3 is synchronous: the promises are those of the port.
  save(credential: StoredCredential, savedAt: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO user_credentials (credential_id, user_id, password_hash, saved_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (credential_id) DO UPDATE SET
           user_id = excluded.user_id, password_hash = excluded.password_hash, saved_at = excluded.saved_at`,
      )
      .run(
        credential.credentialId,
        credential.userId,
        credential.passwordHash,
        savedAt.toISOString(),
      );
    return Promise.resolve();
  }

  get(credentialId: string): Promise<StoredCredential | null> {
    const row = this.db
      .prepare(
        'SELECT credential_id, user_id, password_hash FROM user_credentials WHERE credential_id = ?',
      )
      .get(credentialId) as Row | undefined;
    return Promise.resolve(row ? credentialOf(row) : null);
  }

  close(): Promise<void> {
    if (!this.closed) this.db.close();
    this.closed = true;
    return Promise.resolve();
  }
}

/** The distributed deployment's store: `user_credentials` in the database beside the log. */
export class PostgresCredentialStore implements CredentialStore {
  /** Runs the missing migrations on the process's shared pool (not ended by close). */
  static async open(pool: Pool): Promise<PostgresCredentialStore> {
    await migrate(pool, USER_CREDENTIALS_COMPONENT, credentialMigrations);
    return new PostgresCredentialStore(pool);
  }

  private constructor(private readonly pool: Pool) {}

  async save(credential: StoredCredential, savedAt: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO user_credentials (credential_id, user_id, password_hash, saved_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (credential_id) DO UPDATE SET
         user_id = excluded.user_id, password_hash = excluded.password_hash, saved_at = excluded.saved_at`,
      [credential.credentialId, credential.userId, credential.passwordHash, savedAt.toISOString()],
    );
  }

  async get(credentialId: string): Promise<StoredCredential | null> {
    const { rows } = await this.pool.query<Row>(
      'SELECT credential_id, user_id, password_hash FROM user_credentials WHERE credential_id = $1',
      [credentialId],
    );
    return rows[0] ? credentialOf(rows[0]) : null;
  }

  /** The pool belongs to the process's stores, which end it. */
  async close(): Promise<void> {}
}

interface Row {
  credential_id: string;
  user_id: string;
  password_hash: string;
}

const credentialOf = (row: Row): StoredCredential => ({
  credentialId: row.credential_id,
  userId: row.user_id,
  passwordHash: row.password_hash,
});
