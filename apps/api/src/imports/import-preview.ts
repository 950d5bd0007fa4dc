/**
 * The dry run's answer: what the file would bring in and what stops it, read from every sheet
 * that holds a task list. The file's own headings name the columns; agencies are named as the
 * register names them. Nothing is written.
 */
import { createHash } from 'node:crypto';
import {
  createAgencyMatcher,
  IMPORT_FIELD_LABELS,
  type ImportField,
  type RegisteredAgency,
} from '@chidao/domain';
import {
  cellName,
  readImportSheet,
  readSpreadsheet,
  type ImportedTask,
  type ImportProblem,
} from '@chidao/imports';

/** Rows of the preview shown; the counts cover every row. */
export const PREVIEW_ROWS = 100;
/** Problems listed; beyond this the count says how many more. */
export const LISTED_PROBLEMS = 1000;

export interface ImportPreview {
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly sheets: readonly {
    readonly name: string;
    /** The last header row; null when the sheet holds no task list. */
    readonly headerRow: number | null;
    readonly columns: readonly {
      readonly column: string;
      readonly heading: string;
      readonly field: ImportField | null;
      readonly label: string | null;
    }[];
    readonly tasks: number;
    readonly errors: number;
    readonly warnings: number;
  }[];
  readonly counts: { readonly tasks: number; readonly errors: number; readonly warnings: number };
  /** The first PREVIEW_ROWS tasks, with their agencies' names. */
  readonly tasks: readonly (ImportedTask & {
    readonly leadAgencyName: string;
    readonly supportAgencyNames: readonly string[];
  })[];
  /** Errors first, then warnings, in row order; at most LISTED_PROBLEMS. */
  readonly problems: readonly ImportProblem[];
  /** Every row reads and nothing stops the import. */
  readonly ready: boolean;
}

export async function previewImport(
  file: { readonly name: string; readonly bytes: Buffer },
  agencies: readonly RegisteredAgency[],
  aliases: ReadonlyMap<string, string> = new Map(),
): Promise<ImportPreview> {
  const matcher = createAgencyMatcher(agencies, aliases);
  const nameOf = new Map(agencies.map((agency) => [agency.code, agency.name]));
  const sheets: ImportPreview['sheets'][number][] = [];
  const tasks: ImportPreview['tasks'][number][] = [];
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const counts = { tasks: 0, errors: 0, warnings: 0 };
  for await (const sheet of readSpreadsheet(file.bytes, file.name)) {
    const reading = await readImportSheet(sheet, matcher);
    const fieldOf = new Map(
      Object.entries(reading.header?.mapping.columns ?? {}).map(([field, column]) => [
        column,
        field as ImportField,
      ]),
    );
    const sheetErrors = reading.problems.filter((p) => p.severity === 'error');
    const sheetWarnings = reading.problems.filter((p) => p.severity === 'warning');
    sheets.push({
      name: reading.sheet,
      headerRow: reading.header?.row ?? null,
      columns: (reading.header?.headings ?? []).flatMap((heading, column) => {
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
      }),
      tasks: reading.tasks.length,
      errors: sheetErrors.length,
      warnings: sheetWarnings.length,
    });
    counts.tasks += reading.tasks.length;
    counts.errors += sheetErrors.length;
    counts.warnings += sheetWarnings.length;
    for (const task of reading.tasks) {
      if (tasks.length >= PREVIEW_ROWS) break;
      tasks.push({
        ...task,
        leadAgencyName: nameOf.get(task.leadAgency) ?? task.leadAgency,
        supportAgencyNames: task.supportAgencies.map((code) => nameOf.get(code) ?? code),
      });
    }
    errors.push(...sheetErrors.slice(0, LISTED_PROBLEMS - errors.length));
    warnings.push(...sheetWarnings.slice(0, LISTED_PROBLEMS - warnings.length));
  }
  return {
    fileName: file.name,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes.length,
    sheets,
    counts,
    tasks,
    problems: [...errors, ...warnings].slice(0, LISTED_PROBLEMS),
    ready: counts.errors === 0 && counts.tasks > 0,
  };
}
