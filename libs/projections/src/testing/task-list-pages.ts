import type { TaskTimeline } from '@chidao/domain';
import type { DocumentCollection } from '../document-query';
import { findTasks, type TaskListFilter } from '../read-models/task-list.query';

/** Every page of a task list, cursor after cursor, as JSON: what a user paging through sees. */
export async function taskListPages(
  tasks: DocumentCollection<TaskTimeline>,
  filter: TaskListFilter,
  limit: number,
): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await findTasks(tasks, filter, { limit, cursor });
    pages.push(JSON.stringify(page));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
}
