import type { Pool, PoolClient } from 'pg';
import { openMigratedPool, type Migration, type PgAdapterOptions } from '@chidao/event-store';
import {
  ANCHOR_COLUMNS as COLUMNS,
  anchorRowValues,
  assertInsertableAnchor,
  extendsChain,
  toAnchor,
  type AnchorRow,
} from './anchor-row';
import type { AnchorListQuery, AnchorStore, InsertAnchorResult } from './anchor-store.port';
import type { Anchor } from './log-anchor';

export const LOG_ANCHORS_COMPONENT = 'log-anchors';

/**
 * One row per Vietnam day, as in the SQLite adapter. Days compare byte by byte (`COLLATE "C"`).
 * The triggers make the table insert-only for anyone going through SQL without dropping them;
 * the anchor chain (and paper copies of anchors) catch whoever does. Shipped migrations never
 * change.
 */
export const anchorMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'log_anchors, insert-only',
    sql: `
CREATE TABLE log_anchors (
  day                    text COLLATE "C" PRIMARY KEY,
  position               bigint NOT NULL,
  log_digest             text NOT NULL,
  previous_anchor_digest text NOT NULL,
  anchor_digest          text NOT NULL UNIQUE,
  created_at             text NOT NULL
);
CREATE INDEX log_anchors_position ON log_anchors (position, day);
CREATE FUNCTION log_anchors_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'log_anchors is insert-only';
END $$;
CREATE TRIGGER log_anchors_no_change BEFORE UPDATE OR DELETE ON log_anchors
  FOR EACH ROW EXECUTE FUNCTION log_anchors_insert_only();
CREATE TRIGGER log_anchors_no_truncate BEFORE TRUNCATE ON log_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION log_anchors_insert_only();`,
  },
];

const SELECT_LATEST = `SELECT ${COLUMNS} FROM log_anchors ORDER BY day DESC LIMIT 1`;
const SELECT_DAY = `SELECT ${COLUMNS} FROM log_anchors WHERE day = $1`;

type Queryable = Pick<Pool | PoolClient, 'query'>;

interface PostgresAnchorStoreOptions extends PgAdapterOptions {
  /** Schema holding `log_anchors` (created when missing); default `public`. */
  readonly schema?: string;
}

export class PostgresAnchorStore implements AnchorStore {
  private closed = false;

  /** Opens (or shares) a pool and runs the missing migrations. */
  static async open(options: PostgresAnchorStoreOptions): Promise<PostgresAnchorStore> {
    const { pool, ownsPool } = await openMigratedPool(options, {
      component: LOG_ANCHORS_COMPONENT,
      migrations: anchorMigrations,
      max: 2,
      applicationName: 'chidao-anchors',
    });
    return new PostgresAnchorStore(pool, ownsPool);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async insert(anchor: Anchor): Promise<InsertAnchorResult> {
    this.assertOpen();
    assertInsertableAnchor(anchor);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Conflicts with itself and with every insert, not with readers: the day check, the chain
      // check and the insert see one state of the table, whichever process gets here first.
      await client.query('LOCK TABLE log_anchors IN SHARE ROW EXCLUSIVE MODE');
      const result = await this.insertLocked(client, anchor);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async latest(): Promise<Anchor | null> {
    this.assertOpen();
    return first(this.pool, SELECT_LATEST);
  }

  async forDay(day: string): Promise<Anchor | null> {
    this.assertOpen();
    return first(this.pool, SELECT_DAY, [day]);
  }

  async list(query: AnchorListQuery = {}): Promise<Anchor[]> {
    this.assertOpen();
    const clauses: string[] = [];
    const params: string[] = [];
    if (query.from !== undefined) {
      params.push(query.from);
      clauses.push(`day >= $${params.length}`);
    }
    if (query.to !== undefined) {
      params.push(query.to);
      clauses.push(`day <= $${params.length}`);
    }
    const where = clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
    const { rows } = await this.pool.query<AnchorRow>(
      `SELECT ${COLUMNS} FROM log_anchors WHERE ${where} ORDER BY day`,
      params,
    );
    return rows.map(toAnchor);
  }

  async upTo(position: number): Promise<Anchor | null> {
    this.assertOpen();
    if (!Number.isSafeInteger(position)) throw new TypeError('upTo: position must be an integer');
    return first(
      this.pool,
      `SELECT ${COLUMNS} FROM log_anchors WHERE position <= $1 ORDER BY day DESC LIMIT 1`,
      [position],
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private async insertLocked(client: PoolClient, anchor: Anchor): Promise<InsertAnchorResult> {
    const sameDay = await first(client, SELECT_DAY, [anchor.day]);
    if (sameDay) return { status: 'day_taken', anchor: sameDay };
    const latest = await first(client, SELECT_LATEST);
    if (!extendsChain(anchor, latest)) return { status: 'stale', latest };
    const { rows } = await client.query<AnchorRow>(
      `INSERT INTO log_anchors (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${COLUMNS}`,
      anchorRowValues(anchor),
    );
    return { status: 'inserted', anchor: toAnchor(rows[0]) };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresAnchorStore is closed');
  }
}

async function first(db: Queryable, sql: string, params: unknown[] = []): Promise<Anchor | null> {
  const { rows } = await db.query<AnchorRow>(sql, params);
  return rows.length === 0 ? null : toAnchor(rows[0]);
}
