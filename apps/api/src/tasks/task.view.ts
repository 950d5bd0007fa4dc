import type { AssignedTaskState } from '@chidao/domain';

/**
 * A task as the API shows it: its folded state and the version to send back in If-Match. A
 * command's answer also gives the log `position` it wrote, to pass as `?minPosition=` to queries.
 */
export type TaskView = AssignedTaskState & { version: number; position?: number };

export interface TaskHistoryEntry {
  position: number;
  version: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  actorAgency: string | null;
  data: unknown;
}
