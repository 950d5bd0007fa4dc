import type { Pool } from 'pg';
import {
  nonNegativeInteger,
  pageFilter,
  streamKeyset,
  type DocumentCollection,
  type FindOptions,
  type ReadDocument,
  type StreamCursor,
  type StreamOptions,
  type Where,
} from '../document-query';
import { ColumnSets, toDocument, type ActiveGeneration as Active } from '../active-generation';
import { UnknownProjectionError } from '../read-model-store.port';
import {
  compilePgOrderBy,
  compilePgWhere,
  isUndefinedTable,
  pgPlaceholder,
  toSafeNumber,
} from './pg-document-sql';
import {
  CHECKPOINTS_TABLE,
  documentsTable,
  GENERATIONS_TABLE,
  PROJECTIONS_TABLE,
} from './pg-read-model-schema';

interface ActiveRow {
  generation: number;
  columns: string;
  position: string;
}

const RESOLVE_ACTIVE = `
  SELECT p.active_generation AS generation, g.columns, c.position
  FROM ${PROJECTIONS_TABLE} p
  JOIN ${GENERATIONS_TABLE} g ON g.projection = p.name AND g.generation = p.active_generation
  JOIN ${CHECKPOINTS_TABLE} c ON c.projection = p.name AND c.generation = p.active_generation
  WHERE p.name = $1`;

/** A swap between resolving and querying is rare; several in a row means something is wrong. */
const MAX_RESOLVES = 5;

/**
 * Queries over the active generation, each on committed data only (autocommit statements on the
 * pool). A query resolves the generation, then reads its table; if a swap dropped that table in
 * between, PostgreSQL says so (undefined_table) and the query resolves again and reads the new
 * generation, never a half-dropped one: a running statement holds off the DROP until it ends.
 */
export class PgDocumentCollection<D> implements DocumentCollection<D> {
  private readonly columnSets = new ColumnSets();

  constructor(
    private readonly pool: Pool,
    private readonly name: string,
    private readonly assertOpen: () => void,
  ) {}

  async generation(): Promise<number> {
    return (await this.resolve()).generation;
  }

  async position(): Promise<number> {
    return (await this.resolve()).position;
  }

  async get(id: string): Promise<D | null> {
    return this.read(async (active) => {
      const { rows } = await this.pool.query<{ doc: string }>(
        `SELECT doc FROM ${active.table} WHERE id = $1`,
        [id],
      );
      return rows.length === 0 ? null : (JSON.parse(rows[0].doc) as D);
    });
  }

  async find(options: FindOptions = {}): Promise<ReadDocument<D>[]> {
    return this.read(async (active) => {
      const where = compilePgWhere(options.where, active.columns);
      let sql = `SELECT id, doc FROM ${active.table} WHERE ${where.sql}
                 ORDER BY ${compilePgOrderBy(options.orderBy, active.columns)}`;
      const params = [...where.params];
      if (options.limit !== undefined) {
        params.push(nonNegativeInteger(options.limit, 'limit'));
        sql += ` LIMIT ${pgPlaceholder(params.length)}`;
      }
      if (options.offset !== undefined) {
        params.push(nonNegativeInteger(options.offset, 'offset'));
        sql += ` OFFSET ${pgPlaceholder(params.length)}`;
      }
      const { rows } = await this.pool.query<{ id: string; doc: string }>(sql, params);
      return rows.map(toDocument<D>);
    });
  }

  async count(where?: Where): Promise<number> {
    return this.read(async (active) => {
      const compiled = compilePgWhere(where, active.columns);
      const { rows } = await this.pool.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${active.table} WHERE ${compiled.sql}`,
        compiled.params,
      );
      return toSafeNumber(rows[0].n);
    });
  }

  async *stream(options: StreamOptions = {}): AsyncIterable<ReadDocument<D>> {
    const pageSize = nonNegativeInteger(options.pageSize ?? 500, 'pageSize') || 1;
    let after: StreamCursor | null = null;
    for (;;) {
      const rows = await this.read(async (active) => {
        const where = compilePgWhere(
          pageFilter(options.where, options.keyColumn, after),
          active.columns,
        );
        const params = [...where.params];
        const keyset = streamKeyset(options.keyColumn, active.columns, after, (value) => {
          params.push(value);
          return pgPlaceholder(params.length);
        });
        params.push(pageSize);
        const result = await this.pool.query<{ id: string; doc: string; stream_key?: unknown }>(
          `SELECT id, doc${keyset.select} FROM ${active.table} WHERE (${where.sql}) ${keyset.condition}
           ORDER BY ${keyset.orderBy} LIMIT ${pgPlaceholder(params.length)}`,
          params,
        );
        return result.rows;
      });
      yield* rows.map(toDocument<D>);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { key: last.stream_key, id: last.id };
    }
  }

  private async read<T>(query: (active: Active) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const active = await this.resolve();
      try {
        return await query(active);
      } catch (error) {
        if (!isUndefinedTable(error) || attempt >= MAX_RESOLVES) throw error;
      }
    }
  }

  private async resolve(): Promise<Active> {
    this.assertOpen();
    const { rows } = await this.pool.query<ActiveRow>(RESOLVE_ACTIVE, [this.name]);
    if (rows.length === 0) throw new UnknownProjectionError(this.name);
    const row = rows[0];
    return {
      generation: row.generation,
      position: toSafeNumber(row.position),
      table: documentsTable(this.name, row.generation),
      columns: this.columnSets.of(row.columns),
    };
  }
}
