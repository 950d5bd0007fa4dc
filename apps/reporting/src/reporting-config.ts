import { isDomainError } from '@chidao/domain';
import { parseScheduleSettings, type ScheduleSetting } from '@chidao/reporting';
import { readObservabilityConfig, type ObservabilityConfig } from '@chidao/observability';
import { readRemindersConfig, type RemindersConfig } from '@chidao/reminders';
import { ConfigError, readDeploymentConfig, type DeploymentConfig } from '@chidao/runtime';
import { readWorkerSettings, type WorkerSettings } from '@chidao/workers';

interface ReportingConfig {
  /** Where the stores are (the variables every Chidao process reads). */
  readonly deployment: DeploymentConfig;
  /** The probes' HTTP port (GET /health, GET /ready, GET /metrics). */
  readonly port: number;
  /** CHIDAO_LOG_LEVEL, CHIDAO_METRICS_TOKEN. */
  readonly observability: ObservabilityConfig;
  /** How its background workers retry and when they give up (CHIDAO_WORKER_*). */
  readonly workers: WorkerSettings;
  readonly schedules: readonly ScheduleSetting[];
  readonly cutoffDay: number;
  readonly at: string;
  /**
   * Reminders: the same variables as the API's (CHIDAO_REMINDER_AT, CHIDAO_SMTP_URL…); run here
   * when CHIDAO_REMINDER_AT is set (`at` not null).
   */
  readonly reminders: RemindersConfig;
}

/** The same variables as the API's, so one environment file serves both processes. */
export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  const { config: deployment, problems } = readDeploymentConfig(env, { process: 'reporting' });
  const port = Number(env.PORT || 3002);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT="${env.PORT}" must be a whole number from 0 to 65535`);
  }
  const schedules = parseScheduleSettings(env.CHIDAO_REPORT_SCHEDULES ?? 'month:nd09');
  if (isDomainError(schedules)) problems.push(`CHIDAO_REPORT_SCHEDULES: ${schedules.message}`);
  const cutoffDay = Number(env.CHIDAO_REPORT_CUTOFF_DAY ?? 14);
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28) {
    problems.push('CHIDAO_REPORT_CUTOFF_DAY must be a whole number from 1 to 28');
  }
  const at = env.CHIDAO_REPORT_AT || '23:59';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at))
    problems.push(`CHIDAO_REPORT_AT="${at}" must be HH:MM`);
  const observability = readObservabilityConfig(env);
  const workers = readWorkerSettings(env);
  // No default for the links in e-mail: this process is not the web app.
  const reminders = readRemindersConfig(env, { defaultPublicUrl: null });
  problems.push(...observability.problems, ...workers.problems, ...reminders.problems);
  if (problems.length > 0 || deployment === null) throw new ConfigError(problems);
  return {
    deployment,
    port,
    observability: observability.config,
    workers: workers.settings,
    schedules: isDomainError(schedules) ? [] : schedules,
    cutoffDay,
    at,
    reminders: reminders.config,
  };
}
