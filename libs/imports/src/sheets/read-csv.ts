/**
 * A .csv as Excel and document systems save it: UTF-8 (with or without its byte-order mark) or
 * UTF-16 ("Unicode text"), separated by commas, semicolons (Excel with Vietnamese regional
 * settings) or tabs, fields in double quotes with "" for a quote. Every cell is text; dates and
 * numbers are read from the text like the rest.
 */
import {
  cellName,
  ImportFileError,
  SHEET_LIMITS,
  type Cell,
  type Sheet,
  type SheetRow,
} from './sheet';

export function readCsv(bytes: Buffer, name = 'CSV'): Sheet {
  const text = decode(bytes);
  return { name, rows: rowsOf(text, separatorOf(text)) };
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start));
  if (text.includes('\uFFFD')) {
    throw new ImportFileError(
      'not_utf8',
      'Tệp CSV không ở bảng mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi; trong Excel hãy chọn Lưu thành → "CSV UTF-8 (phân tách bằng dấu phẩy)".',
      'The CSV file is not UTF-8, so Vietnamese letters would be garbled; in Excel choose Save As → "CSV UTF-8 (Comma delimited)".',
    );
  }
  return text;
}

/** The separator the first line uses most, outside quotes. */
function separatorOf(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

function* rowsOf(text: string, separator: string): Generator<SheetRow> {
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  let count = 0;
  const endField = () => {
    if (field.length > SHEET_LIMITS.maxCellCharacters) {
      throw new ImportFileError(
        'cell_too_long',
        `Ô ${cellName(cells.length, row)} dài ${field.length.toLocaleString('vi-VN')} ký tự; một ô trong danh sách nhiệm vụ không dài quá ${SHEET_LIMITS.maxCellCharacters.toLocaleString('vi-VN')} ký tự.`,
        `Cell ${cellName(cells.length, row)} holds ${field.length} characters; at most ${SHEET_LIMITS.maxCellCharacters} are allowed.`,
      );
    }
    if (cells.length >= SHEET_LIMITS.maxColumns) {
      throw new ImportFileError(
        'too_many_columns',
        `Dòng ${row} có hơn ${SHEET_LIMITS.maxColumns} cột; hãy kiểm tra dấu phân cách của tệp CSV.`,
        `Row ${row} has more than ${SHEET_LIMITS.maxColumns} columns; check the file's separator.`,
      );
    }
    cells.push(field === '' ? null : field);
    field = '';
  };
  const endRow = (): SheetRow | null => {
    endField();
    const done = { row, cells };
    cells = [];
    row += 1;
    count += 1;
    if (count > SHEET_LIMITS.maxRows) {
      throw new ImportFileError(
        'too_many_rows',
        `Tệp có hơn ${SHEET_LIMITS.maxRows.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp.`,
        `The file has more than ${SHEET_LIMITS.maxRows} rows; split it into several files.`,
      );
    }
    return done.cells.every((cell) => cell === null) ? { row: done.row, cells: [] } : done;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === separator) endField();
    else if (char === '\r' && text[i + 1] === '\n') continue;
    else if (char === '\n' || char === '\r') yield endRow()!;
    else field += char;
  }
  if (field !== '' || cells.length > 0) yield endRow()!;
}
