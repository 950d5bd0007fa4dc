/**
 * The registry rows every read-model adapter stores (the same `rm_` tables in SQLite and
 * PostgreSQL) and the rules they read them by, so both resolve a write target alike.
 */
import type { ColumnSchema } from './projection';
import {
  GenerationGoneError,
  ProjectionSupersededError,
  type GenerationRecord,
  type ProjectionRecord,
  type WriteTarget,
} from './read-model-store.port';

/** A registry row joined with its pending generation's fingerprint. */
export interface ProjectionRow {
  name: string;
  active_generation: number;
  fingerprint: string;
  status: 'active' | 'rebuilding';
  pending_generation: number | null;
  last_generation: number;
  pending_fingerprint: string | null;
}

/** A generation row; its checkpoint position comes as each driver reads it (see toGeneration). */
export interface GenerationRow {
  projection: string;
  generation: number;
  fingerprint: string;
  /** JSON of the ColumnSchema[] the documents table was created with. */
  columns: string;
}

export function toRecord(row: ProjectionRow): ProjectionRecord {
  return {
    name: row.name,
    activeGeneration: row.active_generation,
    fingerprint: row.fingerprint,
    status: row.status,
    pendingGeneration: row.pending_generation,
    pendingFingerprint: row.pending_fingerprint,
  };
}

export function toGeneration(row: GenerationRow, position: number): GenerationRecord {
  return {
    projection: row.projection,
    generation: row.generation,
    fingerprint: row.fingerprint,
    columns: JSON.parse(row.columns) as ColumnSchema[],
    position,
  };
}

/**
 * The generation a write target names in this registry row. Throws when it names none (the
 * active generation was built by other code, or the generation is gone): retrying will not help.
 */
export function targetGeneration(row: ProjectionRow, target: WriteTarget): number {
  if (target.kind === 'active') {
    if (row.fingerprint !== target.fingerprint) {
      throw new ProjectionSupersededError(row.name, target.fingerprint, row.fingerprint);
    }
    return row.active_generation;
  }
  const generation = target.generation;
  if (generation !== row.active_generation && generation !== row.pending_generation) {
    throw new GenerationGoneError(row.name, generation);
  }
  return generation;
}
