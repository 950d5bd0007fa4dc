import type { AssignedTaskState, TaskActionCommand, TaskClass } from '@chidao/domain';

/**
 * A task as the API shows it: its folded state and the version to send back in If-Match. A
 * command's answer also gives the log `position` it wrote, to pass as `?minPosition=` to queries.
 * `allowedActions`: the commands the caller may send today, by the domain's own permission and
 * state rules (allowedTaskCommands), so a screen offers nothing the server would refuse. The
 * answer to an assignment (a batch of new tasks) leaves it out.
 */
export type TaskView = AssignedTaskState & {
  version: number;
  position?: number;
  allowedActions?: TaskActionCommand[];
  /** GET /api/tasks/:id: the task's class today and its days overdue; null once closed. */
  classToday?: { at: string; class: TaskClass; daysOverdue: number } | null;
};

export interface TaskHistoryEntry {
  position: number;
  version: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  /** The actor's user id ('system' for entries the system made). */
  actor: string;
  /** The actor's display name now; null when the id names no user (the system). */
  actorName: string | null;
  actorAgency: string | null;
  data: unknown;
  /** Entered by importing a list: which import, the file's SHA-256, its sheet and row. */
  imported: {
    importId: string;
    sha256: string;
    sheet?: string;
    row?: number;
  } | null;
}
