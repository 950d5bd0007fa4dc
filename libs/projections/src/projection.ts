/**
 * What a projection is: a pure reducer over stored events that keeps one kind of document, plus
 * the columns of that document a query may filter or sort on. Everything else (running,
 * checkpointing, rebuilding, storage) is the runner's and the read-model store's business, so a
 * projection can be tested by folding an array of events.
 */
import type { RecordedEvent, StoredEvent } from '@chidao/event-store';

/** What the machinery (batches, checkpoints, partitions) needs of any event it carries. */
export type PositionedEvent = Pick<StoredEvent, 'position' | 'streamId'>;

export type ColumnType = 'text' | 'integer' | 'real';
export type ColumnValue = string | number | null;

/** A column derived from the document, stored next to its JSON so queries need not parse it. */
export interface ColumnDefinition<D> {
  /** Lower-case SQL identifier; `id` and `doc` are taken. */
  readonly name: string;
  readonly type: ColumnType;
  readonly of: (doc: D) => ColumnValue;
  /** Creates an index on the column in every generation's table. */
  readonly index?: boolean;
}

/**
 * A projection reduces events of type `E`: Chidao's own projections read the log as typed,
 * current-version domain events (readDomainEvents); only tests of the machinery use others.
 */
export interface DocumentReducer<D, E extends PositionedEvent = RecordedEvent> {
  /** The document an event belongs to, or null when the projection ignores the event. */
  readonly idOf: (event: E) => string | null;
  /**
   * The document after the event, from the document before it (null: none yet). Returning null
   * deletes the document. Must be deterministic and return plain JSON values, because a rebuild
   * must produce the same bytes and documents are stored as JSON between batches.
   */
  readonly evolve: (doc: D | null, event: E) => D | null;
}

/**
 * One kind of document per projection: each projection owns one table per generation, and the
 * swap after a rebuild is one row update. Several kinds are several projections (they are cheap:
 * each is a runner reading the same log).
 */
export interface DocumentProjection<D, E extends PositionedEvent = RecordedEvent> {
  /** Lower-case SQL identifier (letters, digits, `_`), at most 40 characters; names its tables. */
  readonly name: string;
  /** Bump when behaviour changes outside idOf/evolve (a helper they call): forces a rebuild. */
  readonly version: number;
  readonly documents: DocumentReducer<D, E>;
  readonly columns: readonly ColumnDefinition<D>[];
  /**
   * `stream`: every document is built from the events of one stream only (idOf never maps two
   * streams to one document). Only then may the projection be fed partition by partition from a
   * topic keyed by stream id (applyPartitionBatch): each document still sees its events in log
   * order, though partitions advance at their own pace. Leave it out otherwise.
   */
  readonly partitionedBy?: 'stream';
}

/** The storage-relevant part of a projection: what the read-model store needs to make tables. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  readonly index: boolean;
}

export interface ReadModelSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const COLUMN_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const RESERVED_COLUMNS = new Set(['id', 'doc']);
const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'real'];

/** Checks the names that end up in SQL; everything interpolated into SQL passes through here. */
export function validateSchema(schema: ReadModelSchema): ReadModelSchema {
  if (!PROJECTION_NAME.test(schema.name)) {
    throw new TypeError(`Projection name "${schema.name}" must match ${PROJECTION_NAME}`);
  }
  const seen = new Set<string>();
  for (const column of schema.columns) {
    if (!COLUMN_NAME.test(column.name) || RESERVED_COLUMNS.has(column.name)) {
      throw new TypeError(`${schema.name}: column name "${column.name}" is not allowed`);
    }
    if (seen.has(column.name))
      throw new TypeError(`${schema.name}: duplicate column ${column.name}`);
    if (!COLUMN_TYPES.includes(column.type)) {
      throw new TypeError(`${schema.name}: column ${column.name} has unknown type ${column.type}`);
    }
    seen.add(column.name);
  }
  return schema;
}

export function schemaOf<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
): ReadModelSchema {
  return validateSchema({
    name: projection.name,
    columns: projection.columns.map(({ name, type, index }) => ({
      name,
      type,
      index: index === true,
    })),
  });
}

/** Identity with type inference and early validation, so a bad name fails at import time. */
export function defineProjection<D, E extends PositionedEvent = RecordedEvent>(
  projection: DocumentProjection<D, E>,
): DocumentProjection<D, E> {
  schemaOf(projection);
  if (!Number.isInteger(projection.version) || projection.version < 0) {
    throw new TypeError(`${projection.name}: version must be an integer >= 0`);
  }
  if (projection.partitionedBy !== undefined && projection.partitionedBy !== 'stream') {
    throw new TypeError(`${projection.name}: partitionedBy can only be 'stream'`);
  }
  return projection;
}

/** Folds events in memory: the reference semantics the runner must reproduce batch by batch. */
export function foldDocuments<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  events: Iterable<E>,
): Map<string, D> {
  const documents = new Map<string, D>();
  for (const event of events) {
    const id = projection.documents.idOf(event);
    if (id === null) continue;
    const next = projection.documents.evolve(documents.get(id) ?? null, event);
    if (next === null) documents.delete(id);
    else documents.set(id, next);
  }
  return documents;
}
