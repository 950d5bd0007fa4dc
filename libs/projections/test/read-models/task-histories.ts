/**
 * Task histories written through the domain's own decideTask (so every event is one the API
 * could append), for the read-model tests. Random histories are sequences of steps tried in
 * order with non-decreasing dates; a step the domain refuses is skipped.
 */
import {
  addDays,
  decideTask,
  parseTaskCommand,
  evolveTask,
  initialTaskState,
  isDomainError,
  type Actor,
  type CalendarDate,
  type TaskCommand,
  type TaskEvent,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, EventStore, StreamWrite } from '@chidao/event-store';

const BASE_DAY = '2024-01-01' as CalendarDate;
export const day = (offset: number): string => addDays(BASE_DAY, offset);

/** Two codes that one LIKE pattern confuses (`_` matches `-`): exact checks must tell them apart. */
export const AGENCIES = ['SO-TTTT', 'SO-TC', 'SO-XD', 'SO_XD', 'SO-NV', 'UBND-HH'] as const;
export const DIRECTIVES = [
  { id: 'dir-ctr', reference: '24/CTr-UBND' },
  { id: 'dir-kh', reference: '32/KH-UBND' },
  { id: 'dir-cv', reference: '2926/UBND-TH' },
] as const;
const LEADERS = ['Phó Chủ tịch Lê Ngọc Châu', 'Chủ tịch Võ Trọng Hải'] as const;
const TITLES = ['Kế hoạch ứng dụng IPv6', 'Đề án chuyển đổi số', 'Báo cáo tình hình'] as const;

const SYSTEM: Actor = { userId: 'test:seed', roles: ['tracker'], agency: null };
/** Later than every business date used: the domain refuses dates after "today". */
const RECEIVED_AT = '2031-01-01T00:00:00.000Z';
const METADATA: EventMetadata = {
  actor: SYSTEM.userId,
  agency: null,
  correlationId: 'test',
  causationId: null,
};

export const STEP_KINDS = [
  'receive',
  'refuse',
  'reassign',
  'progress',
  'requestExtension',
  'requestWithdrawal',
  'approve',
  'reject',
  'complete',
  'confirm',
  'return',
  'hold',
  'resume',
  'cancel',
  'urge',
] as const;
type StepKind = (typeof STEP_KINDS)[number];

/** How often each step is drawn: enough completions, confirmations and extensions to matter. */
export const STEP_WEIGHTS: Readonly<Record<StepKind, number>> = {
  receive: 2,
  refuse: 1,
  reassign: 2,
  progress: 2,
  requestExtension: 3,
  requestWithdrawal: 1,
  approve: 3,
  reject: 1,
  complete: 4,
  confirm: 4,
  return: 1,
  hold: 1,
  resume: 2,
  cancel: 1,
  urge: 1,
};
const WEIGHTED_KINDS: readonly StepKind[] = STEP_KINDS.flatMap((kind) =>
  Array.from({ length: STEP_WEIGHTS[kind] }, () => kind),
);

export interface Step {
  readonly kind: StepKind;
  /** Days after the previous accepted step. */
  readonly gap: number;
  /** Any number: picks agencies, dates, percentages. */
  readonly pick: number;
}

export interface TaskSpec {
  readonly id: string;
  readonly directive: number;
  readonly title: number;
  readonly lead: number;
  readonly supporters: readonly number[];
  readonly startDay: number;
  /** Days after assignment; null = không thời hạn. */
  readonly deadlineDays: number | null;
  readonly keyTask: boolean;
  readonly leader: number | null;
  readonly steps: readonly Step[];
}

interface TaskHistory {
  readonly id: string;
  readonly events: readonly TaskEvent[];
}

/** Runs commands on one task through decideTask; `strict` throws on a refusal, else skips it. */
export class TaskDriver {
  private state: TaskState = initialTaskState;
  readonly events: TaskEvent[] = [];
  private requests = 0;

  constructor(readonly id: string) {}

  get current(): TaskState {
    return this.state;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `${this.id}-r${this.requests}`;
  }

