/** Real SQLite files and task histories written through the domain's own decideTask. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decideTask,
  DomainError,
  evolveTask,
  initialTaskState,
  isDomainError,
  type Actor,
  type TaskCommand,
  type TaskEvent,
  type TaskState,
  type TaskTimeline,
} from '@chidao/domain';
import { openEventStore, type EventMetadata, type EventStore } from '@chidao/event-store';
import {
  catchUp,
  projectionFingerprint,
  schemaOf,
  SqliteReadModelStore,
  taskTimelineProjection,
  type DocumentCollection,
} from '@chidao/projections';
import { periodOf } from '../../src/periods';
import type { ReportPeriod } from '../../src/report.types';
import { SqliteSnapshotStore } from '../../src/snapshots/sqlite-snapshot-store';

const SYSTEM: Actor = { userId: 'test:seed', roles: ['tracker'], agency: null };
/** Later than every business date used: the domain refuses dates after "today". */
const RECEIVED_AT = '2031-01-01T00:00:00.000Z';
const METADATA: EventMetadata = {
  actor: SYSTEM.userId,
  agency: null,
  correlationId: 'test',
  causationId: null,
};

export interface TaskStory {
  id: string;
  lead: string;
  assignedOn: string;
  deadline: string | null;
  directiveId?: string;
  extension?: { requestedOn: string; approvedOn: string; newDeadline: string };
  completion?: { completedOn: string; reportedOn: string; confirmedOn?: string };
}

/** Decides one command on a task's state, throwing on a refusal. */
export class TaskDriver {
  private state: TaskState = initialTaskState;
  private requests = 0;

  constructor(readonly id: string) {}

  run(type: TaskCommand['type'], data: unknown, occurredOn: string): TaskEvent[] {
    const command = {
      type,
      data,
      meta: { actor: SYSTEM, occurredOn, receivedAt: RECEIVED_AT },
    } as TaskCommand;
    const decision = decideTask(command, this.state);
    if (isDomainError(decision)) {
      throw new Error(`${type} on ${occurredOn}: ${decision.code} ${decision.message}`);
    }
    this.state = decision.reduce(evolveTask, this.state);
    return decision;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `${this.id}-r${this.requests}`;
  }
}

export function eventsOf(story: TaskStory, driver = new TaskDriver(story.id)): TaskEvent[] {
  const out: TaskEvent[] = [];
  out.push(
    ...driver.run(
      'AssignTask',
      {
        taskId: story.id,
        directiveId: story.directiveId ?? 'dir-ctr',
        directiveReference: '24/CTr-UBND',
        assigningAgency: 'UBND-TINH',
        title: `Nhiệm vụ ${story.id}`,
        leadAgency: story.lead,
        supportAgencies: [],
        deadline: story.deadline,
        keyTask: false,
        leaderInCharge: null,
      },
      story.assignedOn,
    ),
  );
  out.push(...driver.run('ReceiveTask', {}, story.assignedOn));
  if (story.extension) {
    const requestId = driver.nextRequestId();
    const { requestedOn, approvedOn, newDeadline } = story.extension;
    out.push(
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
    );
    out.push(...driver.run('ApproveDeadlineChange', { requestId }, approvedOn));
  }
  if (story.completion) {
    const { completedOn, reportedOn, confirmedOn } = story.completion;
    out.push(
      ...driver.run(
        'ReportCompletion',
        { completedOn, resultDocument: `1/BC-${story.id}` },
        reportedOn,
      ),
    );
    if (confirmedOn) out.push(...driver.run('ConfirmCompletion', {}, confirmedOn));
  }
  return out;
}

export async function appendEvents(
  store: EventStore,
  taskId: string,
  events: readonly TaskEvent[],
): Promise<void> {
  await store.append(
    `task-${taskId}`,
    events.map((e) => ({ ...e, metadata: METADATA })),
  );
}

export async function appendStories(
  store: EventStore,
  stories: readonly TaskStory[],
): Promise<void> {
  await store.appendMany(
    stories.map((story) => ({
      streamId: `task-${story.id}`,
      events: eventsOf(story).map((e) => ({ ...e, metadata: METADATA })),
      expectedVersion: 'no_stream' as const,
    })),
  );
}

export interface Stores {
  readonly file: string;
  readonly eventStore: EventStore;
  readonly readStore: SqliteReadModelStore;
  readonly snapshots: SqliteSnapshotStore;
  readonly tasks: DocumentCollection<TaskTimeline>;
  /** Projects the log up to its head into the live `tasks` read model. */
  project(): Promise<number>;
}

export class TempFiles {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];

  dir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-snap-'));
    this.dirs.push(dir);
    return dir;
  }

  /** Event store, read models and snapshots in one file, as in the embedded deployment. */
  async open(file = path.join(this.dir(), 'chidao.db')): Promise<Stores> {
    const eventStore = await openEventStore({ kind: 'sqlite', path: file });
    const readStore = SqliteReadModelStore.open({ path: file });
    const snapshots = SqliteSnapshotStore.open({ path: file });
    this.closers.push(
      () => snapshots.close(),
      () => readStore.close(),
      () => eventStore.close(),
    );
    const fingerprint = projectionFingerprint(taskTimelineProjection);
    await readStore.register(schemaOf(taskTimelineProjection), fingerprint);
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const project = async () =>
      catchUp(
        taskTimelineProjection,
        { eventStore, readStore },
        { kind: 'active', fingerprint },
        await tasks.position(),
        { batchSize: 7 },
      );
    return { file, eventStore, readStore, snapshots, tasks, project };
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function month(year: number, m: number): ReportPeriod {
  const period = periodOf({ type: 'month', year, month: m });
  if (period instanceof DomainError) throw period;
  return period;
}

export const MAY_2024: ReportPeriod = month(2024, 5);
