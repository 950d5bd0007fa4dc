import { eventGuard, type DomainEvent } from '../shared/domain-event';

/**
 * An import of an office's list, on `task-list-import-<importId>`: the dry run someone made
 * (which file, by its SHA-256, what it held) and, when they commit it, what it wrote. The
 * file's bytes stay beside the log (the import file store); these events let an auditor tell
 * which file a piece of history came from: every event the commit writes carries
 * `metadata.imported` = { importId, sha256, sheet, row }.
 */
export type TaskListImportPrepared = DomainEvent<
  'TaskListImportPrepared',
  {
    readonly importId: string;
    readonly sha256: string;
    readonly fileName: string;
    readonly bytes: number;
    /** The assigning body whose tasks the list holds (the importer's agency). */
    readonly agency: string;
    readonly tasks: number;
    readonly errors: number;
    readonly warnings: number;
    /** Columns mapped by hand (field → column letter), or null when every column was guessed. */
    readonly mapping: Readonly<Record<string, string | null>> | null;
  }
>;

export type TaskListImportCommitted = DomainEvent<
  'TaskListImportCommitted',
  {
    readonly importId: string;
    readonly sha256: string;
    readonly agency: string;
    /** What the person chose to apply. */
    readonly applied: {
      readonly new: boolean;
      readonly changed: boolean;
      readonly vanished: boolean;
    };
    readonly created: number;
    readonly updated: number;
    readonly cancelled: number;
    readonly unchanged: number;
    readonly directivesRegistered: number;
  }
>;

export type TaskListImportEvent = TaskListImportPrepared | TaskListImportCommitted;

export const TASK_LIST_IMPORT_EVENT_SCHEMA_VERSIONS: Record<TaskListImportEvent['type'], number> = {
  TaskListImportPrepared: 1,
  TaskListImportCommitted: 1,
};

export const isTaskListImportEvent = eventGuard<TaskListImportEvent>(
  TASK_LIST_IMPORT_EVENT_SCHEMA_VERSIONS,
);
