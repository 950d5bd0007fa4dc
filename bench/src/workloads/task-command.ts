/**
 * One command as the API runs it: read the task's stream, fold it, let the domain decide, append
 * with the version read (optimistic concurrency). Progress reports keep every task open, so a
 * run can send as many as it likes.
 */
import { decideTask, foldWith, isDomainError, parseTaskCommand, taskDecider } from '@chidao/domain';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import { toNewEvent } from '../history/task-histories';
import type { OpenTask } from '../stores';

export async function reportProgress(
  store: EventStore,
  task: OpenTask,
  sequence: number,
  now: Date,
): Promise<void> {
  const stored = await readDomainEvents(store).readStream(task.streamId);
  const state = foldWith(taskDecider, stored);
  const actor = {
    userId: `bench-staff-${task.leadAgency}`,
    roles: ['staff' as const],
    agency: task.leadAgency,
  };
  const command = parseTaskCommand({
    type: 'ReportTaskProgress',
    data: { agency: task.leadAgency, percent: sequence % 100, note: `Báo cáo ${sequence}` },
    meta: { actor, occurredOn: now.toISOString().slice(0, 10), receivedAt: now.toISOString() },
  });
  if (isDomainError(command)) throw new Error(`${task.taskId}: ${command.code}`);
  const decision = decideTask(command, state);
  if (isDomainError(decision)) throw new Error(`${task.taskId}: ${decision.code}`);
  await store.append(
    task.streamId,
    decision.map((event) => toNewEvent(event, actor, `bench-${task.taskId}-${sequence}`)),
    { expectedVersion: stored.length },
  );
}
