import { isConcurrencyError, type EventStore } from '@chidao/event-store';
import type { AppendOutcome, ChidaoMetrics } from './chidao-metrics';

/**
 * The same store, with every append timed and counted in `metrics` under `store` (the engine).
 * Everything else is passed through untouched.
 */
export function instrumentEventStore(
  store: EventStore,
  metrics: Pick<ChidaoMetrics, 'observeAppend'>,
  engine: string,
): EventStore {
  /** `events`: how many the write appends, or how to count them once it has. */
  async function timed<R>(write: () => Promise<R>, events: number | (() => number)): Promise<R> {
    const started = process.hrtime.bigint();
    const observe = (outcome: AppendOutcome) =>
      metrics.observeAppend({
        store: engine,
        outcome,
        events: outcome !== 'appended' ? 0 : typeof events === 'number' ? events : events(),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    try {
      const result = await write();
      observe('appended');
      return result;
    } catch (error) {
      observe(isConcurrencyError(error) ? 'conflict' : 'failed');
      throw error;
    }
  }
  return {
    append: (streamId, events, options) =>
      timed(() => store.append(streamId, events, options), events.length),
    appendMany: (writes) =>
      timed(
        () => store.appendMany(writes),
        writes.reduce((sum, write) => sum + write.events.length, 0),
      ),
    appendBatches: (batches) => {
      let appended = 0;
      return timed(
        async () => {
          const result = await store.appendBatches(batches);
          appended = result.events;
          return result;
        },
        () => appended,
      );
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    streamVersion: (streamId) => store.streamVersion(streamId),
    readAll: (options) => store.readAll(options),
    subscribe: (options, handler) => store.subscribe(options, handler),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
