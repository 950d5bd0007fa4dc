import {
  ConfigError,
  describeDeployment,
  loadDeploymentConfig,
  maskUrl,
  migrateAll,
  type ComponentMigration,
} from '@chidao/runtime';
import { EXIT, line, parseOptions, UsageError, type CliIo } from './cli-io';

export const MIGRATE_USAGE = `chidao migrate [--db postgres://…] [--schema TÊN / NAME]

  Đưa lược đồ cơ sở dữ liệu của mọi thành phần (nhật ký, bảng đọc, báo cáo kỳ, mốc neo, khóa
  Idempotency) lên phiên bản của bản cài đặt này; chạy lại không áp dụng gì thêm. Cấu hình lấy
  từ biến môi trường như các tiến trình khác (CHIDAO_EVENT_STORE, CHIDAO_DATABASE_URL, …).
  Brings every component's schema (log, read models, snapshots, anchors, idempotency keys) to
  this build, reading the same environment as the other processes; a second run applies
  nothing. --db (and --schema) name the PostgreSQL database instead of CHIDAO_DATABASE_URL (and
  CHIDAO_DATABASE_SCHEMA), with both stores in it unless CHIDAO_EVENT_STORE / CHIDAO_READ_STORE
  say otherwise. Exit code 0 when done, 1 with the reason otherwise.
`;

const OPTIONS = {
  db: { type: 'string' },
  schema: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Not EXIT.problemFound's meaning, but its number: scripts check `chidao migrate || exit`. */
const MIGRATION_FAILED = 1;

export async function migrateCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let values: ReturnType<typeof parseOptions<typeof OPTIONS>>;
  try {
    values = parseOptions(args, OPTIONS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.messageVi}\n${error.message}\n(chidao migrate --help)\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(MIGRATE_USAGE);
    return EXIT.ok;
  }
  const overrides: NodeJS.ProcessEnv = {};
  if (values.db !== undefined) {
    overrides.CHIDAO_DATABASE_URL = values.db;
    overrides.CHIDAO_EVENT_STORE = env.CHIDAO_EVENT_STORE || 'postgres';
  }
  if (values.schema !== undefined) overrides.CHIDAO_DATABASE_SCHEMA = values.schema;
  try {
    const config = loadDeploymentConfig({ ...env, ...overrides }, { process: 'cli' });
    line(io.stdout, describeDeployment(config));
    const results = await migrateAll(config);
    for (const result of results) line(io.stdout, describe(result));
    const applied = results.reduce((sum, result) => sum + result.applied.length, 0);
    line(
      io.stdout,
      applied === 0
        ? 'Lược đồ đã ở phiên bản mới nhất / schema up to date: nothing applied'
        : `Đã áp dụng / applied ${applied} migration(s)`,
    );
    return EXIT.ok;
  } catch (error) {
    const message =
      error instanceof ConfigError
        ? error.message
        : `Lỗi / error: ${error instanceof Error ? error.message : String(error)}`;
    // A driver error may quote the connection string: never print its password.
    io.stderr.write(`${values.db ? message.split(values.db).join(maskUrl(values.db)) : message}\n`);
    return MIGRATION_FAILED;
  }
}

function describe(result: ComponentMigration): string {
  if (result.engine === 'sqlite') {
    return `${result.component} (SQLite): tables created when missing (not versioned)`;
  }
  return result.applied.length === 0
    ? `${result.component} (PostgreSQL): up to date at version ${result.version}`
    : `${result.component} (PostgreSQL): applied ${result.applied.join(', ')}, now at version ${result.version}`;
}
