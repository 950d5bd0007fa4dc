/**
 * What a document collection of either adapter works with once it has resolved the active
 * generation of its projection: the query compilers need its table and its column names.
 */
import type { ReadDocument } from './document-query';
import type { ColumnSchema } from './projection';

export interface ActiveGeneration {
  readonly generation: number;
  readonly position: number;
  readonly table: string;
  /** Declared columns and `id`: the names a filter or sort may use. */
  readonly columns: ReadonlySet<string>;
}

/** Parsed once per generation's column JSON: every query resolves the generation again. */
export class ColumnSets {
  private readonly sets = new Map<string, ReadonlySet<string>>();

  of(json: string): ReadonlySet<string> {
    let set = this.sets.get(json);
    if (!set) {
      const columns = JSON.parse(json) as ColumnSchema[];
      set = new Set(['id', ...columns.map((column) => column.name)]);
      this.sets.set(json, set);
    }
    return set;
  }
}

export function toDocument<D>(row: { id: string; doc: string }): ReadDocument<D> {
  return { id: row.id, doc: JSON.parse(row.doc) as D, json: row.doc };
}
