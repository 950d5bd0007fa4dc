/**
 * The Kafka settings beyond where the topic is: how the topic is created (replication, retention)
 * and how consumer group members time out. Read with the other deployment variables and
 * validated with them. Why each default is what it is, and what it means for an operator:
 * docs/operations.md, "Kafka: topic, group timings, failures".
 */

/** What the log topic is created with; an existing topic is never altered (a warning says so). */
export interface KafkaTopicSettings {
  /** Copies of each partition; null: the broker's `default.replication.factor`. */
  readonly replicationFactor: number | null;
  /** How long the topic keeps a message, in ms; -1: for ever (the default). */
  readonly retentionMs: number;
}

/** Consumer group membership, as kafkajs takes it (in ms). */
export interface KafkaGroupTimings {
  /** A member that has not sent a heartbeat for this long is dead; its partitions move. */
  readonly sessionTimeoutMs: number;
  /** How often a member heartbeats, which is also how soon it learns of a rebalance. */
  readonly heartbeatIntervalMs: number;
  /** How long a rebalance waits for live members to rejoin before dropping them. */
  readonly rebalanceTimeoutMs: number;
}

export interface KafkaSettings extends KafkaTopicSettings {
  readonly groupTimings: KafkaGroupTimings;
}

/**
 * kafkajs' own are 30 s, 3 s and 60 s. A member killed with SIGKILL (or cut off by a broker
 * restart: kafkajs then rejoins as a new member) keeps its partitions until its session times
 * out, so the session timeout is how long they stall. 10 s leaves a wide margin: kafkajs
 * heartbeats between fetches (1 s) and batch slices (one read-model transaction), never from a
 * timer.
 */
const DEFAULT_KAFKA_GROUP_TIMINGS: KafkaGroupTimings = {
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
  rebalanceTimeoutMs: 30_000,
};

const DAY_MS = 86_400_000;

export const KAFKA_SETTING_VARIABLES = [
  'CHIDAO_KAFKA_REPLICATION_FACTOR',
  'CHIDAO_KAFKA_RETENTION_MS',
  'CHIDAO_KAFKA_SESSION_TIMEOUT_MS',
  'CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS',
  'CHIDAO_KAFKA_REBALANCE_TIMEOUT_MS',
] as const;

/** The settings, with a line added to `problems` for each variable that is wrong. */
export function readKafkaSettings(
  given: (name: string) => string | undefined,
  problems: string[],
): KafkaSettings {
  const whole = (name: string, fallback: number, min: number, max: number, rule: string) => {
    const raw = given(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (/^-?\d+$/.test(raw) && value >= min && value <= max) return value;
    problems.push(`${name}="${raw}" ${rule}`);
    return fallback;
  };

  const rawFactor = given('CHIDAO_KAFKA_REPLICATION_FACTOR');
  const replicationFactor =
    rawFactor === undefined
      ? null
      : whole(
          'CHIDAO_KAFKA_REPLICATION_FACTOR',
          1,
          1,
          100,
          "must be a whole number from 1 to 100, at most the number of brokers (unset: the broker's default.replication.factor)",
        );

  const rawRetention = given('CHIDAO_KAFKA_RETENTION_MS');
  let retentionMs = -1;
  if (rawRetention !== undefined && rawRetention !== '-1') {
    retentionMs = whole(
      'CHIDAO_KAFKA_RETENTION_MS',
      -1,
      DAY_MS,
      Number.MAX_SAFE_INTEGER,
      `must be -1 (keep every message, the default) or milliseconds of at least ${DAY_MS} (one day)`,
    );
  }

  const defaults = DEFAULT_KAFKA_GROUP_TIMINGS;
  const sessionTimeoutMs = whole(
    'CHIDAO_KAFKA_SESSION_TIMEOUT_MS',
    defaults.sessionTimeoutMs,
    1_000,
    1_800_000,
    "must be milliseconds from 1000 to 1800000, within the brokers' group.min.session.timeout.ms and group.max.session.timeout.ms (6000 and 1800000 unless changed)",
  );
  const heartbeatIntervalMs = whole(
    'CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS',
    Math.min(defaults.heartbeatIntervalMs, Math.floor(sessionTimeoutMs / 3)),
    100,
    600_000,
    'must be milliseconds from 100 to 600000',
  );
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs) {
    problems.push(
      `CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS="${heartbeatIntervalMs}" must be at most a third of ` +
        `the session timeout (${sessionTimeoutMs} ms): a member that misses a heartbeat or two must stay in its group`,
    );
  }
  const rebalanceTimeoutMs = whole(
    'CHIDAO_KAFKA_REBALANCE_TIMEOUT_MS',
    Math.max(defaults.rebalanceTimeoutMs, sessionTimeoutMs),
    1_000,
    1_800_000,
    'must be milliseconds from 1000 to 1800000',
  );

  return {
    replicationFactor,
    retentionMs,
    groupTimings: { sessionTimeoutMs, heartbeatIntervalMs, rebalanceTimeoutMs },
  };
}
