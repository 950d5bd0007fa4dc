/**
 * The Kafka client of a Chidao process, from the deployment's bus settings. kafkajs' own console
 * logger is off: it logs the expected (a topic that another process created first, a coordinator
 * still loading after a restart) at ERROR level on every start. The relay and the consumers
 * report every failure that matters through their onError, and retry on their own.
 *
 * Its consumers join their groups with the deployment's timings (CHIDAO_KAFKA_SESSION_TIMEOUT_MS
 * and the like) unless the consumer's own options say otherwise. kafkajs 2.2.4 has no static
 * membership (KIP-345, `group.instance.id`): its JoinGroup never sends an instance id, so a
 * restarted process always joins as a new member and the session timeout is what bounds the wait.
 */
import { Kafka, logLevel, type Consumer, type ConsumerConfig } from 'kafkajs';

/** Consumer group membership, in ms (see KafkaGroupTimings in @chidao/runtime). */
interface GroupTimings {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
}

interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly groupTimings: GroupTimings;
}

/**
 * Reconnecting after a broker restart: kafkajs retries a request 5 times, waiting from 200 ms,
 * doubling, at most 5 s (its defaults: from 300 ms up to 30 s), so a request fails after about 6 s
 * of a broker away and a consumer restarts itself at most 5 s after the broker is back. The
 * number of retries stays kafkajs' own (an idempotent producer warns when it is set).
 */
const KAFKA_RETRY = { initialRetryTime: 200, maxRetryTime: 5_000 } as const;

/** A client whose consumers default to the deployment's group timings. */
class DeploymentKafka extends Kafka {
  constructor(private readonly options: KafkaClientOptions) {
    super({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: { ...KAFKA_RETRY },
    });
  }

  override consumer(config: ConsumerConfig): Consumer {
    const timings = this.options.groupTimings;
    return super.consumer({
      ...config,
      sessionTimeout: config.sessionTimeout ?? timings.sessionTimeoutMs,
      heartbeatInterval: config.heartbeatInterval ?? timings.heartbeatIntervalMs,
      rebalanceTimeout: config.rebalanceTimeout ?? timings.rebalanceTimeoutMs,
    });
  }
}

export function kafkaClient(options: KafkaClientOptions): Kafka {
  return new DeploymentKafka(options);
}
