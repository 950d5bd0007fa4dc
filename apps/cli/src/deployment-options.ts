/**
 * The deployment a command works on, read as the processes read it (loadDeploymentConfig:
 * CHIDAO_EVENT_STORE, CHIDAO_DATABASE_URL, CHIDAO_DATABASE_SCHEMA, CHIDAO_DATA_DIR, …, every
 * mistake refused). --db and --schema stand in for CHIDAO_DATABASE_URL and CHIDAO_DATABASE_SCHEMA
 * on one command line; the rest still comes from the environment.
 */
import {
  ConfigError,
  loadDeploymentConfig,
  maskUrl,
  schemaParameterProblem,
  type DeploymentConfig,
} from '@chidao/runtime';

export const DATABASE_OPTIONS = {
  db: { type: 'string' },
  schema: { type: 'string' },
} as const;

interface DatabaseArgs {
  readonly db?: string;
  readonly schema?: string;
}

/** Throws ConfigError listing every problem, as a process does at start. */
export function deploymentFromOptions(
  args: DatabaseArgs,
  env: NodeJS.ProcessEnv = process.env,
): DeploymentConfig {
  const overrides: NodeJS.ProcessEnv = {};
  if (args.db !== undefined) {
    const schema = schemaParameterOf(args.db);
    if (schema !== null) {
      throw new ConfigError([schemaParameterProblem('--db', maskUrl(args.db), schema)]);
    }
    overrides.CHIDAO_DATABASE_URL = args.db;
    // A database named on the command line holds the log, unless the environment says otherwise.
    overrides.CHIDAO_EVENT_STORE = env.CHIDAO_EVENT_STORE || 'postgres';
  }
  if (args.schema !== undefined) overrides.CHIDAO_DATABASE_SCHEMA = args.schema;
  return loadDeploymentConfig({ ...env, ...overrides }, { process: 'cli' });
}

function schemaParameterOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('schema');
  } catch {
    // Not a URL: loadDeploymentConfig says so, naming the value.
    return null;
  }
}
