/**
 * Task histories for tests, written by the domain's own decideTask: a story says how a task went
 * in business dates, and the events are exactly what the API would append for it.
 */
import {
  STREAMS,
  decideTask,
  parseTaskCommand,
  evolveTask,
  initialTaskState,
  isDomainError,
  type Actor,
  type TaskCommand,
  type TaskEvent,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, EventStore, StreamWrite } from '@chidao/event-store';

export interface TaskStory {
  readonly id: string;
  readonly leadAgency: string;
  readonly assignedOn: string;
  readonly deadline: string | null;
  readonly directiveId?: string;
  readonly directiveReference?: string;
  readonly assigningAgency?: string;
  readonly title?: string;
  /** Default: the assignment date. */
  readonly receivedOn?: string;
  readonly extension?: { requestedOn: string; approvedOn: string; newDeadline: string };
  readonly completion?: { completedOn: string; reportedOn: string; confirmedOn?: string };
}

const SEEDER: Actor = { userId: 'test:seed', roles: ['tracker'], agency: null };
export const SEED_METADATA: EventMetadata = {
  actor: SEEDER.userId,
  agency: null,
  correlationId: 'seed',
  causationId: null,
};

/** Decides commands on one task in turn, throwing on a refusal. */
export class TaskDriver {
  private state: TaskState = initialTaskState;
  private requests = 0;

  /** `receivedAt`: the server time of every command; later than every business date used. */
  constructor(
    readonly id: string,
    private readonly receivedAt: string,
  ) {}

  run(type: TaskCommand['type'], data: unknown, occurredOn: string): TaskEvent[] {
    const command = parseTaskCommand({
      type,
      data,
      meta: { actor: SEEDER, occurredOn, receivedAt: this.receivedAt },
    });
    const decision = isDomainError(command) ? command : decideTask(command, this.state);
    if (isDomainError(decision))
      throw new Error(`${type} on ${occurredOn}: ${decision.code} ${decision.message}`);
    this.state = decision.reduce(evolveTask, this.state);
    return decision;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `${this.id}-r${this.requests}`;
  }
}

export function taskStoryEvents(story: TaskStory, receivedAt: string): TaskEvent[] {
  const driver = new TaskDriver(story.id, receivedAt);
  const events = driver.run(
    'AssignTask',
    {
      taskId: story.id,
      directiveId: story.directiveId ?? 'dir-ctr',
      directiveReference: story.directiveReference ?? '24/CTr-UBND',
      assigningAgency: story.assigningAgency ?? 'UBND-TINH',
      title: story.title ?? `Nhiệm vụ ${story.id}`,
      leadAgency: story.leadAgency,
      supportAgencies: [],
      deadline: story.deadline,
      keyTask: false,
      leaderInCharge: null,
    },
    story.assignedOn,
  );
  events.push(...driver.run('ReceiveTask', {}, story.receivedOn ?? story.assignedOn));
  if (story.extension) {
    const requestId = driver.nextRequestId();
    const { requestedOn, approvedOn, newDeadline } = story.extension;
    events.push(
      ...driver.run(
        'RequestDeadlineChange',
        {
          requestId,
          kind: 'extension',
          proposedDeadline: newDeadline,
          reason: 'Cần thêm thời gian',
        },
        requestedOn,
      ),
      ...driver.run('ApproveDeadlineChange', { requestId }, approvedOn),
    );
  }
  if (story.completion) {
    const { completedOn, reportedOn, confirmedOn } = story.completion;
    events.push(
      ...driver.run('ReportCompletion', { completedOn, resultDocument: '1/BC-UBND' }, reportedOn),
    );
    if (confirmedOn) events.push(...driver.run('ConfirmCompletion', {}, confirmedOn));
  }
  return events;
}

/** Appends the stories' streams in large atomic batches (tens of thousands of tasks in seconds). */
export async function appendTaskStories(
  store: EventStore,
  stories: Iterable<TaskStory>,
  options: { receivedAt: string; batchSize?: number },
): Promise<number> {
  let batch: StreamWrite[] = [];
  let count = 0;
  for (const story of stories) {
    batch.push({
      streamId: STREAMS.task.of(story.id),
      events: taskStoryEvents(story, options.receivedAt).map((e) => ({
        ...e,
        metadata: SEED_METADATA,
      })),
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
