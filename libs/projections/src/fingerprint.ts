import { createHash } from 'node:crypto';
import type { DocumentProjection, PositionedEvent } from './projection';

/** Where a composed function keeps the source text of the functions it was built from. */
const SOURCE = Symbol.for('chidao.projections.source');

type WithSource = { [SOURCE]?: string };

/**
 * Marks a function built by a helper (a closure whose own text never changes) with the text that
 * does define its behaviour, so the fingerprint still changes when that text does.
 */
export function withSource<F extends (...args: never[]) => unknown>(fn: F, source: string): F {
  Object.defineProperty(fn, SOURCE, { value: source, enumerable: false });
  return fn;
}

export function sourceOf(fn: (...args: never[]) => unknown): string {
  return (fn as WithSource)[SOURCE] ?? fn.toString();
}

/**
 * SHA-256 over what decides a projection's documents: its name, version, columns (with the text
 * of their extractors) and the text of idOf and evolve. A different fingerprint on start means
 * the stored documents may be wrong for this code, so they are rebuilt. Function text only
 * covers the function itself: when it calls a helper that changes, bump `version`.
 */
export function projectionFingerprint<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
): string {
  const parts = {
    name: projection.name,
    version: projection.version,
    columns: projection.columns.map((column) => ({
      name: column.name,
      type: column.type,
      index: column.index === true,
      of: sourceOf(column.of),
    })),
    idOf: sourceOf(projection.documents.idOf),
    evolve: sourceOf(projection.documents.evolve),
  };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
