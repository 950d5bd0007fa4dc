/**
 * The shared filter and sort compilers (document-query.ts), adjusted so PostgreSQL answers
 * exactly as SQLite does for the same query.
 */
import {
  compileOrderBy,
  compileWhere,
  type CompiledSql,
  type OrderBy,
  type Where,
} from '../document-query';

export const pgPlaceholder = (index: number): string => `$${index}`;

/**
 * SQLite's LIKE ignores ASCII case and has no escape character; PostgreSQL's LIKE is case
 * sensitive and treats `\` as an escape. `ILIKE … ESCAPE ''` on "C"-collated text does what
 * SQLite does (ASCII case only, `%` and `_` the only wildcards). Column names are plain
 * identifiers and values are parameters, so ` LIKE $n` in the compiled text is always the operator.
 */
export function compilePgWhere(
  where: Where | undefined,
  columns: ReadonlySet<string>,
  startParams: unknown[] = [],
): CompiledSql {
  const compiled = compileWhere(where, columns, pgPlaceholder, startParams);
  return {
    sql: compiled.sql.replace(/ LIKE (\$\d+)/g, " ILIKE $1 ESCAPE ''"),
    params: compiled.params,
  };
}

/** SQLite sorts NULL first going up and last going down; PostgreSQL the other way round. */
export function compilePgOrderBy(
  orderBy: readonly OrderBy[] | undefined,
  columns: ReadonlySet<string>,
): string {
  return compileOrderBy(orderBy, columns)
    .split(', ')
    .map((key) => (key.endsWith(' ASC') ? `${key} NULLS FIRST` : `${key} NULLS LAST`))
    .join(', ');
}

/** bigint and COUNT come back from pg as strings (they may not fit a double); ours always do. */
export function toSafeNumber(value: string | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`${value} is not a safe integer`);
  return number;
}

/** undefined_table: a swap dropped the generation a query had just resolved. */
export const isUndefinedTable = (error: unknown): boolean =>
  (error as { code?: unknown }).code === '42P01';
