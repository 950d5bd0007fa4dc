/**
 * Every CHIDAO_* variable a Chidao process reads, so a misspelt one is caught at start instead
 * of silently running with the default (CHIDAO_EVENTSTORE=postgres would otherwise keep the log
 * in a local SQLite file). A process that reads a new variable adds it here.
 */

export type ChidaoProcess = 'api' | 'projector' | 'reporting' | 'cli';

interface VariableInfo {
  readonly name: string;
  readonly readBy: readonly ChidaoProcess[];
}

const EVERY_PROCESS: readonly ChidaoProcess[] = ['api', 'projector', 'reporting', 'cli'];

const CHIDAO_VARIABLES: readonly VariableInfo[] = [
  // Deployment: where the stores are and how events travel (loadDeploymentConfig).
  ...[
    'CHIDAO_EVENT_STORE',
    'CHIDAO_READ_STORE',
    'CHIDAO_DATABASE_URL',
    'CHIDAO_DATABASE_SCHEMA',
    'CHIDAO_DATA_DIR',
    'CHIDAO_BUS',
    'CHIDAO_KAFKA_BROKERS',
    'CHIDAO_KAFKA_TOPIC',
    'CHIDAO_KAFKA_PARTITIONS',
    'CHIDAO_KAFKA_CLIENT_ID',
    'CHIDAO_KAFKA_REPLICATION_FACTOR',
    'CHIDAO_KAFKA_RETENTION_MS',
    'CHIDAO_KAFKA_SESSION_TIMEOUT_MS',
    'CHIDAO_KAFKA_HEARTBEAT_INTERVAL_MS',
    'CHIDAO_KAFKA_REBALANCE_TIMEOUT_MS',
  ].map((name) => ({ name, readBy: EVERY_PROCESS })),
  // Logs, /metrics and the background workers' failure policy (@chidao/observability, workers).
  ...[
    'CHIDAO_LOG_LEVEL',
    'CHIDAO_METRICS_TOKEN',
    'CHIDAO_WORKER_MAX_FAILURES',
    'CHIDAO_WORKER_RETRY_MAX_MS',
  ].map((name) => ({ name, readBy: ['api', 'projector', 'reporting'] as const })),
  // The API (apps/api/src/config/app-config.ts).
  ...[
    'CHIDAO_BOOTSTRAP_ADMIN',
    'CHIDAO_JWT_SECRET',
    'CHIDAO_ACCESS_TOKEN_TTL',
    'CHIDAO_REFRESH_TOKEN_TTL',
    'CHIDAO_SESSION_MAX_AGE',
    'CHIDAO_OIDC_JWKS_URL',
    'CHIDAO_OIDC_ISSUER',
    'CHIDAO_OIDC_AUDIENCE',
    'CHIDAO_OIDC_USERNAME_CLAIM',
    'CHIDAO_PROJECTIONS',
    'CHIDAO_IDEMPOTENCY_RETENTION_HOURS',
  ].map((name) => ({ name, readBy: ['api'] as const })),
  // Reminders' channels, hour and working days (@chidao/reminders readRemindersConfig): the API
  // and the reporting process read the same; the one with CHIDAO_REMINDER_AT runs and sends.
  ...[
    'CHIDAO_SMTP_URL',
    'CHIDAO_MAIL_FROM',
    'CHIDAO_PUBLIC_URL',
    'CHIDAO_SMS_GATEWAY_URL',
    'CHIDAO_SMS_GATEWAY_AUTH',
    'CHIDAO_SMS_GATEWAY_TEMPLATE',
    'CHIDAO_REMINDER_AT',
    'CHIDAO_HOLIDAYS',
  ].map((name) => ({ name, readBy: ['api', 'reporting'] as const })),
  // Signed checkpoints of the log and their witnesses (apps/api checkpoint-config.ts); the CLI's
  // `audit verify` reads the witness file and the key's public half.
  ...['CHIDAO_AUDIT_SIGNING_KEY', 'CHIDAO_AUDIT_WITNESS_FILE'].map((name) => ({
    name,
    readBy: ['api', 'cli'] as const,
  })),
  ...[
    'CHIDAO_AUDIT_WITNESS_URL',
    'CHIDAO_AUDIT_CHECKPOINT_EVENTS',
    'CHIDAO_AUDIT_CHECKPOINT_MINUTES',
  ].map((name) => ({ name, readBy: ['api'] as const })),
  // Scheduled snapshots: the API in embedded mode, the reporting process when distributed.
  ...['CHIDAO_REPORT_SCHEDULES', 'CHIDAO_REPORT_CUTOFF_DAY', 'CHIDAO_REPORT_AT'].map((name) => ({
    name,
    readBy: ['api', 'reporting'] as const,
  })),
  // The reminder rules' defaults (@chidao/reminders readReminderSettings): read by whichever
  // process runs the reminders.
  ...[
    'CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS',
    'CHIDAO_REMINDER_ON_DEADLINE',
    'CHIDAO_REMINDER_OVERDUE_EVERY_DAYS',
    'CHIDAO_REMINDER_ESCALATE_AFTER_DAYS',
    'CHIDAO_REMINDER_NO_DEADLINE_SILENT_DAYS',
    'CHIDAO_REMINDER_OPEN_SILENT_DAYS',
    'CHIDAO_REMINDER_CONFIRMATION_WAITING_DAYS',
    'CHIDAO_REMINDER_DEADLINE_DECISION_WAITING_DAYS',
    'CHIDAO_REMINDER_WEEKLY_LIST_DAY',
  ].map((name) => ({ name, readBy: ['api', 'projector', 'reporting'] as const })),
];

