/**
 * What an .xlsx (a zip) says it holds, read from its central directory before anything is
 * unpacked: the parts' names and sizes. Enough to refuse a file that is no workbook, or one
 * whose parts claim to unpack to far more than a task list (a zip bomb), without inflating it.
 */
import { ImportFileError, SHEET_LIMITS } from './sheet';

export interface ZipEntry {
  readonly name: string;
  readonly compressedBytes: number;
  readonly unpackedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

const broken = () =>
  new ImportFileError(
    'broken_file',
    'Tệp bị hỏng hoặc không phải tệp Excel (.xlsx); hãy mở tệp bằng Excel và lưu lại dạng .xlsx.',
    'The file is damaged or not an Excel workbook (.xlsx); open it in Excel and save it as .xlsx.',
  );

export function zipDirectory(bytes: Buffer): ZipEntry[] {
  // The end-of-directory record is in the last 22 bytes plus a comment of at most 65 535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw broken();
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  if (offset + size > bytes.length) throw broken();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY)
      throw broken();
    const compressedBytes = bytes.readUInt32LE(offset + 20);
    const unpackedBytes = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, compressedBytes, unpackedBytes });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses what is no workbook, or what claims to unpack to more than SHEET_LIMITS allow. */
export function checkWorkbookZip(bytes: Buffer): void {
  const entries = zipDirectory(bytes);
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    throw new ImportFileError(
      'not_a_workbook',
      'Tệp không phải bảng tính Excel (có thể là tệp Word hoặc tệp nén khác); hãy tải lên tệp .xlsx hoặc .csv.',
      'The file is no Excel workbook (perhaps a Word document or another archive); upload an .xlsx or .csv file.',
    );
  }
  // 0xFFFFFFFF: a part too large for the classic zip format (ZIP64): no task list is.
  const unpacked = entries.reduce(
    (sum, entry) => sum + (entry.unpackedBytes === 0xffffffff ? Infinity : entry.unpackedBytes),
    0,
  );
  if (unpacked > SHEET_LIMITS.maxUnpackedBytes || entries.length > 10_000) {
    throw new ImportFileError(
      'too_large_unpacked',
      `Tệp nén chứa dữ liệu quá lớn khi giải nén (hơn ${SHEET_LIMITS.maxUnpackedBytes / 1024 / 1024} MB); tệp này không thể là danh sách nhiệm vụ. Hãy kiểm tra lại tệp.`,
      `The file unpacks to more than ${SHEET_LIMITS.maxUnpackedBytes / 1024 / 1024} MB; no task list does. Check the file.`,
    );
  }
}
