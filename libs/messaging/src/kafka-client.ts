/**
 * The Kafka client of a Chidao process, from the deployment's bus settings. kafkajs' own console
 * logger is off: it logs the expected (a topic that another process created first, a coordinator
 * still loading after a restart) at ERROR level on every start. The relay and the consumers
 * report every failure that matters through their onError, and retry on their own, forever.
 */
import { Kafka, logLevel } from 'kafkajs';

interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

export function kafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    // A broker restart takes seconds: reconnect within them rather than after a long back-off.
    // The number of retries stays kafkajs' own (an idempotent producer warns when it is set).
    retry: { initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}
