/**
 * The frozen log as a file, and back into a store. Loading re-appends every event as it is stored
 * (type, schema version, data and metadata untouched), with the store's clock at the event's
 * recordedAt, and proves the result is the same log: same positions, versions and hashes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManualClock } from '@chidao/audit/testing';
import type { EventStore, StoredEvent } from '@chidao/event-store';

const FIXTURE_DIR = path.resolve(__dirname, '../fixture');
/** The frozen log, one StoredEvent JSON per line. */
export const FIXTURE_LOG_FILE = path.join(FIXTURE_DIR, 'province-log.v1.ndjson');
/** What the code of the fixture's commit answered on that log. */
export const FIXTURE_ANSWERS_FILE = path.join(FIXTURE_DIR, 'answers.v1.json');

export async function dumpLog(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
}

/** One StoredEvent JSON per line, in position order. */
export const toNdjson = (events: readonly StoredEvent[]): string =>
  events.map((event) => `${JSON.stringify(event)}\n`).join('');

export function readFixtureLog(file: string): StoredEvent[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as StoredEvent);
}

/**
 * Appends the events to an empty store, one append per event, each expecting its stream at the
 * version before it; throws at the first event whose position, version, recordedAt or hash comes
 * out different from the fixture's.
 */
export async function loadFixtureLog(
  store: EventStore,
  events: readonly StoredEvent[],
  clock: ManualClock,
): Promise<void> {
  const head = await store.headPosition();
  if (head !== 0) throw new Error(`loadFixtureLog needs an empty store, this one ends at ${head}`);
  for (const event of events) {
    clock.set(event.recordedAt);
    const { type, schemaVersion, data, metadata, occurredOn } = event;
    const result = await store.append(
      event.streamId,
      [{ type, schemaVersion, data, metadata, occurredOn }],
      { expectedVersion: event.streamVersion === 1 ? 'no_stream' : event.streamVersion - 1 },
    );
    if (
      result.firstPosition !== event.position ||
      result.nextExpectedVersion !== event.streamVersion
    ) {
      throw new Error(
        `Fixture event ${event.position} (${event.streamId} v${event.streamVersion}) was ` +
          `stored at position ${result.firstPosition}, version ${result.nextExpectedVersion}`,
      );
    }
  }
  const stored = await dumpLog(store);
  if (stored.length !== events.length) {
    throw new Error(`The store holds ${stored.length} events, the fixture ${events.length}`);
  }
  stored.forEach((event, i) => {
    const expected = events[i];
    for (const field of ['position', 'streamVersion', 'recordedAt', 'hash'] as const) {
      if (event[field] !== expected[field]) {
        throw new Error(
          `Fixture event ${expected.position}: ${field} is ${String(event[field])} in the store, ` +
            `${String(expected[field])} in the fixture`,
        );
      }
    }
  });
}
