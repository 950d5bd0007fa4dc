/**
 * `npm run projections:rebuild -- <name>|all`: rebuilds read models from position 0 into fresh
 * tables and swaps them in. Safe while the app runs on the same stores: the app keeps answering
 * from the previous tables and its runners follow the swap. Reads the deployment variables every
 * process reads, nothing of the API's own (no CHIDAO_JWT_SECRET).
 */
import { readDomainEvents } from '@chidao/event-store';
import { rebuildProjection } from '@chidao/projections';
import {
  describeStore,
  loadDeploymentConfig,
  openStores,
  startupFailureMessage,
} from '@chidao/runtime';
import { PROJECTIONS } from '../read-models/projection-catalogue';

async function main(argv: string[]): Promise<number> {
  const wanted = argv[0];
  const known = PROJECTIONS.map((projection) => projection.name);
  if (!wanted || (wanted !== 'all' && !known.includes(wanted))) {
    console.error(`usage: npm run projections:rebuild -- <${[...known, 'all'].join('|')}>`);
    return 2;
  }
  const config = loadDeploymentConfig(process.env, { process: 'cli' });
  const from = describeStore(config, 'eventStore');
  const into = describeStore(config, 'readStore');
  console.log(`Rebuilding from the log in ${from} into the read models in ${into}`);
  const stores = await openStores(config, { applicationName: 'chidao-rebuild' });
  try {
    const rebuilt: string[] = [];
    for (const projection of PROJECTIONS) {
      if (wanted !== 'all' && projection.name !== wanted) continue;
      const result = await rebuildProjection(projection, {
        eventStore: readDomainEvents(stores.eventStore),
        readStore: stores.readStore,
      });
      console.log(
        `${projection.name}: generation ${result.generation}, ${result.events} events to position ${result.position} ` +
          `in ${Math.round(result.elapsedMs)} ms (${Math.round(result.eventsPerSecond)} events/s)`,
      );
      rebuilt.push(`${projection.name} at position ${result.position}`);
    }
    console.log(`Rebuilt ${rebuilt.join(', ')} in ${into}`);
    return 0;
  } finally {
    await stores.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(startupFailureMessage(error));
    process.exit(1);
  },
);
