import type { Upcaster } from '../shared/upcasting';
import type { TaskReassignedData, TaskReassignedDataV1 } from './task.events';

/** How older shapes of task events become current ones on read; the log keeps the old bytes. */
export const TASK_UPCASTERS: readonly Upcaster<never>[] = [
  {
    type: 'TaskReassigned',
    fromVersion: 1,
    upcast: (data: TaskReassignedDataV1): TaskReassignedData => ({
      from: { leadAgency: data.previousLeadAgency, supportAgencies: data.previousSupportAgencies },
      to: { leadAgency: data.leadAgency, supportAgencies: data.supportAgencies },
      reason: data.reason,
    }),
  },
];
