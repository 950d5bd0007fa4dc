/**
 * Kafka for integration suites: they run when CHIDAO_TEST_KAFKA_BROKERS is set (.ci/run starts a
 * real broker with .ci/kafka.sh and sets it) and otherwise hold one test, skipped or failed (see
 * describeNotRun), that says why. CHIDAO_TEST_KAFKA_CONTROL names the script that controls that
 * broker, so a suite can restart it in the middle of a run.
 *
 * A suite that restarts its broker asks for `{ restarts: true }` and gets the broker named by
 * CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS / _CONTROL when they are set (.ci/run starts a second
 * broker for them): suites run in parallel, and a restart must not cut off the others.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { describeNotRun } from '../required-services';

const KAFKA_BROKERS_VARIABLE = 'CHIDAO_TEST_KAFKA_BROKERS';
const KAFKA_CONTROL_VARIABLE = 'CHIDAO_TEST_KAFKA_CONTROL';
const RESTARTABLE_BROKERS_VARIABLE = 'CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS';
const RESTARTABLE_CONTROL_VARIABLE = 'CHIDAO_TEST_KAFKA_RESTARTABLE_CONTROL';

interface KafkaTestEnv {
  /** host:port of each broker, as kafkajs takes them. */
  readonly brokers: readonly string[];
  /** Absolute path of the script taking start|stop|restart|status (.ci/kafka.sh). */
  readonly control: string;
}

type KafkaTestEnvLookup =
  | { readonly env: KafkaTestEnv; readonly reason: null }
  | { readonly env: null; readonly reason: string };

const variable = (name: string): string | null => {
  const value = process.env[name]?.trim();
  return value ? value : null;
};

const HOW =
  'e.g. 127.0.0.1:9092 after `.ci/kafka.sh start`, and ' +
  `${KAFKA_CONTROL_VARIABLE} to the absolute path of .ci/kafka.sh; .ci/run does`;

/** The broker the suites may use, or null and why they cannot run. */
function kafkaTestEnv(options: { restarts?: boolean } = {}): KafkaTestEnvLookup {
  const restartable = options.restarts === true && variable(RESTARTABLE_BROKERS_VARIABLE) !== null;
  const brokers = variable(restartable ? RESTARTABLE_BROKERS_VARIABLE : KAFKA_BROKERS_VARIABLE);
  const control = variable(restartable ? RESTARTABLE_CONTROL_VARIABLE : KAFKA_CONTROL_VARIABLE);
  if (!brokers) return { env: null, reason: `set ${KAFKA_BROKERS_VARIABLE} (${HOW})` };
  if (!control) {
    return {
      env: null,
      reason: `${KAFKA_BROKERS_VARIABLE} is set but not ${KAFKA_CONTROL_VARIABLE}`,
    };
  }
  return { env: { brokers: brokers.split(',').map((b) => b.trim()), control }, reason: null };
}

/** `describe` when a Kafka broker is configured; otherwise a test that says why it did not run. */
export function describeWithKafka(
  name: string,
  body: (env: KafkaTestEnv) => void,
  options: { restarts?: boolean } = {},
): void {
  const { env, reason } = kafkaTestEnv(options);
  if (env) describe(name, () => body(env));
  else describeNotRun(name, `Kafka suites not run: ${reason}`);
}

/** A fresh topic name, so suites and repeated runs on the long-lived CI broker never collide. */
export const uniqueTopic = (prefix = 't'): string =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/**
 * Restarts the broker through its control script (clean shutdown, data kept) and resolves once it
 * serves clients again; with `brokers`, also once a client sees the cluster. Asynchronous, so the
 * test's own consumers keep running while the broker goes away and comes back. Group coordinators
 * may still be loading for a moment afterwards: kafkajs consumers retry on their own, admin calls
 * such as fetchOffsets do not — wrap them in `whileRetriable`.
 */
export async function restartBroker(
  control: string,
  brokers?: readonly string[],
  timeoutMs = 180_000,
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile(control, ['restart'], { timeout: timeoutMs }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${control} restart failed: ${error.message}\n${stdout}${stderr}`))
        : resolve(),
    ),
  );
  if (brokers) await waitForBroker(brokers, timeoutMs);
}

/** Resolves when the brokers answer a metadata request; kafkajs' own backoff does the waiting. */
async function waitForBroker(brokers: readonly string[], timeoutMs = 60_000): Promise<void> {
  const admin = new Kafka({
    clientId: 'chidao-test-wait',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { maxRetryTime: 2_000, initialRetryTime: 100, retries: Math.ceil(timeoutMs / 1_000) },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

/**
 * Runs a kafkajs call again while it fails with an error Kafka marks retriable (a coordinator
 * still loading after a restart, a leader moving), up to `timeoutMs`; other errors fail at once.
 */
export async function whileRetriable<T>(call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let backoff = 50; ; backoff = Math.min(backoff * 2, 1_000)) {
    try {
      return await call();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || Date.now() + backoff > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
