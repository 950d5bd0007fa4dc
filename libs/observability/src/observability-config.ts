import { isLogLevel, LOG_LEVELS, type LogLevel } from './log-level';

/** What every Chidao process reads about its logs and metrics. */
export interface ObservabilityConfig {
  /** CHIDAO_LOG_LEVEL, default `info`. */
  readonly logLevel: LogLevel;
  /** CHIDAO_METRICS_TOKEN: when set, `/metrics` answers only `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
}

/** Shortest token accepted: anything shorter is guessable by a scraper left on the network. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Reads CHIDAO_LOG_LEVEL and CHIDAO_METRICS_TOKEN. Problems are returned, one line each naming the
 * variable, for the caller to report with the rest of its configuration (ConfigError).
 */
export function readObservabilityConfig(env: NodeJS.ProcessEnv): {
  config: ObservabilityConfig;
  problems: string[];
} {
  const problems: string[] = [];
  const rawLevel = env.CHIDAO_LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!isLogLevel(rawLevel)) {
    problems.push(
      `CHIDAO_LOG_LEVEL="${env.CHIDAO_LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const metricsToken = env.CHIDAO_METRICS_TOKEN || null;
  if (
    metricsToken !== null &&
    (metricsToken.length < MIN_TOKEN_LENGTH || /\s/.test(metricsToken))
  ) {
    problems.push(
      `CHIDAO_METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters without spaces (or unset to leave /metrics open)`,
    );
  }
  return {
    config: { logLevel: isLogLevel(rawLevel) ? rawLevel : 'info', metricsToken },
    problems,
  };
}
