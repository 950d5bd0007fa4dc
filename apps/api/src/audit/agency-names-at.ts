import { canonicalId, STREAMS } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';

/** An agency's name as the register gave it when the log reached a position. */
export type AgencyNameAt = (code: string, position: number) => string | null;

/**
 * The names each agency of the register had over time (its registration and renames), read from
 * the agencies' own streams: a sentence about an event names an agency as it was called then.
 * A province has tens of agencies, each stream a few events: read per request.
 */
export async function agencyNamesAt(
  eventStore: EventStore,
  codes: readonly string[],
): Promise<AgencyNameAt> {
  const history = new Map<string, { position: number; name: string }[]>();
  await Promise.all(
    codes.map(async (code) => {
      const entries: { position: number; name: string }[] = [];
      // Streams are stored under the canonical (lower-case) id; older ones as spelled.
      let events = await eventStore.readStream(STREAMS.agency.of(canonicalId(code)));
      if (events.length === 0) events = await eventStore.readStream(STREAMS.agency.of(code));
      for (const event of events) {
        const name = (event.data as { name?: unknown } | null)?.name;
        if (
          (event.type === 'AgencyRegistered' || event.type === 'AgencyRenamed') &&
          typeof name === 'string'
        ) {
          entries.push({ position: event.position, name });
        }
      }
      history.set(code, entries);
    }),
  );
  return (code, position) => {
    const entries = history.get(code);
    if (!entries || entries.length === 0) return null;
    // Before its registration (an event naming a code registered later): its first name.
    let name = entries[0].name;
    for (const entry of entries) {
      if (entry.position > position) break;
      name = entry.name;
    }
    return name;
  };
}
