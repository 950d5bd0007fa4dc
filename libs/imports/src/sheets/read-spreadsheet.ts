/**
 * An uploaded file as sheets of rows, whatever it claims to be: its first bytes decide. A zip is
 * read as .xlsx; an OLE compound file is a password-protected workbook or an old .xls, neither of
 * which can be read; text is read as CSV; anything else is no spreadsheet.
 */
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { ImportFileError, SHEET_LIMITS, type Sheet } from './sheet';

export async function* readSpreadsheet(bytes: Buffer, fileName: string): AsyncGenerator<Sheet> {
  if (bytes.length === 0) {
    throw new ImportFileError('empty_file', 'Tệp rỗng, không có dữ liệu.', 'The file is empty.');
  }
  if (bytes.length > SHEET_LIMITS.maxFileBytes) {
    throw new ImportFileError(
      'file_too_large',
      `Tệp lớn hơn ${SHEET_LIMITS.maxFileBytes / 1024 / 1024} MB; hãy chia thành nhiều tệp.`,
      `The file is larger than ${SHEET_LIMITS.maxFileBytes / 1024 / 1024} MB; split it into several files.`,
    );
  }
  if (bytes.readUInt32LE(0) === 0x04034b50) {
    yield* readXlsx(bytes);
    return;
  }
  if (
    bytes.length >= 8 &&
    bytes.readUInt32BE(0) === 0xd0cf11e0 &&
    bytes.readUInt32BE(4) === 0xa1b11ae1
  ) {
    throw new ImportFileError(
      'protected_or_xls',
      'Tệp được đặt mật khẩu hoặc là tệp Excel cũ (.xls); hãy mở bằng Excel, bỏ mật khẩu (nếu có) và lưu lại dạng .xlsx rồi tải lên lần nữa.',
      'The workbook is password-protected or an old .xls file; open it in Excel, remove the password if any, save it as .xlsx and upload again.',
    );
  }
  if (looksLikeText(bytes)) {
    yield readCsv(bytes, fileName);
    return;
  }
  throw new ImportFileError(
    'not_a_spreadsheet',
    'Tệp không phải bảng tính; hãy tải lên tệp Excel (.xlsx) hoặc CSV.',
    'The file is no spreadsheet; upload an Excel (.xlsx) or CSV file.',
  );
}

/** No NUL byte in the first 8 KB (UTF-16 text starts with its byte-order mark). */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return true;
  return !bytes.subarray(0, 8192).includes(0);
}
