/**
 * `chidao import FILE --as USERNAME`: an office's task list imported from the server's shell,
 * as the screen /imports does it (docs/imports.md), for the person named: the same dry run
 * printed in Vietnamese, the same refusals, the same records in the log (TaskListImportPrepared,
 * then TaskListImportCommitted with the tasks' back-dated history, every event marked
 * `metadata.imported`), the same file kept in the import file store.
 */
import { authorizeImport, normaliseUsername, type Actor } from '@chidao/domain';
import { ConcurrencyError, readDomainEvents } from '@chidao/event-store';
import {
  commitImport,
  ImportFileError,
  ImportRefused,
  prepareImport,
  type ApplyChoice,
  type ImportPorts,
} from '@chidao/imports';
import { describeDeployment, openStores } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT, line, parseOptions, UsageError, type CliIo } from '../cli-io';
import { DATABASE_OPTIONS, deploymentFromOptions } from '../deployment-options';
import { foldRegister } from './import-register';
import { printCommitted, printDryRun } from './import-report';

export const IMPORT_USAGE = `chidao import TỆP / FILE --as TÊN-ĐĂNG-NHẬP / USERNAME [--mapping JSON]
              [--apply new,changed,vanished] [--dry-run]

  Nhập danh sách nhiệm vụ (.xlsx, .csv) như màn hình /imports, thay cho người dùng có tên đăng
  nhập đã cho (lãnh đạo hoặc văn phòng theo dõi của cơ quan giao nhiệm vụ): in bản chạy thử
  (số nhiệm vụ, từng lỗi theo trang, dòng, cột và cách sửa, những gì thay đổi so với dữ liệu đã
  có), rồi, nếu không có lỗi và không có --dry-run, nhập vào hệ thống.
  Imports a task list as the /imports screen does, for the user named (leadership or tracking
  office of an assigning body): prints the dry run (counts, every problem by sheet, row and
  column, the differences with the log), then, when it has no error and --dry-run is not given,
  commits it. The dry run itself is recorded (TaskListImportPrepared) and the file kept, as the
  API does. Reads the deployment from the same variables as the API (--db, --schema as for audit).
  --mapping JSON  the columns mapped by hand: {"sheet"?, "headerRow"?, "columns": {field: "C"}},
                  or the path of a file holding it
  --apply LIST    what the commit applies: new, changed, vanished (default new,changed)
  --dry-run       print the dry run only
  Mã thoát / exit codes: 0 đã nhập hoặc chạy thử không lỗi / imported or a clean dry run ·
  1 tệp có lỗi, chưa nhập gì / the list has errors, nothing imported · 2 bị từ chối hoặc sai
  tham số / refused or usage error
`;