  run(type: TaskCommand['type'], data: unknown, occurredOn: string, strict = true): boolean {
    const command = parseTaskCommand({
      type,
      data,
      meta: { actor: SYSTEM, occurredOn, receivedAt: RECEIVED_AT },
    });
    const decision = isDomainError(command) ? command : decideTask(command, this.state);
    if (isDomainError(decision)) {
      if (strict) throw new Error(`${type} on ${occurredOn}: ${decision.code} ${decision.message}`);
      return false;
    }
    this.events.push(...decision);
    this.state = decision.reduce(evolveTask, this.state);
    return true;
  }
}

export function historyOf(spec: TaskSpec): TaskHistory {
  const task = new TaskDriver(spec.id);
  const lead = AGENCIES[spec.lead % AGENCIES.length];
  const directive = DIRECTIVES[spec.directive % DIRECTIVES.length];
  const start = spec.startDay;
  task.run(
    'AssignTask',
    {
      taskId: spec.id,
      directiveId: directive.id,
      directiveReference: directive.reference,
      assigningAgency: 'UBND-TINH',
      title: `${TITLES[spec.title % TITLES.length]} ${spec.id}`,
      leadAgency: lead,
      supportAgencies: [
        ...new Set(spec.supporters.map((i) => AGENCIES[i % AGENCIES.length])),
      ].filter((a) => a !== lead),
      deadline: spec.deadlineDays === null ? null : day(start + spec.deadlineDays),
      keyTask: spec.keyTask,
      leaderInCharge: spec.leader === null ? null : LEADERS[spec.leader % LEADERS.length],
    },
    day(start),
  );

  let today = start;
  let pendingRequest: string | null = null;
  for (const step of spec.steps) {
    const on = day(today + step.gap);
    const state = task.current;
    if (state.status === 'not_assigned') break;
    const after = (days: number) => day(today + step.gap + days);
    let accepted = false;
    switch (step.kind) {
      case 'receive':
        accepted = task.run('ReceiveTask', {}, on, false);
        break;
      case 'refuse':
        accepted = task.run('RefuseTask', { reason: 'Không thuộc chức năng' }, on, false);
        break;
      case 'reassign': {
        const to = AGENCIES[step.pick % AGENCIES.length];
        const supportAgencies =
          step.pick % 3 === 0 ? [AGENCIES[(step.pick + 1) % AGENCIES.length]] : undefined;
        accepted = task.run(
          'ReassignTask',
          {
            leadAgency: to,
            supportAgencies: supportAgencies?.filter((a) => a !== to),
            reason: 'Giao lại',
          },
          on,
          false,
        );
        break;
      }
      case 'progress': {
        const supporter =
          state.supportAgencies[step.pick % Math.max(1, state.supportAgencies.length)];
        const agency = step.pick % 2 === 1 && supporter ? supporter : state.leadAgency;
        accepted = task.run(
          'ReportTaskProgress',
          { agency, percent: step.pick % 101, note: 'Đang triển khai' },
          on,
          false,
        );
        break;
      }
      case 'requestExtension': {
        const requestId = task.nextRequestId();
        const base = state.deadline ?? on;
        const proposed = addDays(base as CalendarDate, 1 + (step.pick % 45));
        accepted = task.run(
          'RequestDeadlineChange',
          {
            requestId,
            kind: 'extension',
            proposedDeadline: proposed,
            reason: 'Cần thêm thời gian',
          },
          on,
          false,
        );
        if (accepted) pendingRequest = requestId;
        break;
      }
      case 'requestWithdrawal': {
        const requestId = task.nextRequestId();
        accepted = task.run(
          'RequestDeadlineChange',
          { requestId, kind: 'withdrawal', reason: 'Không còn phù hợp' },
          on,
          false,
        );
        if (accepted) pendingRequest = requestId;
        break;
      }
      case 'approve':
        if (pendingRequest === null) break;
        accepted = task.run(
          'ApproveDeadlineChange',
          step.pick % 4 === 0
            ? { requestId: pendingRequest, newDeadline: after(step.pick % 30) }
            : { requestId: pendingRequest },
          on,
          false,
        );
        if (accepted) pendingRequest = null;
        break;
      case 'reject':
        if (pendingRequest === null) break;
        accepted = task.run(
          'RejectDeadlineChange',
          { requestId: pendingRequest, reason: 'Không đủ căn cứ' },
          on,
          false,
        );
        if (accepted) pendingRequest = null;
        break;
      case 'complete': {
        const back = step.pick % 6;
        const completedOn = day(Math.max(start, today + step.gap - back));
        accepted = task.run(
          'ReportCompletion',
          { completedOn, resultDocument: `${step.pick + 1}/BC-UBND` },
          on,
          false,
        );
        break;
      }
      case 'confirm':
        accepted = task.run('ConfirmCompletion', {}, on, false);
        break;
      case 'return':
        accepted = task.run('ReturnCompletion', { reason: 'Chưa đạt yêu cầu' }, on, false);
        break;
      case 'hold':
        accepted = task.run('PutTaskOnHold', { reason: 'Chờ chủ trương' }, on, false);
        break;
      case 'resume':
        accepted = task.run(
          'ResumeTask',
          step.pick % 2 === 0 ? { newDeadline: after(1 + (step.pick % 50)) } : {},
          on,
          false,
        );
        break;
      case 'cancel':
        accepted = task.run('CancelTask', { reason: 'Không thực hiện nữa' }, on, false);
        break;
      case 'urge':
        accepted = task.run('UrgeTask', { kind: 'overdue' }, on, false);
        break;
    }
    if (accepted) today += step.gap;
  }
  return { id: spec.id, events: task.events };
}

