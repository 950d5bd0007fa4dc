/** How every adapter interprets the read options of the port. */
import type { ReadAllOptions, StoredEvent } from './event-store.port';

export const MAX_POSITION = Number.MAX_SAFE_INTEGER;
/** `recordedUpTo` when none is given: later than anything stored. */
export const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';

/** Events with after < position <= upTo, in position order, at most `limit`. */
type FetchBatch = (
  after: number,
  upTo: number,
  limit: number,
) => Promise<StoredEvent[]> | StoredEvent[];

/** readAll over keyset pages: holds one batch at a time, whatever the size of the log. */
export async function* readInBatches(
  fetch: FetchBatch,
  options: ReadAllOptions = {},
): AsyncIterable<StoredEvent[]> {
  const batchSize = positiveInteger(options.batchSize ?? 1000, 'batchSize');
  const upTo = options.upTo ?? MAX_POSITION;
  let after = options.after ?? 0;
  while (after < upTo) {
    const batch = await fetch(after, upTo, batchSize);
    if (batch.length === 0) return;
    after = batch[batch.length - 1].position;
    yield batch;
    if (batch.length < batchSize) return;
  }
}

/** Normalises any ISO-8601 instant to the stored form (UTC, milliseconds) so strings compare. */
export function toInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Not an ISO-8601 instant: ${value}`);
  return date.toISOString();
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be an integer >= 1`);
  return value;
}
