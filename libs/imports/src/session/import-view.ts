import type { ImportedChange } from '@chidao/domain';
import type { SheetSummary, UnmatchedName } from '../read-import-file';
import type { ImportProblem } from '../rows/import-problem';
import type { ImportedTask } from '../rows/read-task-row';

/** An import as the screen shows it: the dry run, planned against the log as it is now. */
export interface ImportView {
  readonly id: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly uploadedAt: string;
  readonly uploadedByName: string | null;
  readonly agency: string;
  readonly agencyName: string;
  readonly status: 'prepared' | 'committed';
  readonly committed: {
    readonly at: string;
    readonly byName: string | null;
    readonly created: number;
    readonly updated: number;
    readonly cancelled: number;
  } | null;
  readonly sheets: readonly SheetSummary[];
  /** tasks: rows the commit would bring in (new, changed or unchanged). */
  readonly counts: { readonly tasks: number; readonly errors: number; readonly warnings: number };
  /** The first rows, with their agencies' names and what the commit does with each. */
  readonly tasks: readonly (ImportedTask & {
    readonly leadAgencyName: string;
    readonly supportAgencyNames: readonly string[];
    readonly change: 'new' | 'changed' | 'unchanged';
  })[];
  /** Errors first, then warnings, in row order; at most LISTED_PROBLEMS. */
  readonly problems: readonly ImportProblem[];
  readonly unmatchedNames: readonly UnmatchedName[];
  readonly diff: {
    readonly new: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly vanished: number;
    readonly changes: readonly {
      readonly sheet: string;
      readonly row: number;
      readonly title: string;
      readonly leadAgencyName: string;
      readonly fields: readonly {
        label: ImportedChange['labelVi'];
        before: string;
        after: string;
      }[];
    }[];
    readonly vanishedTasks: readonly {
      readonly taskId: string;
      readonly title: string;
      readonly leadAgencyName: string;
      readonly deadline: string | null;
    }[];
  };
  /** Every row reads, the plan holds no problem, and there is something to import. */
  readonly ready: boolean;
}

export interface ImportCommitResult {
  readonly id: string;
  readonly created: number;
  readonly updated: number;
  readonly cancelled: number;
  readonly unchanged: number;
  readonly directivesRegistered: number;
  /** The log position of the commit: wait for it to see the tasks in lists. */
  readonly position: number;
}