/**
 * Appends histories to `task-<id>` streams. With `split`, each history is cut in two and the
 * second halves are appended after all the first ones, so one task spans several batches.
 */
export async function appendHistories(
  store: EventStore,
  histories: readonly TaskHistory[],
  options: { split?: (history: TaskHistory) => number; perAppend?: number } = {},
): Promise<number> {
  const perAppend = options.perAppend ?? 250;
  const cuts = histories.map((h) =>
    Math.max(1, Math.min(h.events.length, options.split ? options.split(h) : h.events.length)),
  );
  const writes: StreamWrite[] = [];
  histories.forEach((h, i) =>
    writes.push({
      streamId: `task-${h.id}`,
      events: h.events.slice(0, cuts[i]).map(withMetadata),
      expectedVersion: 'no_stream',
    }),
  );
  histories.forEach((h, i) => {
    if (cuts[i] < h.events.length) {
      writes.push({
        streamId: `task-${h.id}`,
        events: h.events.slice(cuts[i]).map(withMetadata),
        expectedVersion: cuts[i],
      });
    }
  });
  let head = 0;
  for (let i = 0; i < writes.length; i += perAppend) {
    const results = await store.appendMany(writes.slice(i, i + perAppend));
    head = Math.max(head, ...results.map((r) => r.lastPosition));
  }
  return head;
}

const withMetadata = (event: TaskEvent) => ({ ...event, metadata: METADATA });

/** Deterministic pseudo-random numbers (mulberry32): big logs without fast-check. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random TaskSpec from a seeded generator (the same shapes the fast-check arbitrary makes). */
export function randomSpec(next: () => number, id: string, startSpan = 300): TaskSpec {
  const int = (n: number) => Math.floor(next() * n);
  const steps: Step[] = [];
  const count = int(12);
  for (let i = 0; i < count; i += 1) {
    steps.push({ kind: WEIGHTED_KINDS[int(WEIGHTED_KINDS.length)], gap: int(15), pick: int(1000) });
  }
  // Most tasks are received and worked on; bias the first steps towards that.
  if (next() < 0.7) steps.unshift({ kind: 'receive', gap: int(3), pick: 0 });
  return {
    id,
    directive: int(DIRECTIVES.length),
    title: int(TITLES.length),
    lead: int(AGENCIES.length),
    supporters: next() < 0.5 ? [int(AGENCIES.length)] : [],
    startDay: int(startSpan),
    deadlineDays: next() < 0.2 ? null : int(90),
    keyTask: next() < 0.3,
    leader: next() < 0.2 ? null : int(LEADERS.length),
    steps,
  };
}
