/**
 * A file read for import, every sheet that holds a task list: the columns as recognised, every
 * task, every problem, and the agency names nothing matched. The file's own headings name the
 * columns. Nothing is written; planImport plans the commit on top of it.
 */
import {
  createAgencyMatcher,
  IMPORT_FIELD_LABELS,
  type ImportField,
  type RegisteredAgency,
} from '@chidao/domain';
import type { ImportProblem } from './rows/import-problem';
import type { SheetHeader } from './rows/find-header';
import type { ManualMapping } from './rows/manual-mapping';
import { readImportSheet } from './rows/read-import-sheet';
import type { ImportedTask } from './rows/read-task-row';
import { readSpreadsheet } from './sheets/read-spreadsheet';
import { cellName } from './sheets/sheet';

/** Rows of the preview shown; the counts cover every row. */
export const PREVIEW_ROWS = 100;
/** Problems listed; beyond this the count says how many more. */
export const LISTED_PROBLEMS = 1000;

export interface SheetSummary {
  readonly name: string;
  /** The last header row; null when the sheet holds no task list. */
  readonly headerRow: number | null;
  readonly columns: readonly {
    readonly column: string;
    readonly heading: string;
    readonly field: ImportField | null;
    readonly label: string | null;
  }[];
  /** Labels of the required columns no heading names: map them by hand. */
  readonly missingFields: readonly string[];
  readonly tasks: number;
  readonly errors: number;
  readonly warnings: number;
}

/** An agency name no agency matched, for the table the person maps once. */
export interface UnmatchedName {
  readonly text: string;
  readonly field: 'leadAgency' | 'supportAgencies';
  readonly rows: number;
}

export interface ImportFileReading {
  readonly sheets: readonly SheetSummary[];
  /** Every task read, in file order. */
  readonly tasks: readonly ImportedTask[];
  readonly errors: readonly ImportProblem[];
  readonly warnings: readonly ImportProblem[];
  readonly unmatchedNames: readonly UnmatchedName[];
}

export async function readImportFile(
  file: { readonly name: string; readonly bytes: Buffer },
  agencies: readonly RegisteredAgency[],
  options: { aliases?: ReadonlyMap<string, string>; manual?: ManualMapping } = {},
): Promise<ImportFileReading> {
  const matcher = createAgencyMatcher(agencies, options.aliases);
  const sheets: SheetSummary[] = [];
  const tasks: ImportedTask[] = [];
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const unmatched = new Map<
    string,
    { text: string; field: UnmatchedName['field']; rows: number }
  >();
  for await (const sheet of readSpreadsheet(file.bytes, file.name)) {
    const reading = await readImportSheet(sheet, matcher, options.manual);
    const header = reading.header ?? reading.partialHeader;
    const sheetErrors = reading.problems.filter((p) => p.severity === 'error');
    const sheetWarnings = reading.problems.filter((p) => p.severity === 'warning');
    sheets.push({
      name: reading.sheet,
      headerRow: reading.header?.row ?? null,
      columns: header ? columnsOf(header) : [],
      missingFields: header
        ? header.mapping.missing.map((field) => IMPORT_FIELD_LABELS[field].vi)
        : [],
      tasks: reading.tasks.length,
      errors: sheetErrors.length,
      warnings: sheetWarnings.length,
    });
    tasks.push(...reading.tasks);
    errors.push(...sheetErrors);
    warnings.push(...sheetWarnings);
    for (const problem of sheetErrors) {
      if (!problem.unmatchedAgency) continue;
      const { text, field } = problem.unmatchedAgency;
      const key = `${field}\u0000${text}`;
      const entry = unmatched.get(key) ?? { text, field, rows: 0 };
      entry.rows += 1;
      unmatched.set(key, entry);
    }
  }
  return { sheets, tasks, errors, warnings, unmatchedNames: [...unmatched.values()] };
}

function columnsOf(header: SheetHeader): SheetSummary['columns'] {
  const fieldOf = new Map(
    Object.entries(header.mapping.columns).map(([field, column]) => [column, field as ImportField]),
  );
  return header.headings.flatMap((heading, column) => {
    const field = fieldOf.get(column) ?? null;
    if (heading === '' && field === null) return [];
    return [
      {
        column: cellName(column, 1).replace(/\d+$/, ''),
        heading,
        field,
        label: field === null ? null : IMPORT_FIELD_LABELS[field].vi,
      },
    ];
  });
}
