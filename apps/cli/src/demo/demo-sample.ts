/**
 * The messy task list (@chidao/imports' sample) written beside the demo's data, for people to try
 * the import on: its agency names are the demo province's, and its mistakes are the ones offices'
 * lists hold, so the dry run has something to show.
 */
import { messySampleWorkbook } from '@chidao/imports';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { line, type CliIo } from '../cli-io';

export const DEMO_SAMPLE_FILE = 'mau-danh-sach-nhiem-vu.xlsx';

/** Writes (again) the sample into the data directory; returns its path. */
export async function writeDemoSample(dataDir: string): Promise<string> {
  const file = path.join(dataDir, DEMO_SAMPLE_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, await messySampleWorkbook());
  return file;
}

/** The closing words: how to try the import on the sample. */
export function printImportHint(io: CliIo, file: string): void {
  line(io.stdout, `Thử nhập danh sách nhiệm vụ với tệp mẫu (có lỗi cố ý): ${file}`);
  line(
    io.stdout,
    '  trên màn hình: đăng nhập theodoi, mở /imports ("Nhập danh sách nhiệm vụ") và chọn tệp;',
  );
  line(io.stdout, `  hoặc dòng lệnh: npm run chidao -- import "${file}" --as theodoi --dry-run`);
}
