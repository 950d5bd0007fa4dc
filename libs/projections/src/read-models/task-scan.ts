/**
 * A query over the `tasks` read model as a fold: `where` narrows what is read (a superset of the
 * tasks that count), `add` decides exactly, `result` answers. Several scans can then share one
 * stream of documents (see dashboardFigures) instead of each reading the tasks again.
 */
import type { TaskTimeline } from '@chidao/domain';
import type { Comparison, DocumentCollection } from '../document-query';
import type { ColumnValue } from '../projection';

export type TaskWhere = Record<string, ColumnValue | Comparison>;

export interface TaskScan<R> {
  /** null: nothing can match, do not read at all. */
  readonly where: TaskWhere | null;
  /**
   * The column `where` bounds (StreamOptions.keyColumn): the stream walks that column's index
   * instead of sorting every match by id for each page.
   */
  readonly keyColumn?: string;
  add(doc: TaskTimeline): void;
  result(): R;
}

/** Documents per page while a scan folds them: memory holds one page, never the whole model. */
const TASK_SCAN_PAGE = 500;

/** Streams the documents the scan's `where` selects through it and answers its result. */
export async function runTaskScan<R>(
  collection: DocumentCollection<TaskTimeline>,
  scan: TaskScan<R>,
): Promise<R> {
  if (scan.where !== null) {
    const options = { where: scan.where, keyColumn: scan.keyColumn, pageSize: TASK_SCAN_PAGE };
    for await (const { doc } of collection.stream(options)) scan.add(doc);
  }
  return scan.result();
}
