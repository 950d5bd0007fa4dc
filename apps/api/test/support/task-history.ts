import {
  decideTask,
  evolveTask,
  initialTaskState,
  isDomainError,
  type Actor,
  type TaskCommand,
  type TaskEvent,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, EventStore, StreamWrite } from '@chidao/event-store';
import { randomUUID } from 'node:crypto';

/** How one task went, in business dates; the domain's own decide writes its events. */
export interface TaskStory {
  id?: string;
  directiveId: string;
  directiveReference: string;
  assigningAgency: string;
  leadAgency: string;
  title: string;
  assignedOn: string;
  deadline: string | null;
  receivedOn?: string;
  extension?: { requestedOn: string; approvedOn: string; newDeadline: string };
  completion?: { completedOn: string; reportedOn: string; confirmedOn?: string };
}

const SYSTEM: Actor = { userId: 'test:seed', roles: ['tracker'], agency: null };

/**
 * Writes many task histories straight to the store, in large atomic batches, without HTTP:
 * for pictures of tens of thousands of tasks (the Government's 2017 figures) that would take
 * minutes through the API. The events are exactly what the API would append.
 */
export async function appendTaskStories(
  store: EventStore,
  stories: Iterable<TaskStory>,
  options: { receivedAt: string; batchSize?: number },
): Promise<number> {
  const metadata: EventMetadata = {
    actor: SYSTEM.userId,
    agency: null,
    correlationId: 'seed',
    causationId: null,
  };
  let batch: StreamWrite[] = [];
  let count = 0;
  for (const story of stories) {
    const id = story.id ?? randomUUID();
    const events = eventsOf(id, story, options.receivedAt);
    batch.push({
      streamId: `task-${id}`,
      events: events.map((e) => ({ ...e, metadata })),
      expectedVersion: 'no_stream',
    });
    count += 1;
    if (batch.length >= (options.batchSize ?? 500)) {
      await store.appendMany(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.appendMany(batch);
  return count;
}

function eventsOf(id: string, story: TaskStory, receivedAt: string): TaskEvent[] {
  let state: TaskState = initialTaskState;
  const out: TaskEvent[] = [];
  const run = (type: TaskCommand['type'], data: unknown, occurredOn: string) => {
    const command = { type, data, meta: { actor: SYSTEM, occurredOn, receivedAt } } as TaskCommand;
    const decision = decideTask(command, state);
    if (isDomainError(decision))
      throw new Error(`${type} on ${occurredOn}: ${decision.code} ${decision.message}`);
    out.push(...decision);
    state = decision.reduce(evolveTask, state);
  };
  run(
    'AssignTask',
    {
      taskId: id,
      directiveId: story.directiveId,
      directiveReference: story.directiveReference,
      assigningAgency: story.assigningAgency,
      title: story.title,
      leadAgency: story.leadAgency,
      supportAgencies: [],
      deadline: story.deadline,
      keyTask: false,
      leaderInCharge: null,
    },
    story.assignedOn,
  );
  if (story.receivedOn) run('ReceiveTask', {}, story.receivedOn);
  if (story.extension) {
    const requestId = randomUUID();
    const { requestedOn, approvedOn, newDeadline } = story.extension;
    run(
      'RequestDeadlineChange',
      { requestId, kind: 'extension', proposedDeadline: newDeadline, reason: 'Cần thêm thời gian' },
      requestedOn,
    );
    run('ApproveDeadlineChange', { requestId }, approvedOn);
  }
  if (story.completion) {
    const { completedOn, reportedOn, confirmedOn } = story.completion;
    run('ReportCompletion', { completedOn, resultDocument: `${out.length}/BC-SEED` }, reportedOn);
    if (confirmedOn) run('ConfirmCompletion', {}, confirmedOn);
  }
  return out;
}
