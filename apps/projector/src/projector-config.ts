import { readObservabilityConfig, type ObservabilityConfig } from '@chidao/observability';
import { ConfigError, readDeploymentConfig, type DeploymentConfig } from '@chidao/runtime';
import { readWorkerSettings, type WorkerSettings } from '@chidao/workers';

interface ProjectorConfig {
  /** Where the stores are and how events travel (the variables every Chidao process reads). */
  readonly deployment: DeploymentConfig;
  /** The probes' HTTP port (GET /health, GET /ready, GET /metrics). */
  readonly port: number;
  /** CHIDAO_LOG_LEVEL, CHIDAO_METRICS_TOKEN. */
  readonly observability: ObservabilityConfig;
  /** How its background workers retry and when they give up (CHIDAO_WORKER_*). */
  readonly workers: WorkerSettings;
}

/** The deployment's variables and PORT (default 3001); every problem reported together. */
export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const { config: deployment, problems } = readDeploymentConfig(env, { process: 'projector' });
  const port = Number(env.PORT || 3001);
  if (!/^\d+$/.test(env.PORT || '3001') || port > 65535) {
    problems.push(`PORT="${env.PORT}" must be a whole number from 0 to 65535`);
  }
  const observability = readObservabilityConfig(env);
  const workers = readWorkerSettings(env);
  problems.push(...observability.problems, ...workers.problems);
  if (problems.length > 0 || deployment === null) throw new ConfigError(problems);
  return {
    deployment,
    port,
    observability: observability.config,
    workers: workers.settings,
  };
}
