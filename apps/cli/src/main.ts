/**
 * `chidao`: the offline command line: the audit commands, which read the log read-only and never
 * need the API to run (`npm run chidao -- audit …`), `migrate`, `demo`, and the log archive
 * (`export-log`, `import-log`: docs/operations.md). Every command reads the deployment from the
 * same variables as the processes.
 */
import { CHECK_ANCHOR_USAGE, checkAnchorCommand } from './audit/check-anchor.command';
import { KEYGEN_USAGE, keygenCommand } from './audit/keygen.command';
import { REBUILD_USAGE, rebuildCommand } from './audit/rebuild.command';
import { REPLAY_USAGE, replayCommand } from './audit/replay.command';
import { VERIFY_USAGE, verifyCommand } from './audit/verify.command';
import { ConfigError, ConnectionFailure, startupFailureMessage } from '@chidao/runtime';
import { EXIT, UsageError, type CliIo } from './cli-io';
import { ADMIN_RESET_USAGE, adminResetCommand } from './admin-reset.command';
import { DEMO_USAGE, demoCommand } from './demo/demo.command';
import { MIGRATE_USAGE, migrateCommand } from './migrate.command';
import { EXPORT_LOG_USAGE, exportLogCommand } from './archive/export-log.command';
import { IMPORT_LOG_USAGE, importLogCommand } from './archive/import-log.command';
import { IMPORT_USAGE, importCommand } from './import/import.command';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const AUDIT_COMMANDS: Record<string, Command> = {
  replay: replayCommand,
  verify: verifyCommand,
  rebuild: rebuildCommand,
  'check-anchor': checkAnchorCommand,
  keygen: keygenCommand,
};

/** Whole-log backup and restore (docs/operations.md): not audits, import-log writes. */
const ARCHIVE_COMMANDS: Record<string, Command> = {
  'export-log': exportLogCommand,
  'import-log': importLogCommand,
};

/** Writes, as the API's import does: a task list taken in (docs/imports.md). */
const WRITING_COMMANDS: Record<string, Command> = {
  import: importCommand,
};

const USAGE = `Cách dùng / usage: chidao audit <lệnh / command> [tham số / options]
       chidao export-log | import-log | import | migrate | demo | admin reset …

  replay        Phát lại sự kiện của một kỳ (NDJSON/CSV) · replay a period's events
  verify        Kiểm tra chuỗi mã băm và mốc neo · verify hash chains and anchors
  rebuild       Dựng lại bảng đọc đến một vị trí · rebuild read models as of a position
  check-anchor  Đối chiếu mốc neo in trên giấy · check an anchor printed on paper
  keygen        Tạo khoá ký điểm kiểm · create the checkpoint signing key

Nguồn dữ liệu (chỉ đọc) / source (read-only), mặc định theo biến môi trường như các tiến trình
(CHIDAO_EVENT_STORE, CHIDAO_DATABASE_URL, CHIDAO_DATABASE_SCHEMA, CHIDAO_DATA_DIR) · by default the
deployment's log, from the same variables as the processes:
  --data-dir DIR   thư mục dữ liệu của API (DIR/chidao.sqlite) · the API's data directory
  --db URL         sqlite:/đường/dẫn/tệp.sqlite, file:…, postgres://… · a database URL
                   (thay CHIDAO_DATABASE_URL · instead of CHIDAO_DATABASE_URL; không nhận ?schema=)
  --schema NAME    schema PostgreSQL (thay CHIDAO_DATABASE_SCHEMA · instead of CHIDAO_DATABASE_SCHEMA)

Mã thoát / exit codes: 0 ổn / ok · 1 phát hiện sai lệch / problem found ·
  2 sai tham số hoặc không mở được nguồn / usage or source error · 3 lỗi khác / other failure

${REPLAY_USAGE}
${VERIFY_USAGE}
${REBUILD_USAGE}
${CHECK_ANCHOR_USAGE}
${KEYGEN_USAGE}
${EXPORT_LOG_USAGE}
${IMPORT_LOG_USAGE}
${IMPORT_USAGE}
${MIGRATE_USAGE}
${DEMO_USAGE}
${ADMIN_RESET_USAGE}`;

const isHelp = (arg: string | undefined): boolean =>
  arg === '--help' || arg === '-h' || arg === 'help';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [group, name, ...args] = argv;
  // Not an audit command: it writes, to the deployment's own database.
  if (group === 'migrate') return migrateCommand(argv.slice(1), io);
  if (group === 'demo') return runDemo(argv.slice(1), io);
  if (group === 'admin' && name === 'reset') return runAdminReset(args, io);
  if (
    group === undefined ||
    isHelp(group) ||
    (group === 'audit' && (name === undefined || isHelp(name)))
  ) {
    io.stdout.write(USAGE);
    return group === undefined ? EXIT.usage : EXIT.ok;
  }
  try {
    const writing = Object.hasOwn(WRITING_COMMANDS, group) ? WRITING_COMMANDS[group] : undefined;
    if (writing) return await writing(argv.slice(1), io);
    const archive = Object.hasOwn(ARCHIVE_COMMANDS, group) ? ARCHIVE_COMMANDS[group] : undefined;
    if (archive) return await archive(argv.slice(1), io);
    const command = group === 'audit' && name !== undefined ? AUDIT_COMMANDS[name] : undefined;
    if (!command) {
      const asked = [group, name].filter(Boolean).join(' ');
      throw new UsageError(`Unknown command "${asked}"`, `Không có lệnh "${asked}"`);
    }
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help =
        Object.hasOwn(ARCHIVE_COMMANDS, group) || Object.hasOwn(WRITING_COMMANDS, group)
          ? `${group} --help`
          : 'audit --help';
      io.stderr.write(`${error.messageVi}\n${error.message}\n(chidao ${help})\n`);
      return EXIT.usage;
    }
    // The source cannot be opened: the configuration or the server, said as the processes say it.
    if (error instanceof ConfigError || error instanceof ConnectionFailure) {
      io.stderr.write(`${startupFailureMessage(error)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`Lỗi / error: ${startupFailureMessage(error)}\n`);
    return EXIT.failure;
  }
}

/** Writes, like migrate; its refusals are printed as the audit commands print theirs. */
async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await demoCommand(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.messageVi}\n${error.message}\n(chidao demo --help)\n`);
    return EXIT.usage;
  }
}

/** Writes, like demo: the recovery of administrator access (docs/operations.md). */
async function runAdminReset(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await adminResetCommand(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.messageVi}\n${error.message}\n(chidao admin reset --help)\n`);
    return EXIT.usage;
  }
}

/** The process entry (bin/chidao.js): sets the exit code and lets output drain before exiting. */
export function runFromProcess(): void {
  // `chidao audit replay … | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${startupFailureMessage(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
