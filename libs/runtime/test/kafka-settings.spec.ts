import { ConfigError, loadDeploymentConfig, type BusConfig } from '../src';

const KAFKA = { CHIDAO_BUS: 'kafka', CHIDAO_KAFKA_BROKERS: 'kafka:9092' };

type KafkaBus = Extract<BusConfig, { kind: 'kafka' }>;

const bus = (env: NodeJS.ProcessEnv): KafkaBus =>
  loadDeploymentConfig({ ...KAFKA, ...env }).bus as KafkaBus;

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadDeploymentConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('Kafka topic and group settings', () => {
  it('default to a topic kept for ever, the broker’s replication factor and 10 s sessions', () => {
    expect(bus({})).toMatchObject({
      replicationFactor: null,
      retentionMs: -1,
      groupTimings: {
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 1_000,
        rebalanceTimeoutMs: 30_000,
      },
    });
  });

  it('reads every setting given', () => {
    expect(
      bus({
        CHIDAO_KAFKA_REPLICATION_FACTOR: '3',
        CHIDAO_KAFKA_RETENTION_MS: '2592000000',
        CHIDAO_KAFKA_SESSION_TIMEOUT_MS: '45000',
        CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
        CHIDAO_KAFKA_REBALANCE_TIMEOUT_MS: '90000',
      }),
    ).toMatchObject({
      replicationFactor: 3,
      retentionMs: 2_592_000_000,
      groupTimings: {
        sessionTimeoutMs: 45_000,
        heartbeatIntervalMs: 5_000,
        rebalanceTimeoutMs: 90_000,
      },
    });
    expect(bus({ CHIDAO_KAFKA_RETENTION_MS: '-1' }).retentionMs).toBe(-1);
  });

  it('keeps the heartbeat within a third of a shorter session, and the rebalance no shorter', () => {
    expect(bus({ CHIDAO_KAFKA_SESSION_TIMEOUT_MS: '2400' }).groupTimings).toEqual({
      sessionTimeoutMs: 2_400,
      heartbeatIntervalMs: 800,
      rebalanceTimeoutMs: 30_000,
    });
    expect(bus({ CHIDAO_KAFKA_SESSION_TIMEOUT_MS: '120000' }).groupTimings).toEqual({
      sessionTimeoutMs: 120_000,
      heartbeatIntervalMs: 1_000,
      rebalanceTimeoutMs: 120_000,
    });
  });

  it.each([
    [
      'CHIDAO_KAFKA_REPLICATION_FACTOR',
      '0',
      "must be a whole number from 1 to 100, at most the number of brokers (unset: the broker's default.replication.factor)",
    ],
    [
      'CHIDAO_KAFKA_REPLICATION_FACTOR',
      'three',
      "must be a whole number from 1 to 100, at most the number of brokers (unset: the broker's default.replication.factor)",
    ],
    [
      'CHIDAO_KAFKA_RETENTION_MS',
      '7',
      'must be -1 (keep every message, the default) or milliseconds of at least 86400000 (one day)',
    ],
    [
      'CHIDAO_KAFKA_RETENTION_MS',
      '7d',
      'must be -1 (keep every message, the default) or milliseconds of at least 86400000 (one day)',
    ],
    [
      'CHIDAO_KAFKA_SESSION_TIMEOUT_MS',
      '10s',
      "must be milliseconds from 1000 to 1800000, within the brokers' group.min.session.timeout.ms and group.max.session.timeout.ms (6000 and 1800000 unless changed)",
    ],
    ['CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS', '50', 'must be milliseconds from 100 to 600000'],
    ['CHIDAO_KAFKA_REBALANCE_TIMEOUT_MS', '0', 'must be milliseconds from 1000 to 1800000'],
  ])('refuses %s=%s', (name, value, rule) => {
    expect(problemsOf({ ...KAFKA, [name]: value })).toEqual([`${name}="${value}" ${rule}`]);
  });

  it('refuses a heartbeat longer than a third of the session', () => {
    expect(
      problemsOf({
        ...KAFKA,
        CHIDAO_KAFKA_SESSION_TIMEOUT_MS: '6000',
        CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS: '3000',
      }),
    ).toEqual([
      'CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS="3000" must be at most a third of the session timeout ' +
        '(6000 ms): a member that misses a heartbeat or two must stay in its group',
    ]);
  });

  it('are refused with the bus in process, like the other Kafka variables', () => {
    expect(
      problemsOf({ CHIDAO_KAFKA_RETENTION_MS: '-1', CHIDAO_KAFKA_SESSION_TIMEOUT_MS: '6000' }),
    ).toEqual([
      'CHIDAO_KAFKA_RETENTION_MS="-1" is set but CHIDAO_BUS is inprocess: set CHIDAO_BUS=kafka to use it, or unset it',
      'CHIDAO_KAFKA_SESSION_TIMEOUT_MS="6000" is set but CHIDAO_BUS is inprocess: set CHIDAO_BUS=kafka to use it, or unset it',
    ]);
  });

  it('say "did you mean" for a misspelt one', () => {
    expect(problemsOf({ ...KAFKA, CHIDAO_KAFKA_RETENTON_MS: '-1' })).toEqual([
      'CHIDAO_KAFKA_RETENTON_MS is not a Chidao setting (ignored otherwise): did you mean CHIDAO_KAFKA_RETENTION_MS?',
    ]);
  });
});
