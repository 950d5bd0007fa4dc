/**
 * One command as the API runs it: read the task's stream, fold it, let the domain decide, append
 * with the version read (optimistic concurrency). Progress reports keep every task open, so a
 * run can send as many as it likes.
 */
import {
  decideTask,
  evolveTask,
  initialTaskState,
  isDomainError,
  type TaskCommand,
  type TaskEvent,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { toNewEvent } from '../history/task-histories';
import type { OpenTask } from '../stores';

export async function reportProgress(
  store: EventStore,
  task: OpenTask,
  sequence: number,
  now: Date,
): Promise<void> {
  const stored = await store.readStream(task.streamId);
  const state = stored.reduce((s, e) => evolveTask(s, e as unknown as TaskEvent), initialTaskState);
  const actor = {
    userId: `bench-staff-${task.leadAgency}`,
    roles: ['staff' as const],
    agency: task.leadAgency,
  };
  const command = {
    type: 'ReportTaskProgress',
    data: { agency: task.leadAgency, percent: sequence % 100, note: `Báo cáo ${sequence}` },
    meta: { actor, occurredOn: now.toISOString().slice(0, 10), receivedAt: now.toISOString() },
  } as TaskCommand;
  const decision = decideTask(command, state);
  if (isDomainError(decision)) throw new Error(`${task.taskId}: ${decision.code}`);
  await store.append(
    task.streamId,
    decision.map((event) => toNewEvent(event, actor, `bench-${task.taskId}-${sequence}`)),
    { expectedVersion: stored.length },
  );
}