const OPTIONS = {
  ...DATABASE_OPTIONS,
  as: { type: 'string' },
  mapping: { type: 'string' },
  apply: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function importCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [file, ...rest] = args;
  if (file === '--help' || file === '-h') {
    io.stdout.write(IMPORT_USAGE);
    return EXIT.ok;
  }
  if (file === undefined || file.startsWith('-')) {
    throw new UsageError('The file to import is required', 'Thiếu tệp danh sách cần nhập');
  }
  const values = parseOptions(rest, OPTIONS);
  const username = values.as;
  if (username === undefined || username === '') {
    throw new UsageError(
      '--as USERNAME is required: the person the import is recorded for',
      'Thiếu --as TÊN-ĐĂNG-NHẬP: người thực hiện lần nhập',
    );
  }
  const apply = applyOf(values.apply);
  const mapping = mappingOf(values.mapping);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Cannot read ${file}: ${why}`, `Không đọc được tệp ${file}: ${why}`);
  }

  const config = deploymentFromOptions(values, env);
  line(io.stdout, describeDeployment(config));
  const stores = await openStores(config, { now: () => new Date(), applicationName: 'chidao-cli' });
  try {
    const { eventStore } = stores;
    const { registers, directory } = await foldRegister(eventStore);
    const user = registers.users.findByUsername(normaliseUsername(username));
    if (!user || !user.exists || !user.active) {
      throw new UsageError(
        `No enabled user "${username}"`,
        `Không có người dùng "${username}" đang hoạt động`,
      );
    }
    const actor: Actor = { userId: user.userId, roles: user.roles, agency: user.agency };
    // Refused before anything is read or kept: an auditor, staff, an administrator.
    const refusal = authorizeImport(actor);
    if (refusal) throw new UsageError(refusal.message, refusal.messageVi);

    const events = readDomainEvents(eventStore);
    const ports: ImportPorts = {
      log: {
        append: (streamId, batch, options) => eventStore.append(streamId, batch, options),
        appendBatches: (batches) => eventStore.appendBatches(batches),
        readStream: (streamId) => events.readStream(streamId),
        streamVersion: (streamId) => eventStore.streamVersion(streamId),
        isConflict: (error) => error instanceof ConcurrencyError,
      },
      files: stores.importFiles,
      directory,
      clock: { now: () => new Date() },
    };
    const acting = {
      actor,
      metadata: {
        actor: actor.userId,
        actorRoles: actor.roles,
        agency: actor.agency,
        correlationId: randomUUID(),
        causationId: null,
      },
    };

    let view;
    try {
      view = await prepareImport(ports, { name: path.basename(file), bytes }, mapping, acting);
    } catch (error) {
      if (error instanceof ImportFileError && error.code !== 'invalid_mapping') {
        line(io.stderr, `${error.vi}\n${error.message}`);
        line(io.stderr, 'Chưa nhập gì / nothing imported');
        return EXIT.problemFound;
      }
      throw error;
    }
    printDryRun(io.stdout, view);
    if (view.counts.errors > 0) {
      line(
        io.stdout,
        `Còn ${view.counts.errors} lỗi: hãy sửa tệp theo danh sách trên rồi chạy lại. Chưa nhập gì.`,
      );
      line(io.stdout, `The list has ${view.counts.errors} errors: nothing imported`);
      return EXIT.problemFound;
    }
    if (values['dry-run']) {
      line(io.stdout, 'Chạy thử, chưa nhập gì / dry run: nothing imported');
      return EXIT.ok;
    }
    const chosen =
      (apply.new ? view.diff.new : 0) +
      (apply.changed ? view.diff.changed : 0) +
      (apply.vanished ? view.diff.vanished : 0);
    if (chosen === 0) {
      line(
        io.stdout,
        'Không có gì mới để nhập: danh sách đã có trong hệ thống / nothing to import',
      );
      return EXIT.ok;
    }
    printCommitted(io.stdout, await commitImport(ports, view.id, apply, acting));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ImportRefused) {
      throw new UsageError(error.refusal.message, error.refusal.messageVi);
    }
    if (error instanceof ImportFileError) throw new UsageError(error.message, error.vi);
    throw error;
  } finally {
    await stores.close();
  }
}

function applyOf(text: string | undefined): ApplyChoice {
  if (text === undefined) return { new: true, changed: true, vanished: false };
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = parts.filter((part) => !['new', 'changed', 'vanished'].includes(part));
  if (unknown.length > 0 || parts.length === 0) {
    throw new UsageError(
      `--apply takes new, changed and vanished, comma-separated, not "${text}"`,
      `--apply nhận new, changed, vanished, cách nhau bởi dấu phẩy, không phải "${text}"`,
    );
  }
  return {
    new: parts.includes('new'),
    changed: parts.includes('changed'),
    vanished: parts.includes('vanished'),
  };
}

/** JSON as given, or the file that holds it; checked by the session (parseManualMapping). */
function mappingOf(text: string | undefined): string | undefined {
  if (text === undefined || text.trim().startsWith('{')) return text;
  try {
    return fs.readFileSync(text, 'utf8');
  } catch {
    throw new UsageError(
      `--mapping is neither JSON nor a readable file: "${text}"`,
      `--mapping không phải JSON cũng không phải tệp đọc được: "${text}"`,
    );
  }
}
