/**
 * The columns as the person maps them when guessing fails (a heading no office uses, a header
 * row the search missed): which row holds the headings, and which column holds each field.
 * What they name overrides the guess; what they leave out stays guessed.
 */
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from '@chidao/domain';
import { ImportFileError, SHEET_LIMITS } from '../sheets/sheet';
import { HEADER_SEARCH_ROWS, type SheetHeader } from './find-header';

export interface ManualMapping {
  /** The sheet it applies to; every sheet when absent. */
  readonly sheet?: string;
  /** The (last) header row, 1-based, within the first HEADER_SEARCH_ROWS rows. */
  readonly headerRow?: number;
  /** Each field's column as a letter ("C"), or null to leave the field out. */
  readonly columns: Readonly<Partial<Record<ImportField, string | null>>>;
}

const refuse = (vi: string, en: string) => new ImportFileError('invalid_mapping', vi, en);

/** "C" → 2, "AA" → 26; null when it is not a column of a sheet we read. */
export function columnOfLetter(letter: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letter)) return null;
  const index = [...letter].reduce((n, char) => n * 26 + char.charCodeAt(0) - 64, 0) - 1;
  return index < SHEET_LIMITS.maxColumns ? index : null;
}

/** The `mapping` form field as sent; an ImportFileError (400) says what is wrong in it. */
export function parseManualMapping(text: string): ManualMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse('Cách ghép cột gửi kèm không đọc được.', 'The column mapping is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refuse('Cách ghép cột gửi kèm không đọc được.', 'The column mapping must be an object.');
  }
  const { sheet, headerRow, columns, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) {
    throw refuse(
      'Cách ghép cột có mục không dùng đến.',
      `Unknown keys: ${Object.keys(rest).join(', ')}.`,
    );
  }
  if (sheet !== undefined && (typeof sheet !== 'string' || sheet.length > 100)) {
    throw refuse('Tên trang tính trong cách ghép cột không hợp lệ.', 'sheet must be a sheet name.');
  }
  if (
    headerRow !== undefined &&
    (typeof headerRow !== 'number' ||
      !Number.isInteger(headerRow) ||
      headerRow < 1 ||
      headerRow > HEADER_SEARCH_ROWS)
  ) {
    throw refuse(
      `Dòng tiêu đề phải là một số từ 1 đến ${HEADER_SEARCH_ROWS}.`,
      `headerRow must be an integer from 1 to ${HEADER_SEARCH_ROWS}.`,
    );
  }
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw refuse('Cách ghép cột chưa nêu cột nào.', 'columns must be an object.');
  }
  const mapped: Partial<Record<ImportField, string | null>> = {};
  for (const [field, letter] of Object.entries(columns as Record<string, unknown>)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      throw refuse(
        'Cách ghép cột nêu một mục không có trong danh sách nhiệm vụ.',
        `Unknown field ${field}.`,
      );
    }
    const label = IMPORT_FIELD_LABELS[field as ImportField].vi;
    if (letter !== null && (typeof letter !== 'string' || columnOfLetter(letter) === null)) {
      throw refuse(
        `Cột của «${label}» phải là chữ cái của cột như trong Excel (ví dụ C).`,
        `The column of ${field} must be a column letter.`,
      );
    }
    mapped[field as ImportField] = letter;
  }
  return {
    ...(typeof sheet === 'string' ? { sheet } : {}),
    ...(typeof headerRow === 'number' ? { headerRow } : {}),
    columns: mapped,
  };
}

/** The header with the person's columns over the guessed ones. */
export function withManualColumns(header: SheetHeader, manual: ManualMapping): SheetHeader {
  const columns: Partial<Record<ImportField, number>> = { ...header.mapping.columns };
  for (const [field, letter] of Object.entries(manual.columns) as [ImportField, string | null][]) {
    if (letter === null) delete columns[field];
    else columns[field] = columnOfLetter(letter)!;
  }
  const used = new Set(Object.values(columns));
  const mapping: ColumnMapping = {
    columns,
    unknown: header.mapping.unknown.filter(({ column }) => !used.has(column)),
    missing: REQUIRED_IMPORT_FIELDS.filter((field) => columns[field] === undefined),
  };
  return { ...header, mapping };
}
