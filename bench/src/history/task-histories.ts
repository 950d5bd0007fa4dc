/**
 * Realistic task histories for the benchmarks, deterministic from a seed: a province's agencies,
 * directives of a year with their tasks, and each task's life — assigned, received, 1–5 progress
 * reports, an extension asked for some (approved or rejected), a completion report, then confirmed
 * or returned and reported again. Every event is decided by the domain (decideTask on the state
 * evolveTask folds), so the log is what the API would have written.
 *
 * Generated one task at a time (a generator): memory holds one task, whatever the size.
 */
import {
  STREAMS,
  addDays,
  calendarDate,
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
import type { NewEvent, StreamWrite } from '@chidao/event-store';
import { Random } from '../../../apps/cli/src/demo/random';

interface HistoryShape {
  readonly seed: number;
  readonly agencies: number;
  /** Tasks per directive, drawn in this range. */
  readonly tasksPerDirective: readonly [number, number];
  /** The year the directives are issued in. */
  readonly year: number;
}

export const DEFAULT_SHAPE: HistoryShape = {
  seed: 2024,
  agencies: 30,
  tasksPerDirective: [5, 40],
  year: 2025,
};

export interface GeneratedTask {
  readonly taskId: string;
  readonly streamId: string;
  readonly leadAgency: string;
  readonly events: NewEvent[];
  /** True when its last command left it in progress (it takes more progress reports). */
  readonly open: boolean;
}

const PROVINCE = 'UBND-TINH';
const agencyCode = (index: number): string => `SO-${String(index + 1).padStart(2, '0')}`;
// A document symbol's issuer part has no dash (SO-01 signs as SO01): the domain checks it.
const resultDocumentOf = (number: number, agency: string): string =>
  `${number}/BC-${agency.replace(/-/g, '')}`;

const tracker: Actor = { userId: 'bench-tracker', roles: ['tracker'], agency: PROVINCE };
const leader: Actor = { userId: 'bench-leader', roles: ['leader'], agency: PROVINCE };
const staffOf = (agency: string): Actor => ({
  userId: `bench-staff-${agency}`,
  roles: ['staff'],
  agency,
});

/** A decided event as the API's handlers store it: who did it, from which agency. */
export function toNewEvent(event: TaskEvent, actor: Actor, correlationId: string): NewEvent {
  return {
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    occurredOn: event.occurredOn,
    metadata: {
      actor: actor.userId,
      actorRoles: [...actor.roles],
      agency: actor.agency,
      correlationId,
      causationId: null,
    },
  };
}

/** The domain's decision, folded; a refusal is a bug of this generator, so it throws. */
class TaskDriver {
  state: TaskState = initialTaskState;
  readonly events: NewEvent[] = [];
  private requests = 0;

  constructor(
    readonly taskId: string,
    private readonly correlation: string,
  ) {}

  run(type: TaskCommand['type'], data: unknown, on: string, actor: Actor): void {
    const command = parseTaskCommand({
      type,
      data,
      meta: { actor, occurredOn: on, receivedAt: `${on}T03:00:00.000Z` },
    });
    const decision = isDomainError(command) ? command : decideTask(command, this.state);
    if (isDomainError(decision)) {
      throw new Error(`generator bug: ${type} on ${this.taskId}: ${decision.code}`);
    }
    for (const event of decision) {
      this.state = evolveTask(this.state, event);
      this.events.push(toNewEvent(event, actor, `${this.correlation}-${this.events.length}`));
    }
  }

  nextRequestId(): string {
    this.requests += 1;
    return `${this.taskId}-r${this.requests}`;
  }
}

/**
 * Tasks in order, directive after directive, until `events` events have been generated (or,
 * given `tasks`, that many tasks).
 */
export function* generateTasks(
  events: number,
  shape: HistoryShape = DEFAULT_SHAPE,
  tasks = Infinity,
): Generator<GeneratedTask> {
  const random = new Random(shape.seed);
  const start = calendarDate(`${shape.year}-01-02`);
  const diligence = Array.from({ length: shape.agencies }, () => 0.55 + random.next() * 0.4);
  let written = 0;
  let generated = 0;
  let directive = 0;
  while (written < events && generated < tasks) {
    directive += 1;
    const issuedOn = addDays(start, random.int(0, 330));
    const reference = `${directive}/KH-UBND`;
    const count = random.int(shape.tasksPerDirective[0], shape.tasksPerDirective[1]);
    for (let i = 0; i < count && written < events && generated < tasks; i += 1) {
      const lead = random.int(0, shape.agencies - 1);
      const task = lifeOf(random, {
        taskId: random.uuid(),
        directiveId: `bench-directive-${directive}`,
        reference,
        issuedOn,
        lead: agencyCode(lead),
        support: random.chance(0.3) ? [agencyCode((lead + 1) % shape.agencies)] : [],
        diligence: diligence[lead],
      });
      written += task.events.length;
      generated += 1;
      yield task;
    }
  }
}

interface TaskSeed {
  readonly taskId: string;
  readonly directiveId: string;
  readonly reference: string;
  readonly issuedOn: string;
  readonly lead: string;
  readonly support: readonly string[];
  readonly diligence: number;
}

function lifeOf(random: Random, seed: TaskSeed): GeneratedTask {
  const task = new TaskDriver(seed.taskId, `bench-${seed.taskId}`);
  const staff = staffOf(seed.lead);
  const day = (offset: number) => addDays(calendarDate(seed.issuedOn), offset);
  const deadlineIn = random.int(20, 120);
  task.run(
    'AssignTask',
    {
      taskId: seed.taskId,
      directiveId: seed.directiveId,
      directiveReference: seed.reference,
      assigningAgency: PROVINCE,
      title: `Nhiệm vụ ${seed.reference} số ${random.int(1, 999)}`,
      leadAgency: seed.lead,
      supportAgencies: seed.support,
      deadline: day(deadlineIn),
      keyTask: random.chance(0.15),
      leaderInCharge: null,
    },
    day(0),
    tracker,
  );
  let on = random.int(1, 5);
  task.run('ReceiveTask', {}, day(on), staff);

  let deadline = deadlineIn;
  const reports = random.int(1, 5);
  for (let r = 1; r <= reports; r += 1) {
    on += random.int(3, 15);
    task.run(
      'ReportTaskProgress',
      { agency: seed.lead, percent: Math.min(95, r * 20), note: `Báo cáo tiến độ lần ${r}` },
      day(on),
      staff,
    );
  }
  // An extension is asked for before the deadline passes (the domain refuses it after).
  if (on + 5 < deadline && random.chance(0.25)) {
    const requestId = task.nextRequestId();
    const proposed = deadline + random.int(15, 60);
    on += random.int(1, 5);
    task.run(
      'RequestDeadlineChange',
      { requestId, kind: 'extension', proposedDeadline: day(proposed), reason: 'Chờ ý kiến' },
      day(on),
      staff,
    );
    on += random.int(1, 7);
    if (random.chance(0.75)) {
      task.run('ApproveDeadlineChange', { requestId }, day(on), leader);
      deadline = proposed;
    } else {
      task.run('RejectDeadlineChange', { requestId, reason: 'Không đủ căn cứ' }, day(on), leader);
    }
  }
  // Some tasks are still being worked on: they stay in progress.
  if (random.chance(0.15)) {
    return {
      taskId: seed.taskId,
      streamId: STREAMS.task.of(seed.taskId),
      leadAgency: seed.lead,
      events: task.events,
      open: true,
    };
  }
  const late = !random.chance(seed.diligence);
  const completedOn = late
    ? deadline + random.int(1, 40)
    : Math.min(deadline, on + random.int(1, 20));
  on = Math.max(on, completedOn);
  task.run(
    'ReportCompletion',
    {
      completedOn: day(completedOn),
      resultDocument: resultDocumentOf(random.int(1, 999), seed.lead),
    },
    day(on),
    staff,
  );
  on += random.int(1, 6);
  if (random.chance(0.1)) {
    task.run('ReturnCompletion', { reason: 'Thiếu số liệu' }, day(on), tracker);
    on += random.int(2, 10);
    task.run(
      'ReportCompletion',
      { completedOn: day(on), resultDocument: resultDocumentOf(random.int(1, 999), seed.lead) },
      day(on),
      staff,
    );
    on += random.int(1, 6);
  }
  task.run('ConfirmCompletion', {}, day(on), tracker);
  return {
    taskId: seed.taskId,
    streamId: STREAMS.task.of(seed.taskId),
    leadAgency: seed.lead,
    events: task.events,
    open: false,
  };
}

/** The tasks as store writes, `streams` tasks per appendMany (bulk loading). */
export function* taskWriteBatches(
  tasks: Iterable<GeneratedTask>,
  streams: number,
): Generator<StreamWrite[]> {
  let batch: StreamWrite[] = [];
  for (const task of tasks) {
    batch.push({ streamId: task.streamId, expectedVersion: 'no_stream', events: task.events });
    if (batch.length >= streams) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
