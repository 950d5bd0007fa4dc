import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupDigest } from '@chidao/event-store';
import { EXIT, line, parseOptions, required, UsageError, vn, type CliIo } from '../cli-io';
import { openAuditSource, SOURCE_OPTIONS } from '../open-source';
import { writeArchive } from './archive-writer';

export const EXPORT_LOG_USAGE = `chidao export-log --out FILE [NGUỒN / SOURCE]

  Xuất toàn bộ nhật ký của một hệ thống vào MỘT tệp lưu trữ mới (NDJSON: dòng đầu, mọi sự kiện
  đúng như đã lưu, dòng kê khai cuối có SHA-256), để sao lưu hoặc chuyển sang máy chủ khác bằng
  chidao import-log. Chỉ đọc nhật ký; không ghi đè tệp có sẵn. Tệp chứa dữ liệu của mọi người
  dùng: giữ kín như thư mục dữ liệu.
  Exports the whole log into ONE new archive file (NDJSON: a header line, every event as stored,
  a closing manifest with its SHA-256), for backup or a move with chidao import-log. Reads the
  log only; refuses an existing FILE. The file holds every user's data: keep it private.
`;

const OPTIONS = {
  out: { type: 'string' },
  ...SOURCE_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function exportLogCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(EXPORT_LOG_USAGE);
    return EXIT.ok;
  }
  const out = path.resolve(required(values.out, 'out'));
  if (fs.existsSync(out)) {
    throw new UsageError(
      `${out} exists: export-log writes a new file only, never over an existing one`,
      `Tệp ${out} đã tồn tại: lệnh chỉ ghi vào tệp mới, không ghi đè tệp có sẵn`,
    );
  }
  const source = await openAuditSource(values);
  try {
    line(io.stdout, `Nhật ký / log: ${source.label}`);
    let manifest;
    try {
      manifest = await writeArchive(source.eventStore, out);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EEXIST') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(
        `Cannot write ${out}: ${reason}`,
        `Không ghi được tệp ${out}: ${reason}`,
      );
    }
    line(
      io.stdout,
      `Đã xuất ${vn(manifest.events)} sự kiện thuộc ${vn(manifest.streams)} luồng, đến vị trí ` +
        `${vn(manifest.headPosition)} · exported ${manifest.events} events in ${manifest.streams} ` +
        `streams, head position ${manifest.headPosition}`,
    );
    line(io.stdout, `Mã tóm tắt nhật ký / log digest: ${groupDigest(manifest.logDigest)}`);
    line(io.stdout, `SHA-256: ${manifest.sha256}`);
    line(io.stdout, `Đã ghi / written: ${out}`);
    return EXIT.ok;
  } finally {
    await source.close();
  }
}
