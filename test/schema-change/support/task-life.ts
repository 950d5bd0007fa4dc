/**
 * A task of the province story: its assignment and the steps of its life. Ids are fixed, derived
 * from the label, so the log comes out the same every time.
 */
import type { TaskAssignment } from './province-writer';
import type { Step } from './task-steps';

export interface TaskLife {
  /** T01 … T30: how tests and answers name the task. */
  readonly label: string;
  readonly assignment: TaskAssignment;
  readonly steps: readonly Step[];
}

export const taskIdOf = (label: string): string =>
  `7a5c0000-9e1b-4c00-8d00-0000000000${label.slice(1)}`;

/** The n-th deadline change request of a task. */
export const requestIdOf = (label: string, n: number): string =>
  `4e90${label.slice(1)}00-1f2a-4b00-9c00-00000000000${n}`;

/** Leaders in charge (lãnh đạo phụ trách) named on some tasks. */
export const PCT = 'Phó Chủ tịch UBND tỉnh Trần Báu Hà';
export const CT = 'Chủ tịch UBND tỉnh Võ Trọng Hải';

export function task(
  label: string,
  fields: Omit<TaskAssignment, 'taskId' | 'keyTask' | 'leaderInCharge' | 'workProgrammeItem'> &
    Partial<Pick<TaskAssignment, 'keyTask' | 'leaderInCharge' | 'workProgrammeItem'>>,
  steps: Step[],
): TaskLife {
  return {
    label,
    assignment: {
      keyTask: false,
      leaderInCharge: null,
      workProgrammeItem: false,
      ...fields,
      taskId: taskIdOf(label),
    },
    steps,
  };
}
