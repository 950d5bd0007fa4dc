/**
 * A sheet read for import: its header found among the top rows, then every row below it read
 * into a task or its problems. The same task twice (same reference, title and lead agency) is a
 * problem on the second row. Rows are read as they come; the header search holds the first
 * HEADER_SEARCH_ROWS rows only.
 */
import { foldText, type AgencyMatch, type AgencyMatcher } from '@chidao/domain';
import type { Sheet, SheetRow } from '../sheets/sheet';
import {
  findHeader,
  HEADER_SEARCH_ROWS,
  headerOfRow,
  likelyHeader,
  type SheetHeader,
} from './find-header';
import type { ImportProblem } from './import-problem';
import { withManualColumns, type ManualMapping } from './manual-mapping';
import { readTaskRow, type ImportedTask } from './read-task-row';

export interface ImportSheetReading {
  readonly sheet: string;
  /** null: no header names a title and a lead agency (an empty sheet, a sheet of notes). */
  readonly header: SheetHeader | null;
  /**
   * When no header was found: the top row most like one, with the required columns it lacks,
   * for the person to map by hand. null otherwise.
   */
  readonly partialHeader: SheetHeader | null;
  readonly tasks: readonly ImportedTask[];
  /** Errors (the row is not imported) and warnings (it is), in row order. */
  readonly problems: readonly ImportProblem[];
  readonly skipped: { readonly blank: number; readonly sections: number };
}

export async function readImportSheet(
  sheet: Sheet,
  agencies: AgencyMatcher,
  manual?: ManualMapping,
): Promise<ImportSheetReading> {
  const mine = manual && (manual.sheet === undefined || manual.sheet === sheet.name);
  // The person's header row and columns over the guess; a header that still lacks a required
  // column reads nothing (the preview says which is missing).
  const locate = (rows: readonly SheetRow[]): SheetHeader | null => {
    if (!mine) return findHeader(rows);
    const chosen =
      manual.headerRow === undefined
        ? (findHeader(rows) ?? likelyHeader(rows) ?? firstFilled(rows))
        : rows.find((row) => row.row === manual.headerRow);
    if (!chosen) return null;
    const header = withManualColumns('mapping' in chosen ? chosen : headerOfRow(chosen), manual);
    return header.mapping.missing.length === 0 ? header : null;
  };
  const top: SheetRow[] = [];
  let header: SheetHeader | null = null;
  const tasks: ImportedTask[] = [];
  const problems: ImportProblem[] = [];
  const skipped = { blank: 0, sections: 0 };
  const seen = new Map<string, number>();
  const matcher = remembered(agencies);

  const read = (row: SheetRow, found: SheetHeader) => {
    const reading = readTaskRow(row, {
      sheet: sheet.name,
      mapping: found.mapping,
      headings: found.headings,
      agencies: matcher,
    });
    if (reading.kind === 'skipped') {
      if (reading.reason === 'blank') skipped.blank += 1;
      else skipped.sections += 1;
      return;
    }
    if (reading.kind === 'problems') {
      problems.push(...reading.problems);
      return;
    }
    const key = [
      reading.task.documentReference ?? '',
      foldText(reading.task.title),
      reading.task.leadAgency,
    ].join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        sheet: sheet.name,
        row: row.row,
        column: null,
        value: null,
        vi: `Dòng này trùng với dòng ${first} (cùng văn bản, nội dung và cơ quan chủ trì); hãy xóa một trong hai dòng.`,
        en: `This row repeats row ${first} (same document, title and lead agency); delete one of them.`,
        severity: 'error',
      });
      return;
    }
    seen.set(key, row.row);
    problems.push(...reading.warnings);
    tasks.push(reading.task);
  };

  for await (const row of sheet.rows) {
    if (header) {
      read(row, header);
      continue;
    }
    top.push(row);
    if (top.length >= HEADER_SEARCH_ROWS) {
      header = locate(top);
      if (!header) break;
      for (const below of top.filter((candidate) => candidate.row > header!.row))
        read(below, header);
    }
  }
  if (!header && top.length < HEADER_SEARCH_ROWS) {
    header = locate(top);
    if (header)
      for (const below of top.filter((candidate) => candidate.row > header!.row))
        read(below, header);
  }
  const partialHeader = header ? null : partial(top);
  return { sheet: sheet.name, header, partialHeader, tasks, problems, skipped };

  function partial(rows: readonly SheetRow[]): SheetHeader | null {
    if (!mine) return likelyHeader(rows);
    const chosen = rows.find((row) => row.row === manual.headerRow);
    const likely = chosen ? headerOfRow(chosen) : likelyHeader(rows);
    return likely && withManualColumns(likely, manual);
  }
}

const firstFilled = (rows: readonly SheetRow[]): SheetRow | undefined =>
  rows.find((row) => row.cells.some((cell) => cell !== null && String(cell).trim() !== ''));

/** Spellings remembered per sheet, at most: enough for any register, bounded for any file. */
const REMEMBERED_SPELLINGS = 10_000;

/**
 * A list names the same few dozen agencies on every row: each spelling is matched (folded and
 * compared with the register) once, not 50 000 times (docs/performance.md, "Importing a list").
 */
function remembered(agencies: AgencyMatcher): AgencyMatcher {
  const known = new Map<string, AgencyMatch>();
  return {
    match(text) {
      let found = known.get(text);
      if (found === undefined) {
        found = agencies.match(text);
        if (known.size < REMEMBERED_SPELLINGS) known.set(text, found);
      }
      return found;
    },
  };
}
