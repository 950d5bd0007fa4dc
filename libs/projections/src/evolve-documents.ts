/**
 * The part of a batch that does not depend on where the events came from (the log read in order,
 * or one Kafka partition): load the documents the events touch in one query, evolve them in the
 * events' order, write the result. Checkpoints are the caller's business.
 */
import { canonicalJson } from '@chidao/event-store';
import type { ColumnValue, DocumentProjection, PositionedEvent } from './projection';
import type { BatchTransaction, DocumentWrite } from './read-model-store.port';

/** Writes the documents `events` lead to and returns how many were touched. */
export async function writeEvolvedDocuments<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  tx: BatchTransaction,
  events: readonly E[],
): Promise<number> {
  const { idOf, evolve } = projection.documents;
  const ids = events.map((event) => idOf(event));
  const touched = [...new Set(ids.filter((id): id is string => id !== null))];
  const stored = await tx.load(touched);
  const working = new Map<string, D | null>();
  for (const [id, json] of stored) working.set(id, JSON.parse(json) as D);

  events.forEach((event, i) => {
    const id = ids[i];
    if (id === null) return;
    working.set(id, evolve(working.get(id) ?? null, event));
  });

  const writes: DocumentWrite[] = [];
  const deletes: string[] = [];
  for (const id of touched) {
    const doc = working.get(id) ?? null;
    if (doc === null) {
      if (stored.has(id)) deletes.push(id);
    } else {
      writes.push({ id, json: canonicalJson(doc), columns: columnValues(projection, doc) });
    }
  }
  await tx.delete(deletes);
  await tx.upsert(writes);
  return touched.length;
}

/** Column values checked against their declared type, so a query never meets a stray value. */
function columnValues<D>(
  projection: DocumentProjection<D, never>,
  doc: D,
): Record<string, ColumnValue> {
  const values: Record<string, ColumnValue> = {};
  for (const column of projection.columns) {
    const value = column.of(doc);
    const ok =
      value === null ||
      (column.type === 'text' && typeof value === 'string') ||
      (column.type === 'integer' && Number.isSafeInteger(value)) ||
      (column.type === 'real' && typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      throw new TypeError(
        `${projection.name}.${column.name}: ${JSON.stringify(value)} is not a ${column.type}`,
      );
    }
    values[column.name] = value;
  }
  return values;
}
