/**
 * `npm run projections:rebuild -- <name>|all`: rebuilds read models from position 0 into fresh
 * tables and swaps them in. Safe while the app runs on the same data directory: the app keeps
 * answering from the previous tables and its runners follow the swap.
 */
import { openEventStore, readDomainEvents } from '@chidao/event-store';
import { openReadModelStore, rebuildProjection } from '@chidao/projections';
import { ConfigError, loadAppConfig } from '../config/app-config';
import { PROJECTIONS } from '../read-models/projection-catalogue';

async function main(argv: string[]): Promise<number> {
  const wanted = argv[0];
  const known = PROJECTIONS.map((projection) => projection.name);
  if (!wanted || (wanted !== 'all' && !known.includes(wanted))) {
    console.error(`usage: npm run projections:rebuild -- <${[...known, 'all'].join('|')}>`);
    return 2;
  }
  const config = loadAppConfig();
  const eventStore = await openEventStore(config.deployment.eventStore);
  const readStore = await openReadModelStore(config.deployment.readStore);
  try {
    for (const projection of PROJECTIONS) {
      if (wanted !== 'all' && projection.name !== wanted) continue;
      const result = await rebuildProjection(projection, {
        eventStore: readDomainEvents(eventStore),
        readStore,
      });
      console.log(
        `${projection.name}: generation ${result.generation}, ${result.events} events to position ${result.position} ` +
          `in ${Math.round(result.elapsedMs)} ms (${Math.round(result.eventsPerSecond)} events/s)`,
      );
    }
    return 0;
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
