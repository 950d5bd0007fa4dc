import type { AssignedTaskState } from '@chidao/domain';

/** A task as the API shows it: its folded state and the version to send back in If-Match. */
export type TaskView = AssignedTaskState & { version: number };

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
