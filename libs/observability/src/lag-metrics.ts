import { Gauge, type Registry } from 'prom-client';

/**
 * How far a reader of the log is behind, measured at a scrape:
 * - `projection`: a read model's checkpoint against the log's head; `seconds` is the age of the
 *   oldest event it has not applied (0 when caught up, null when unknown);
 * - `relay`: events in the outbox not yet published to the topic (only the instance relaying
 *   reports it: the others stand by);
 * - `consumer`: events of the log not yet in the read model a Kafka consumer group writes (its
 *   generation's complete prefix against the head), for one projection.
 */
export type LagSample =
  | {
      readonly kind: 'projection';
      readonly projection: string;
      readonly events: number;
      readonly seconds: number | null;
    }
  | { readonly kind: 'relay'; readonly topic: string; readonly events: number }
  | {
      readonly kind: 'consumer';
      readonly projection: string;
      readonly group: string;
      readonly events: number;
    };

/**
 * Lag gauges read from `lags` at each scrape; one call of `lags` serves every gauge of a scrape.
 * When it fails (a store down) the gauges are left out of that scrape and `onError` is told: the
 * rest of /metrics still answers. Call once per registry.
 */
export function registerLagMetrics(
  registry: Registry,
  lags: () => Promise<readonly LagSample[]>,
  onError: (error: unknown) => void = () => undefined,
): void {
  // prom-client collects every metric of a scrape at once: the first gauge starts the reading,
  // the others join it, and the next scrape starts a fresh one.
  let reading: Promise<readonly LagSample[]> | null = null;
  const read = (): Promise<readonly LagSample[]> => {
    reading ??= lags()
      .catch((error: unknown) => {
        onError(error);
        return [];
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };
  /** A gauge set at each scrape from the samples `pick` turns into labels and a value. */
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    pick: (sample: LagSample) => [Record<L, string>, number] | null,
  ): void => {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const samples = await read();
        this.reset();
        for (const sample of samples) {
          const picked = pick(sample);
          if (picked) this.set(picked[0], picked[1]);
        }
      },
    });
  };
  gauge(
    'chidao_projection_lag_events',
    'Events in the log a read model has not applied yet.',
    ['projection'],
    (sample) =>
      sample.kind === 'projection' ? [{ projection: sample.projection }, sample.events] : null,
  );
  gauge(
    'chidao_projection_lag_seconds',
    'Age in seconds of the oldest event a read model has not applied yet (0 when caught up).',
    ['projection'],
    (sample) =>
      sample.kind === 'projection' && sample.seconds !== null
        ? [{ projection: sample.projection }, sample.seconds]
        : null,
  );
  gauge(
    'chidao_relay_lag_events',
    'Events appended to the log but not yet published to the Kafka topic by the outbox relay.',
    ['topic'],
    (sample) => (sample.kind === 'relay' ? [{ topic: sample.topic }, sample.events] : null),
  );
  gauge(
    'chidao_consumer_lag_events',
    'Events of the log not yet in the read model a Kafka consumer group writes, per projection and group.',
    ['projection', 'group'],
    (sample) =>
      sample.kind === 'consumer'
        ? [{ projection: sample.projection, group: sample.group }, sample.events]
        : null,
  );
}
