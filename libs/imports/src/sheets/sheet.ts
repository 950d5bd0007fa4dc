/** A spreadsheet as the import reads it: sheets of rows of plain values, read one row at a time. */

/** A cell's value: text, a number, a date cell, true/false, or empty. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row's number as the spreadsheet shows it (1 = the first row). */
  readonly row: number;
  /** The cells from column A on; a missing cell is null. */
  readonly cells: readonly Cell[];
}

export interface Sheet {
  readonly name: string;
  /** Read with `for await`: an .xlsx streams its rows, a CSV's are in the text already. */
  readonly rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
}

/** Limits that keep a hostile or broken file from taking the server's memory or time. */
export const SHEET_LIMITS = {
  /** The upload itself. */
  maxFileBytes: 20 * 1024 * 1024,
  /** What the .xlsx's parts may unpack to, all together (a zip bomb claims far more). */
  maxUnpackedBytes: 200 * 1024 * 1024,
  /** Rows of one sheet. */
  maxRows: 100_000,
  /** Columns of a row. */
  maxColumns: 200,
  /** Characters in one cell (Excel itself stops at 32 767; a task list needs far fewer). */
  maxCellCharacters: 10_000,
} as const;

/**
 * The file cannot be imported at all; `vi` says why and what to do, for the person who uploaded
 * it. Nothing has been written.
 */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly vi: string,
    en: string,
  ) {
    super(en);
    this.name = 'ImportFileError';
  }
}

/** "C5": a cell as the spreadsheet names it. */
export function cellName(column: number, row: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return `${name}${row}`;
}
