import * as fs from 'node:fs';
import {
  computeLogDigest,
  groupDigest,
  LogNotEmptyError,
  RestoreMismatchError,
} from '@chidao/event-store';
import { verifyCommand } from '../audit/verify.command';
import { EXIT, line, parseOptions, UsageError, vn, type CliIo } from '../cli-io';
import { SOURCE_OPTIONS } from '../open-source';
import { ArchiveDamagedError, ArchiveReader } from './archive-reader';
import { openRestoreTarget } from './restore-target';

export const IMPORT_LOG_USAGE = `chidao import-log FILE [ĐÍCH / TARGET: --data-dir DIR | --db URL [--schema NAME]]

  Nạp một tệp lưu trữ của chidao export-log vào một nhật ký CÒN TRỐNG (tệp SQLite mới hoặc schema
  PostgreSQL chưa có sự kiện), giữ nguyên vị trí, phiên bản, thời điểm ghi và mã băm của từng sự
  kiện. Kiểm tra SHA-256 và phần kê khai trong khi đọc, trong một giao dịch: tệp hỏng, bị cắt
  hoặc bị sửa thì không ghi gì. Sau đó chạy kiểm tra như chidao audit verify.
  Loads an archive of chidao export-log into an EMPTY log (a new SQLite file or a PostgreSQL
  schema without events), keeping every event's position, version, recordedAt and hash. The
  SHA-256 and manifest are checked while reading, in one transaction: a damaged, cut or edited
  archive writes nothing. Then runs the checks of chidao audit verify.
  Mã thoát / exit: 0 ổn / ok · 1 tệp hỏng hoặc kiểm tra thất bại / damaged archive or failed check ·
  2 đích không trống, sai tham số / target not empty, usage error
`;

const OPTIONS = { ...SOURCE_OPTIONS, help: { type: 'boolean', short: 'h' } } as const;

export async function importLogCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...rest] = args;
  if (file === '--help' || file === '-h') {
    io.stdout.write(IMPORT_LOG_USAGE);
    return EXIT.ok;
  }
  if (file === undefined || file.startsWith('-')) {
    throw new UsageError('The archive FILE is required', 'Thiếu tệp lưu trữ cần nạp');
  }
  const values = parseOptions(rest, OPTIONS);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new UsageError(`No archive at ${file}`, `Không tìm thấy tệp lưu trữ ${file}`);
  }

  const target = await openRestoreTarget(values);
  let failed = true;
  try {
    line(io.stdout, `Nhật ký đích / target log: ${target.label}`);
    const head = await target.store.headPosition();
    if (head > 0) throw notEmpty(head);
    const reader = new ArchiveReader(file);
    let restored;
    try {
      restored = await target.store.restore(reader.batches());
    } catch (error) {
      if (error instanceof LogNotEmptyError) throw notEmpty(error.headPosition);
      const refusal = archiveRefusal(error);
      if (refusal === null) throw error;
      line(io.stderr, `${refusal[0]}\n${refusal[1]}`);
      line(io.stderr, 'Không có gì được ghi / nothing was written.');
      return EXIT.problemFound;
    }
    const manifest = reader.manifest;
    if (manifest === null) throw new Error('the archive was read without its manifest');
    // Read back from the store: what it now answers is the archived log.
    const digest = await computeLogDigest(target.store, restored.headPosition);
    if (digest.digest !== manifest.logDigest) {
      line(io.stderr, `Mã tóm tắt đọc lại khác tệp lưu trữ / log digest read back differs`);
      failed = false;
      return EXIT.problemFound;
    }
    failed = false;
    line(
      io.stdout,
      `Đã nạp ${vn(restored.events)} sự kiện thuộc ${vn(restored.streams)} luồng, đến vị trí ` +
        `${vn(restored.headPosition)} · imported ${restored.events} events in ${restored.streams} ` +
        `streams, head position ${restored.headPosition}`,
    );
    line(io.stdout, `Mã tóm tắt nhật ký / log digest: ${groupDigest(digest.digest)}`);
  } finally {
    await target.close(failed);
  }
  return verifyCommand(target.verifyArgs, io);
}

function notEmpty(head: number): UsageError {
  return new UsageError(
    `The target log already holds ${head} events: import-log loads into an empty log only; nothing was changed`,
    `Nhật ký đích đã có ${vn(head)} sự kiện: chỉ nạp vào nhật ký còn trống; không có gì bị thay đổi`,
  );
}

/** [Vietnamese, English] for an archive that is not the log it claims to be; null otherwise. */
function archiveRefusal(error: unknown): [string, string] | null {
  if (error instanceof ArchiveDamagedError) return [error.messageVi, error.message];
  if (error instanceof RestoreMismatchError) {
    return [
      `Sự kiện ở vị trí ${vn(error.position)} (luồng ${error.streamId}) không khớp chuỗi mã băm: tệp lưu trữ đã bị sửa hoặc hỏng`,
      error.message,
    ];
  }
  // A field of the wrong type, found while hashing it (canonicalJson, computeEventHash).
  if (error instanceof TypeError) {
    return [`Tệp lưu trữ có sự kiện không hợp lệ: ${error.message}`, error.message];
  }
  return null;
}
