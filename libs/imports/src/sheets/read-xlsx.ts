/**
 * An .xlsx read one row at a time (exceljs's streaming reader), after its zip directory passed
 * checkWorkbookZip. Values become plain cells: text (rich text joined, a hyperlink's text), numbers,
 * date cells as dates, true/false. A formula, an error value (#N/A) or a cell longer than
 * SHEET_LIMITS allow stops the file with the cell named: the import takes what people see typed,
 * never a value a formula computed that could change.
 */
import { Readable } from 'node:stream';
import {
  cellName,
  ImportFileError,
  SHEET_LIMITS,
  type Cell,
  type Sheet,
  type SheetRow,
} from './sheet';
import { checkWorkbookZip } from './zip-directory';

export async function* readXlsx(bytes: Buffer): AsyncGenerator<Sheet> {
  checkWorkbookZip(bytes);
  // Loaded at the first import, not at every start of the API (exceljs takes a while to load).
  const { stream } = await import('exceljs');
  const reader = new stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      const name = sheetName(reader, worksheet as unknown as WorksheetLike);
      yield { name, rows: rowsOf(worksheet, name) };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      'broken_file',
      'Tệp Excel bị hỏng, không đọc được; hãy mở tệp bằng Excel và lưu lại dạng .xlsx.',
      `The workbook cannot be read (${error instanceof Error ? error.message : String(error)}); open it in Excel and save it as .xlsx.`,
    );
  }
}

interface WorksheetLike extends AsyncIterable<{ number: number; values: unknown }> {
  readonly id: number | string;
  readonly name: string;
}

/** The tab's name as the workbook lists it (the streaming reader only knows "Sheet<n>"). */
function sheetName(reader: unknown, worksheet: WorksheetLike): string {
  const sheets = (reader as { model?: { sheets?: { id: number; name: string }[] } }).model?.sheets;
  return sheets?.find((sheet) => String(sheet.id) === String(worksheet.id))?.name ?? worksheet.name;
}

async function* rowsOf(worksheet: unknown, sheet: string): AsyncGenerator<SheetRow> {
  let count = 0;
  for await (const row of worksheet as WorksheetLike) {
    count += 1;
    if (count > SHEET_LIMITS.maxRows) {
      throw new ImportFileError(
        'too_many_rows',
        `Trang "${sheet}" có hơn ${SHEET_LIMITS.maxRows.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp.`,
        `Sheet "${sheet}" has more than ${SHEET_LIMITS.maxRows} rows; split it into several files.`,
      );
    }
    // exceljs: values[1] is column A.
    const values = (Array.isArray(row.values) ? row.values : []) as unknown[];
    if (values.length - 1 > SHEET_LIMITS.maxColumns) {
      throw new ImportFileError(
        'too_many_columns',
        `Dòng ${row.number} của trang "${sheet}" có hơn ${SHEET_LIMITS.maxColumns} cột; danh sách nhiệm vụ không cần nhiều như vậy.`,
        `Row ${row.number} of sheet "${sheet}" has more than ${SHEET_LIMITS.maxColumns} columns.`,
      );
    }
    const cells: Cell[] = [];
    for (let column = 1; column < values.length; column += 1) {
      cells.push(plainCell(values[column], cellName(column - 1, row.number), sheet));
    }
    yield { row: row.number, cells };
  }
}

function plainCell(value: unknown, at: string, sheet: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return checkedText(value, at, sheet);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('formula' in object || 'sharedFormula' in object) {
      throw new ImportFileError(
        'formula',
        `Ô ${at} của trang "${sheet}" chứa công thức; hãy chọn cả bảng, sao chép rồi dán đặc biệt dạng giá trị (Paste Special → Values), lưu lại và tải lên lần nữa.`,
        `Cell ${at} of sheet "${sheet}" holds a formula; copy the table and paste it as values (Paste Special → Values), save and upload again.`,
      );
    }
    if ('error' in object) {
      throw new ImportFileError(
        'error_value',
        `Ô ${at} của trang "${sheet}" có giá trị lỗi ${String(object.error)}; hãy sửa ô này rồi tải lên lần nữa.`,
        `Cell ${at} of sheet "${sheet}" holds the error value ${String(object.error)}; correct it and upload again.`,
      );
    }
    if (Array.isArray(object.richText)) {
      const text = (object.richText as { text?: unknown }[])
        .map((part) => (typeof part.text === 'string' ? part.text : ''))
        .join('');
      return checkedText(text, at, sheet);
    }
    if (typeof object.text === 'string') return checkedText(object.text, at, sheet);
  }
  throw new ImportFileError(
    'unreadable_cell',
    `Không đọc được giá trị của ô ${at} trang "${sheet}"; hãy nhập lại ô này dạng chữ hoặc số.`,
    `The value of cell ${at} of sheet "${sheet}" cannot be read; enter it again as text or a number.`,
  );
}

function checkedText(text: string, at: string, sheet: string): string {
  if (text.length > SHEET_LIMITS.maxCellCharacters) {
    throw new ImportFileError(
      'cell_too_long',
      `Ô ${at} của trang "${sheet}" dài ${text.length.toLocaleString('vi-VN')} ký tự; một ô trong danh sách nhiệm vụ không dài quá ${SHEET_LIMITS.maxCellCharacters.toLocaleString('vi-VN')} ký tự.`,
      `Cell ${at} of sheet "${sheet}" holds ${text.length} characters; at most ${SHEET_LIMITS.maxCellCharacters} are allowed.`,
    );
  }
  return text;
}
