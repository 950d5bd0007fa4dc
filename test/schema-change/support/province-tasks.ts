/**
 * The thirty tasks of the province story, in the batches they were assigned in. Reassignment is
 * the thread that runs through them: ten TaskReassigned events (after a refusal, with and without
 * a new list of supporting agencies, to a former supporter, twice on one task, three of them
 * entered weeks after their date), on tasks that then finish on time, late, or stay overdue.
 */
import { CTR_ID, KH_ID, TB_ID, vn } from './province-register';
import type { TaskLife } from './task-life';
import { CONCLUSIONS } from './tasks-conclusions';
import { PLAN } from './tasks-plan';
import { PROGRAMME, PROGRAMME_NOVEMBER } from './tasks-programme';

interface AssignmentBatch {
  readonly directiveId: string;
  /** The business date of the assignment (may precede the day it was entered). */
  readonly on: string;
  readonly at: string;
  readonly by: 'leader' | 'tracker';
  readonly tasks: readonly TaskLife[];
}

export const ASSIGNMENT_BATCHES: readonly AssignmentBatch[] = [
  {
    directiveId: CTR_ID,
    on: '2024-01-22',
    at: vn('2024-01-22 09:30'),
    by: 'tracker',
    tasks: PROGRAMME,
  },
  { directiveId: KH_ID, on: '2024-02-05', at: vn('2024-02-05 10:00'), by: 'leader', tasks: PLAN },
  // The meeting's date, entered two days later.
  {
    directiveId: TB_ID,
    on: '2024-04-10',
    at: vn('2024-04-12 14:30'),
    by: 'tracker',
    tasks: CONCLUSIONS,
  },
  {
    directiveId: CTR_ID,
    on: '2024-11-05',
    at: vn('2024-11-05 08:50'),
    by: 'tracker',
    tasks: PROGRAMME_NOVEMBER,
  },
];

export const TASK_LIVES: readonly TaskLife[] = ASSIGNMENT_BATCHES.flatMap((batch) => batch.tasks);
