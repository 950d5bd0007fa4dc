import type Database from 'better-sqlite3';
import {
  compileOrderBy,
  compileWhere,
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
  CHECKPOINTS_TABLE,
  documentsTable,
  GENERATIONS_TABLE,
  PROJECTIONS_TABLE,
} from './sqlite-read-model-schema';
import type { StatementCache } from './statement-cache';

interface ActiveRow {
  generation: number;
  columns: string;
  position: number;
}

const placeholder = () => '?';

/**
 * Queries over the active generation. Each call resolves the generation and runs its query in
 * one read transaction, so it sees one snapshot: a swap committed meanwhile (which drops the old
 * table) cannot pull the table from under it.
 */
export class SqliteDocumentCollection<D> implements DocumentCollection<D> {
  private readonly columnSets = new ColumnSets();

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    private readonly name: string,
    private readonly assertOpen: () => void,
  ) {}

  async generation(): Promise<number> {
    return this.read((active) => active.generation);
  }

  async position(): Promise<number> {
    return this.read((active) => active.position);
  }

  async get(id: string): Promise<D | null> {
    return this.read((active) => {
      const row = this.statements
        .get<{ doc: string }>(`SELECT doc FROM ${active.table} WHERE id = ?`)
        .get(id);
      return row ? (JSON.parse(row.doc) as D) : null;
    });
  }

  async find(options: FindOptions = {}): Promise<ReadDocument<D>[]> {
    return this.read((active) => {
      const where = compileWhere(options.where, active.columns, placeholder);
      let sql = `SELECT id, doc FROM ${active.table} WHERE ${where.sql}
                 ORDER BY ${compileOrderBy(options.orderBy, active.columns)}`;
      const params = [...where.params];
      if (options.limit !== undefined || options.offset !== undefined) {
        // SQLite needs a LIMIT before an OFFSET; -1 means none.
        sql += ' LIMIT ? OFFSET ?';
        params.push(
          options.limit === undefined ? -1 : nonNegativeInteger(options.limit, 'limit'),
          nonNegativeInteger(options.offset ?? 0, 'offset'),
        );
      }
      return this.statements
        .get<{ id: string; doc: string }>(sql)
        .all(...params)
        .map(toDocument<D>);
    });
  }

  async count(where?: Where): Promise<number> {
    return this.read((active) => {
      const compiled = compileWhere(where, active.columns, placeholder);
      const sql = `SELECT COUNT(*) AS n FROM ${active.table} WHERE ${compiled.sql}`;
      return this.statements.get<{ n: number }>(sql).get(...compiled.params)?.n ?? 0;
    });
  }

  async *stream(options: StreamOptions = {}): AsyncIterable<ReadDocument<D>> {
    const pageSize = nonNegativeInteger(options.pageSize ?? 500, 'pageSize') || 1;
    let after: StreamCursor | null = null;
    for (;;) {
      const rows = this.read((active) => {
        const filter = pageFilter(options.where, options.keyColumn, after);
        const where = compileWhere(filter, active.columns, placeholder);
        const params = [...where.params];
        const keyset = streamKeyset(options.keyColumn, active.columns, after, (value) => {
          params.push(value);
          return '?';
        });
        const sql = `SELECT id, doc${keyset.select} FROM ${active.table}
                     WHERE (${where.sql}) ${keyset.condition} ORDER BY ${keyset.orderBy} LIMIT ?`;
        return this.statements
          .get<{ id: string; doc: string; stream_key?: unknown }>(sql)
          .all(...params, pageSize);
      });
      yield* rows.map(toDocument<D>);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { key: last.stream_key, id: last.id };
    }
  }

  private read<T>(query: (active: Active) => T): T {
    this.assertOpen();
    return this.db.transaction(() => query(this.resolve()))();
  }

  private resolve(): Active {
    const row = this.statements
      .get<ActiveRow>(
        `SELECT p.active_generation AS generation, g.columns, c.position
         FROM ${PROJECTIONS_TABLE} p
         JOIN ${GENERATIONS_TABLE} g ON g.projection = p.name AND g.generation = p.active_generation
         JOIN ${CHECKPOINTS_TABLE} c ON c.projection = p.name AND c.generation = p.active_generation
         WHERE p.name = ?`,
      )
      .get(this.name);
    if (!row) throw new UnknownProjectionError(this.name);
    return {
      generation: row.generation,
      position: row.position,
      table: documentsTable(this.name, row.generation),
      columns: this.columnSets.of(row.columns),
    };
  }
}
