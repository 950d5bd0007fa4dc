/**
 * Where a sheet's table starts: offices put a title, a date and blank lines above the header
 * row, and often a second header row under merged cells ("Văn bản" over "Số ký hiệu" and "Ngày
 * ban hành"). The first of the top rows whose headers name a title and a lead agency, read
 * alone or with the row above it, is the header; the rows below it are tasks.
 */
import { guessColumnMapping, type ColumnMapping } from '@chidao/domain';
import type { Cell, SheetRow } from '../sheets/sheet';

/** Rows looked at for the header: a title block is never longer. */
export const HEADER_SEARCH_ROWS = 30;

export interface SheetHeader {
  /** The last header row: tasks start below it. */
  readonly row: number;
  /** Each column's heading as the file writes it (stacked headings joined by a line break). */
  readonly headings: readonly string[];
  readonly mapping: ColumnMapping;
}

const text = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? '' : String(cell).trim();

/** The header among the first rows given, or null when none names the required columns. */
export function findHeader(rows: readonly SheetRow[]): SheetHeader | null {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  for (let i = 0; i < top.length; i += 1) {
    const alone = top[i].cells.map(text);
    const candidates: SheetHeader[] = [header(top[i].row, alone)];
    if (i > 0) candidates.push(header(top[i].row, stacked(top[i - 1].cells, alone)));
    const found = best(candidates.filter((candidate) => candidate.mapping.missing.length === 0));
    if (!found) continue;
    // The row below may finish it: "Văn bản" over "Số, ký hiệu" and "Ngày ban hành".
    const below = top[i + 1];
    if (below) {
      const deeper = header(below.row, stacked(top[i].cells, below.cells.map(text)));
      if (mapped(deeper) > mapped(found)) return deeper;
    }
    return found;
  }
  return null;
}

/** One row read as the header, whatever it names (a header the person chose). */
export const headerOfRow = (row: SheetRow): SheetHeader => header(row.row, row.cells.map(text));

/**
 * The row most like a header among the top rows, though it lacks a required column: what the
 * person maps by hand. null when no row names any known column.
 */
export function likelyHeader(rows: readonly SheetRow[]): SheetHeader | null {
  const found = best(rows.slice(0, HEADER_SEARCH_ROWS).map(headerOfRow));
  return found && mapped(found) > 0 ? found : null;
}

function header(row: number, headings: string[]): SheetHeader {
  return { row, headings, mapping: guessColumnMapping(headings) };
}

const mapped = (candidate: SheetHeader): number => Object.keys(candidate.mapping.columns).length;

function best(candidates: SheetHeader[]): SheetHeader | null {
  return candidates.reduce<SheetHeader | null>(
    (top, candidate) => (top === null || mapped(candidate) > mapped(top) ? candidate : top),
    null,
  );
}

/**
 * Two header rows read as one: a merged cell's heading stands over the columns to its right
 * until the next heading; a column with nothing below keeps the heading above.
 */
function stacked(above: readonly Cell[], bottom: readonly string[]): string[] {
  const width = Math.max(above.length, bottom.length);
  let carried = '';
  return Array.from({ length: width }, (_, column) => {
    const top = text(above[column]);
    if (top !== '') carried = top;
    const under = bottom[column] ?? '';
    return under === '' ? top : `${carried}\n${under}`;
  });
}
