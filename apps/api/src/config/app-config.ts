import { isDomainError } from '@chidao/domain';
import { readObservabilityConfig, type ObservabilityConfig } from '@chidao/observability';
import { readRemindersConfig, type RemindersConfig } from '@chidao/reminders';
import { parseScheduleSettings, type ScheduleSetting } from '@chidao/reporting';
import { ConfigError, readDeploymentConfig, type DeploymentConfig } from '@chidao/runtime';
import { readWorkerSettings, type WorkerSettings } from '@chidao/workers';
import * as path from 'node:path';
import { passwordProblem } from '../identity/password-policy';
import { readCheckpointConfig, type CheckpointConfig } from './checkpoint-config';

export { ConfigError };

/** Everything the API reads from its environment, validated once at start. */
export interface AppConfig {
  readonly port: number;
  /** Where the stores are and how events travel (the variables every Chidao process reads). */
  readonly deployment: DeploymentConfig;
  /**
   * `embedded`: this process runs the projection runners; `off`: a separate projector does, and
   * `?minPosition=` waits on the stored checkpoint (CHIDAO_PROJECTIONS).
   */
  readonly projections: 'embedded' | 'off';
  readonly dataDir: string;
  /** The embedded deployment's SQLite file (DIR/chidao.sqlite), whichever store is in use. */
  readonly eventStorePath: string;
  /** `user:password` for the first admin when the store has no users. */
  readonly bootstrapAdmin: { username: string; password: string } | null;
  /** HS256 secret for Chidao's own tokens; null = generated once and kept in the data dir. */
  readonly jwtSecret: string | null;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** A session ends this long after its login however often it is refreshed. */
  readonly sessionMaxAgeSeconds: number;
  /** Tokens from an external OpenID Connect provider, verified against its JWKS. */
  readonly oidc: {
    jwksUrl: string;
    issuer: string | null;
    audience: string | null;
    usernameClaim: string;
  } | null;
  /** Periodic snapshots taken at each cut-off (CHIDAO_REPORT_SCHEDULES, default monthly under ND 09). */
  readonly reportSchedules: readonly ScheduleSetting[];
  /** Cut-off day of the month for the ND 09/2019 convention (14 unless a sector uses another). */
  readonly reportCutoffDay: number;
  /** Vietnam time of day the scheduled snapshots are taken on the cut-off day. */
  readonly reportAt: string;
  /** Holidays besides Vietnam's fixed ones (lunar holidays move every year): YYYY-MM-DD or MM-DD. */
  readonly holidays: readonly string[];
  /** Reminders: the rules' numbers and the channels (docs/reminders.md). */
  readonly reminders: RemindersConfig;
  /** How long an Idempotency-Key and its answer are kept (CHIDAO_IDEMPOTENCY_RETENTION_HOURS). */
  readonly idempotencyRetentionHours: number;
  /** How background workers retry and when they give up (CHIDAO_WORKER_*). */
  readonly workers: WorkerSettings;
  /** Log level and the `/metrics` token (CHIDAO_LOG_LEVEL, CHIDAO_METRICS_TOKEN). */
  readonly observability: ObservabilityConfig;
  /** Reached only through https (a TLS proxy in front): HSTS is sent (CHIDAO_BEHIND_TLS=true). */
  readonly behindTls: boolean;
  /** Signed checkpoints and their witnesses (CHIDAO_AUDIT_*); null when no key is configured. */
  readonly checkpoints: CheckpointConfig | null;
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { config: deployment, problems } = readDeploymentConfig(env, { process: 'api' });
  const observability = readObservabilityConfig(env);
  problems.push(...observability.problems);
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const dataDir = deployment?.dataDir ?? path.resolve(env.CHIDAO_DATA_DIR || 'data');
  // On Kafka the projector's consumers keep the read models: the default is off there.
  const onKafka = deployment?.bus.kind === 'kafka';
  const projections = env.CHIDAO_PROJECTIONS || (onKafka ? 'off' : 'embedded');
  if (projections !== 'embedded' && projections !== 'off') {
    problems.push(
      `CHIDAO_PROJECTIONS="${projections}" must be embedded (this process runs the projections) or off (a projector process does)`,
    );
  } else if (projections === 'embedded' && onKafka) {
    // Runners reading the store would apply again what the Kafka consumers already applied to
    // partitions ahead of the read model's position.
    problems.push(
      'CHIDAO_PROJECTIONS=embedded cannot be combined with CHIDAO_BUS=kafka: the projector consumes the read models from Kafka; set CHIDAO_PROJECTIONS=off (the default with kafka)',
    );
  }

