import {
  ConfigError,
  ConnectionFailure,
  describeDeployment,
  maskUrl,
  migrateAll,
  startupFailureMessage,
  type ComponentMigration,
} from '@chidao/runtime';
import { EXIT, line, parseOptions, UsageError, type CliIo } from './cli-io';
import { DATABASE_OPTIONS, deploymentFromOptions } from './deployment-options';

export const MIGRATE_USAGE = `chidao migrate [--db postgres://…] [--schema TÊN / NAME]

  Đưa lược đồ cơ sở dữ liệu của mọi thành phần (nhật ký, bảng đọc, báo cáo kỳ, mốc neo, khóa
  Idempotency, mã băm mật khẩu, phiên đăng nhập) lên phiên bản của bản cài đặt này; chạy lại
  không áp dụng gì thêm. Cấu hình lấy từ biến môi trường như các tiến trình khác
  (CHIDAO_EVENT_STORE, CHIDAO_DATABASE_URL, …).
  Brings every component's schema (log, read models, snapshots, anchors, idempotency keys,
  password hashes, login sessions) to this build, reading the same environment as the other
  processes; a second run applies nothing. Read models restored without their tables (a backup
  without them) are created again, empty: the processes rebuild them from the log. --db (and
  --schema) name the PostgreSQL database instead of CHIDAO_DATABASE_URL (and
  CHIDAO_DATABASE_SCHEMA), with both stores in it unless CHIDAO_EVENT_STORE / CHIDAO_READ_STORE
  say otherwise; a URL's ?schema= is refused. Exit code 0 when done, 1 with the reason
  otherwise.
`;

const OPTIONS = { ...DATABASE_OPTIONS, help: { type: 'boolean', short: 'h' } } as const;

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
  try {
    const config = deploymentFromOptions(values, env);
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
    const said = startupFailureMessage(error);
    // The configuration and the server as every process says them; anything else is an error.
    const message =
      error instanceof ConfigError || error instanceof ConnectionFailure
        ? said
        : `Lỗi / error: ${said}`;
    // A driver error may quote the connection string: never print its password.
    io.stderr.write(`${values.db ? message.split(values.db).join(maskUrl(values.db)) : message}\n`);
    return MIGRATION_FAILED;
  }
}

function describe(result: ComponentMigration): string {
  if (result.engine === 'sqlite') {
    return `${result.component} (SQLite): tables created when missing (not versioned)`;
  }
  if (result.missingTables.length > 0) {
    return (
      `${result.component} (PostgreSQL): ${result.missingTables.join(', ')} missing (restored ` +
      `without the read models): created again at version ${result.version}, empty; the ` +
      'processes rebuild every read model from the log'
    );
  }
  return result.applied.length === 0
    ? `${result.component} (PostgreSQL): up to date at version ${result.version}`
    : `${result.component} (PostgreSQL): applied ${result.applied.join(', ')}, now at version ${result.version}`;
}
