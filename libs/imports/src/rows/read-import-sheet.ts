/**
 * A sheet read for import: its header found among the top rows, then every row below it read
 * into a task or its problems. The same task twice (same reference, title and lead agency) is a
 * problem on the second row. Rows are read as they come; the header search holds the first
 * HEADER_SEARCH_ROWS rows only.
 */
import { foldText, type AgencyMatcher } from '@chidao/domain';
import type { Sheet, SheetRow } from '../sheets/sheet';
import { findHeader, HEADER_SEARCH_ROWS, type SheetHeader } from './find-header';
import type { ImportProblem } from './import-problem';
import { readTaskRow, type ImportedTask } from './read-task-row';

export interface ImportSheetReading {
  readonly sheet: string;
  /** null: no header names a title and a lead agency (an empty sheet, a sheet of notes). */
  readonly header: SheetHeader | null;
  readonly tasks: readonly ImportedTask[];
  /** Errors (the row is not imported) and warnings (it is), in row order. */
  readonly problems: readonly ImportProblem[];
  readonly skipped: { readonly blank: number; readonly sections: number };
}

export async function readImportSheet(
  sheet: Sheet,
  agencies: AgencyMatcher,
): Promise<ImportSheetReading> {
  const top: SheetRow[] = [];
  let header: SheetHeader | null = null;
  const tasks: ImportedTask[] = [];
  const problems: ImportProblem[] = [];
  const skipped = { blank: 0, sections: 0 };
  const seen = new Map<string, number>();

  const read = (row: SheetRow, found: SheetHeader) => {
    const reading = readTaskRow(row, {
      sheet: sheet.name,
      mapping: found.mapping,
      headings: found.headings,
      agencies,
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
      header = findHeader(top);
      if (!header) break;
      for (const below of top.filter((candidate) => candidate.row > header!.row))
        read(below, header);
    }
  }
  if (!header && top.length < HEADER_SEARCH_ROWS) {
    header = findHeader(top);
    if (header)
      for (const below of top.filter((candidate) => candidate.row > header!.row))
        read(below, header);
  }
  return { sheet: sheet.name, header, tasks, problems, skipped };
}
