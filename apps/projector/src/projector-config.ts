import { ConfigError, readDeploymentConfig, type DeploymentConfig } from '@chidao/runtime';

interface ProjectorConfig {
  /** Where the stores are and how events travel (the variables every Chidao process reads). */
  readonly deployment: DeploymentConfig;
  /** The probes' HTTP port (GET /health, GET /ready). */
  readonly port: number;
}

/** The deployment's variables and PORT (default 3001); every problem reported together. */
export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const { config: deployment, problems } = readDeploymentConfig(env, { process: 'projector' });
  const port = Number(env.PORT || 3001);
  if (!/^\d+$/.test(env.PORT || '3001') || port > 65535) {
    problems.push(`PORT="${env.PORT}" must be a whole number from 0 to 65535`);
  }
  if (problems.length > 0 || deployment === null) throw new ConfigError(problems);
  return { deployment, port };
}