/**
 * Read by the tooling around the processes (test suites, .ci scripts, compose files), never by
 * a process: known, so never reported, whatever they look like.
 */
const TOOLING_VARIABLES = new Set([
  'CHIDAO_REQUIRE_SERVICES',
  'CHIDAO_DB_PASSWORD',
  'CHIDAO_KAFKA_PORT',
  'CHIDAO_KAFKA_CONTROLLER_PORT',
  'CHIDAO_KAFKA_CACHE',
  'CHIDAO_KAFKA_STATE',
  'CHIDAO_KAFKA_START_TIMEOUT',
  'CHIDAO_KAFKA_STOP_TIMEOUT',
  'CHIDAO_KAFKA_VERSION',
]);

const KNOWN = new Set(CHIDAO_VARIABLES.map((variable) => variable.name));

/**
 * One problem per CHIDAO_* variable that is not read by anything but looks like a typo of one
 * that is (same words without underscores, the words in another order, wrong case, or at most
 * two letters off). Other unknown names are left alone: they may belong to a newer release.
 */
export function misspeltVariables(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!/^chidao_/i.test(name) || KNOWN.has(name) || TOOLING_VARIABLES.has(name)) continue;
    if (/^CHIDAO_TEST_/.test(name)) continue;
    const meant = closestKnown(name);
    if (meant) {
      problems.push(`${name} is not a Chidao setting (ignored otherwise): did you mean ${meant}?`);
    }
  }
  return problems;
}

function closestKnown(name: string): string | null {
  const upper = name.toUpperCase();
  if (KNOWN.has(upper)) return upper;
  const squashed = squash(upper);
  const words = wordsOf(upper);
  let best: { name: string; distance: number } | null = null;
  for (const known of KNOWN) {
    if (squash(known) === squashed || wordsOf(known) === words) return known;
    const distance = editDistance(upper, known);
    if (distance <= 2 && (best === null || distance < best.distance)) {
      best = { name: known, distance };
    }
  }
  return best?.name ?? null;
}

const squash = (name: string): string => name.replace(/[_\-.]/g, '');
const wordsOf = (name: string): string =>
  name
    .split(/[_\-.]+/)
    .sort()
    .join('_');

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
