/**
 * The query helper over a projection's documents. Filters name declared columns (or `id`) and
 * never take SQL text, so the same query runs on every adapter and nothing user-supplied reaches
 * SQL except as a bound parameter.
 */
import type { ColumnValue } from './projection';

/** A column compared with one operator; several operators on one column are ANDed. */
export interface Comparison {
  readonly eq?: ColumnValue;
  readonly ne?: string | number;
  readonly lt?: string | number;
  readonly lte?: string | number;
  readonly gt?: string | number;
  readonly gte?: string | number;
  readonly in?: readonly (string | number)[];
  /** Only for text columns: SQL LIKE with `%` and `_`. */
  readonly like?: string;
}

/** Columns ANDed; a bare value means equality, `null` means IS NULL. */
export type Where = Readonly<Record<string, ColumnValue | Comparison>>;

export interface OrderBy {
  readonly column: string;
  readonly direction?: 'asc' | 'desc';
}

export interface FindOptions {
  readonly where?: Where;
  /** Sort keys; `id` is always appended as the last one, so the order is total. */
  readonly orderBy?: readonly OrderBy[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface StreamOptions {
  readonly where?: Where;
  /** Documents per query (default 500): memory stays bounded by one page. */
  readonly pageSize?: number;
  /**
   * An indexed column that is never null, the one `where` selects a range of: documents come in
   * (column, id) order, each page read from the column's index after the last one. Default: id
   * order — which, with a range on another column, makes the database sort every matching row
   * for every page (quadratic: 28 pages of 13 700 tasks took 0,4 s, see docs/performance.md).
   */
  readonly keyColumn?: string;
}

/**
 * The keyset paging of a stream: the page's condition after the last document read and its
 * order, over `(keyColumn, id)` or `id`. Shared by the SQLite and PostgreSQL collections.
 */
export function streamKeyset(
  keyColumn: string | undefined,
  columns: ReadonlySet<string>,
  after: StreamCursor | null,
  bind: (value: unknown) => string,
): { condition: string; orderBy: string; select: string } {
  if (keyColumn === undefined) {
    return {
      condition: after === null ? '' : `AND id > ${bind(after.id)}`,
      orderBy: 'id',
      select: '',
    };
  }
  if (!columns.has(keyColumn)) throw new TypeError(`Unknown key column: ${keyColumn}`);
  return {
    condition:
      after === null ? '' : `AND (${keyColumn}, id) > (${bind(after.key)}, ${bind(after.id)})`,
    orderBy: `${keyColumn}, id`,
    select: `, ${keyColumn} AS stream_key`,
  };
}

/**
 * The filter of a stream's next page: after the first, the cursor is a tighter lower bound on
 * the key column than the filter's own, and left beside it the database started every page's
 * index scan at the filter's bound and stepped over everything read before (quadratic again:
 * 3,6 s for 137 000 tasks).
 */
export function pageFilter(
  where: Where | undefined,
  keyColumn: string | undefined,
  after: StreamCursor | null,
): Where | undefined {
  if (after === null || keyColumn === undefined || where === undefined) return where;
  const condition = where[keyColumn];
  if (condition === null || typeof condition !== 'object') return where;
  const { gt: _gt, gte: _gte, ...rest } = condition;
  return { ...where, [keyColumn]: rest };
}

/** Where a stream's next page starts. */
export interface StreamCursor {
  readonly key: unknown;
  readonly id: string;
}

export interface ReadDocument<D> {
  readonly id: string;
  readonly doc: D;
  /** The stored bytes (canonical JSON): what digests and byte-for-byte checks use. */
  readonly json: string;
}

export interface DocumentCollection<D> {
  /** The active generation now (it changes when a rebuild swaps). */
  generation(): Promise<number>;
  /** The active generation's checkpoint: the documents reflect every event up to it. */
  position(): Promise<number>;
  get(id: string): Promise<D | null>;
  find(options?: FindOptions): Promise<ReadDocument<D>[]>;
  count(where?: Where): Promise<number>;
  /**
   * Every matching document in id order, one page per query (keyset paging on id, so each page
   * is an index range scan and nothing is held beyond a page). Each page resolves the active
   * generation again: after a swap the stream continues in the new generation.
   */
  stream(options?: StreamOptions): AsyncIterable<ReadDocument<D>>;
}

export interface CompiledSql {
  readonly sql: string;
  readonly params: unknown[];
}

const OPERATORS: Readonly<Record<string, string>> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'LIKE',
};

/**
 * Compiles a filter to a SQL condition (`1=1` when empty). `placeholder(n)` gives the dialect's
 * n-th parameter marker (`?` for SQLite, `$n` for PostgreSQL); `params` continues `startParams`.
 */
export function compileWhere(
  where: Where | undefined,
  columns: ReadonlySet<string>,
  placeholder: (index: number) => string,
  startParams: unknown[] = [],
): CompiledSql {
  const params = [...startParams];
  const bind = (value: unknown) => {
    params.push(value);
    return placeholder(params.length);
  };
  const clauses: string[] = [];
  for (const [column, condition] of Object.entries(where ?? {})) {
    if (!columns.has(column)) throw new TypeError(`Unknown column in filter: ${column}`);
    if (condition === null) {
      clauses.push(`${column} IS NULL`);
      continue;
    }
    if (typeof condition !== 'object') {
      clauses.push(`${column} = ${bind(condition)}`);
      continue;
    }
    for (const [op, value] of Object.entries(condition)) {
      if (value === undefined) continue;
      if (op === 'in') {
        const list = value as readonly unknown[];
        clauses.push(list.length === 0 ? '1=0' : `${column} IN (${list.map(bind).join(', ')})`);
      } else if (op === 'eq' && value === null) {
        clauses.push(`${column} IS NULL`);
      } else if (OPERATORS[op] !== undefined) {
        if (value === null) throw new TypeError(`Filter ${column}.${op} cannot be null`);
        clauses.push(`${column} ${OPERATORS[op]} ${bind(value)}`);
      } else {
        throw new TypeError(`Unknown filter operator ${op} on ${column}`);
      }
    }
  }
  return { sql: clauses.length === 0 ? '1=1' : clauses.join(' AND '), params };
}

/** `ORDER BY` text over declared columns, `id` last so paging and ties are deterministic. */
export function compileOrderBy(
  orderBy: readonly OrderBy[] | undefined,
  columns: ReadonlySet<string>,
): string {
  const keys = (orderBy ?? []).map(({ column, direction = 'asc' }) => {
    if (!columns.has(column)) throw new TypeError(`Unknown column in orderBy: ${column}`);
    if (direction !== 'asc' && direction !== 'desc') {
      throw new TypeError(`Unknown direction ${String(direction)}`);
    }
    return `${column} ${direction.toUpperCase()}`;
  });
  if (!(orderBy ?? []).some((key) => key.column === 'id')) keys.push('id ASC');
  return keys.join(', ');
}

export function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be an integer >= 0`);
  return value;
}