  let bootstrapAdmin: AppConfig['bootstrapAdmin'] = null;
  if (env.CHIDAO_BOOTSTRAP_ADMIN) {
    const at = env.CHIDAO_BOOTSTRAP_ADMIN.indexOf(':');
    const username = at > 0 ? env.CHIDAO_BOOTSTRAP_ADMIN.slice(0, at) : '';
    const password = at > 0 ? env.CHIDAO_BOOTSTRAP_ADMIN.slice(at + 1) : '';
    // The first administrator's password obeys the policy every other password does.
    const weak = username ? passwordProblem(password, username) : null;
    if (!username) {
      problems.push('CHIDAO_BOOTSTRAP_ADMIN must be "username:password"');
    } else if (weak) {
      problems.push(`CHIDAO_BOOTSTRAP_ADMIN: ${weak.message} (${weak.messageVi})`);
    } else {
      bootstrapAdmin = { username, password };
    }
  }

  const jwtSecret = env.CHIDAO_JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push(
      'CHIDAO_JWT_SECRET must be at least 32 characters (or unset to generate one in the data directory)',
    );
  }
  // From the variable itself, so this is reported even when the rest of the deployment is wrong.
  if (jwtSecret === null && env.CHIDAO_EVENT_STORE?.trim() === 'postgres') {
    // A secret generated in one instance's data directory would not verify the others' tokens.
    problems.push(
      'CHIDAO_JWT_SECRET is required when CHIDAO_EVENT_STORE is postgres: every API instance must ' +
        'verify the tokens the others issue; give them all the same secret of at least 32 characters',
    );
  }

  let oidc: AppConfig['oidc'] = null;
  if (env.CHIDAO_OIDC_JWKS_URL) {
    try {
      new URL(env.CHIDAO_OIDC_JWKS_URL);
      oidc = {
        jwksUrl: env.CHIDAO_OIDC_JWKS_URL,
        issuer: env.CHIDAO_OIDC_ISSUER || null,
        audience: env.CHIDAO_OIDC_AUDIENCE || null,
        usernameClaim: env.CHIDAO_OIDC_USERNAME_CLAIM || 'preferred_username',
      };
    } catch {
      problems.push(`CHIDAO_OIDC_JWKS_URL="${env.CHIDAO_OIDC_JWKS_URL}" is not a URL`);
    }
  }

  const schedules = parseScheduleSettings(env.CHIDAO_REPORT_SCHEDULES ?? 'month:nd09');
  if (isDomainError(schedules)) problems.push(`CHIDAO_REPORT_SCHEDULES: ${schedules.message}`);
  const workers = readWorkerSettings(env);
  problems.push(...workers.problems);
  const reportAt = env.CHIDAO_REPORT_AT || '23:59';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(reportAt))
    problems.push(`CHIDAO_REPORT_AT="${reportAt}" must be HH:MM`);

  const behindTls = env.CHIDAO_BEHIND_TLS || 'false';
  if (behindTls !== 'true' && behindTls !== 'false') {
    problems.push(`CHIDAO_BEHIND_TLS="${behindTls}" must be true or false`);
  }
  const checkpoints = readCheckpointConfig(env, dataDir);
  problems.push(...checkpoints.problems);
  // CHIDAO_HOLIDAYS too: the working days reminders count.
  const reminders = readRemindersConfig(env, { defaultPublicUrl: `http://localhost:${port}` });
  problems.push(...reminders.problems);

  const config: AppConfig = {
    port,
    // Null only with problems, which are thrown below.
    deployment: deployment as DeploymentConfig,
    projections: projections as AppConfig['projections'],
    dataDir,
    eventStorePath: path.join(dataDir, 'chidao.sqlite'),
    bootstrapAdmin,
    jwtSecret,
    accessTokenTtlSeconds: integer('CHIDAO_ACCESS_TOKEN_TTL', 15 * 60, 30, 24 * 3600),
    refreshTokenTtlSeconds: integer('CHIDAO_REFRESH_TOKEN_TTL', 7 * 24 * 3600, 60, 90 * 24 * 3600),
    sessionMaxAgeSeconds: integer('CHIDAO_SESSION_MAX_AGE', 30 * 24 * 3600, 60, 365 * 24 * 3600),
    oidc,
    reportSchedules: isDomainError(schedules) ? [] : schedules,
    reportCutoffDay: integer('CHIDAO_REPORT_CUTOFF_DAY', 14, 1, 28),
    reportAt,
    idempotencyRetentionHours: integer('CHIDAO_IDEMPOTENCY_RETENTION_HOURS', 24, 1, 90 * 24),
    workers: workers.settings,
    holidays: reminders.config.holidays,
    observability: observability.config,
    behindTls: behindTls === 'true',
    checkpoints: checkpoints.config,
    reminders: reminders.config,
  };
  if (problems.length > 0 || deployment === null) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
