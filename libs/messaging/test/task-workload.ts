/**
 * A task history appended in rounds (assignment, progress reports, extensions, completions), so a
 * test can append before, during and after something happens to Kafka. Every event is decided by
 * the domain (TaskDriver), as the API would append it.
 */
import { addDays, type CalendarDate } from '@chidao/domain';
import type { EventStore, StreamWrite } from '@chidao/event-store';
import {
  defineProjection,
  type DocumentProjection,
  type ReadModelStore,
} from '@chidao/projections';
import {
  documentRows,
  SEED_METADATA,
  statsAtCutOffs,
  TaskDriver,
  type StatsCutOff,
} from '@chidao/projections/testing';
import type { TaskEvent } from '@chidao/domain';

const RECEIVED_AT = '2031-01-01T00:00:00.000Z';
const BASE = '2024-01-01' as CalendarDate;
const day = (offset: number): string => addDays(BASE, offset);
const AGENCIES = ['SO-TTTT', 'SO-TC', 'SO-XD', 'SO_XD', 'UBND-HH'] as const;

interface PlannedTask {
  readonly id: string;
  readonly driver: TaskDriver;
  readonly lead: string;
  readonly assigned: number;
  readonly deadline: number | null;
  readonly extended: boolean;
  readonly done: boolean;
  readonly confirmed: boolean;
  /** The last business day used: every next command is later. */
  last: number;
}

interface TaskEventCount {
  readonly streamId: string;
  readonly events: number;
  readonly progressReports: number;
  readonly lastPosition: number;
}

/** Events and progress reports per task stream: any event applied twice or lost shows here. */
export const taskEventCounts: DocumentProjection<TaskEventCount> = defineProjection<TaskEventCount>(
  {
    name: 'task_event_counts',
    version: 1,
    partitionedBy: 'stream',
    documents: {
      idOf: (event) => (event.streamId.startsWith('task-') ? event.streamId : null),
      evolve: (doc, event) => ({
        streamId: event.streamId,
        events: (doc?.events ?? 0) + 1,
        progressReports:
          (doc?.progressReports ?? 0) + (event.type === 'TaskProgressReported' ? 1 : 0),
        lastPosition: event.position,
      }),
    },
    columns: [{ name: 'progress_reports', type: 'integer', of: (doc) => doc.progressReports }],
  },
);

export class TaskWorkload {
  private readonly tasks: PlannedTask[];

  constructor(count: number, seed = 20240527) {
    let state = seed;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    this.tasks = Array.from({ length: count }, (_, i) => {
      const assigned = next(300);
      const deadline = next(10) === 0 ? null : assigned + 20 + next(110);
      const done = next(10) < 6;
      return {
        id: `k${String(i).padStart(5, '0')}`,
        driver: new TaskDriver(`k${String(i).padStart(5, '0')}`, RECEIVED_AT),
        lead: AGENCIES[next(AGENCIES.length)],
        assigned,
        deadline,
        extended: deadline !== null && next(4) === 0,
        done,
        confirmed: done && next(5) !== 0,
        last: assigned,
      };
    });
  }

  get size(): number {
    return this.tasks.length;
  }

  /** Assigns and receives every task; returns the head. */
  assignAll(store: EventStore): Promise<number> {
    return this.append(store, this.tasks, (task) => {
      const events = task.driver.run(
        'AssignTask',
        {
          taskId: task.id,
          directiveId: `dir-${task.assigned % 3}`,
          directiveReference: `${(task.assigned % 3) + 20}/KH-UBND`,
          assigningAgency: 'UBND-TINH',
          title: `Nhiệm vụ ${task.id}`,
          leadAgency: task.lead,
          supportAgencies: [],
          deadline: task.deadline === null ? null : day(task.deadline),
          keyTask: false,
          leaderInCharge: null,
        },
        day(task.assigned),
      );
      return [...events, ...task.driver.run('ReceiveTask', {}, day(task.assigned))];
    });
  }

  /** One progress report by the lead of each task of `indices` (default all); returns the head. */
  progress(store: EventStore, indices?: readonly number[]): Promise<number> {
    const tasks = indices ? indices.map((i) => this.tasks[i % this.tasks.length]) : this.tasks;
    return this.append(store, tasks, (task) => {
      task.last += 1 + (task.last % 3);
      const percent = Math.min(90, (task.last - task.assigned) * 3);
      const note = `Đã thực hiện ${percent}% khối lượng`;
      return task.driver.run(
        'ReportTaskProgress',
        { agency: task.lead, percent, note, documents: [] },
        day(task.last),
      );
    });
  }

  /** Extensions, completion reports and confirmations, as planned; returns the head. */
  finish(store: EventStore): Promise<number> {
    return this.append(store, this.tasks, (task) => {
      const events: TaskEvent[] = [];
      if (task.extended) {
        const requestId = task.driver.nextRequestId();
        events.push(
          ...task.driver.run(
            'RequestDeadlineChange',
            {
              requestId,
              kind: 'extension',
              proposedDeadline: day(task.deadline! + 45),
              reason: 'Cần thêm thời gian',
            },
            day((task.last += 1)),
          ),
          ...task.driver.run('ApproveDeadlineChange', { requestId }, day((task.last += 2))),
        );
      }
      if (task.done) {
        const completedOn = day((task.last += 5 + (task.assigned % 60)));
        events.push(
          ...task.driver.run(
            'ReportCompletion',
            { completedOn, resultDocument: `1/BC-${task.id}` },
            day((task.last += 1)),
          ),
        );
        if (task.confirmed) {
          events.push(...task.driver.run('ConfirmCompletion', {}, day((task.last += 2))));
        }
      }
      return events;
    });
  }

  private async append(
    store: EventStore,
    tasks: readonly PlannedTask[],
    decide: (task: PlannedTask) => TaskEvent[],
  ): Promise<number> {
    let head = 0;
    for (let start = 0; start < tasks.length; start += 200) {
      const writes: StreamWrite[] = [];
      for (const task of tasks.slice(start, start + 200)) {
        const events = decide(task);
        if (events.length === 0) continue;
        writes.push({
          streamId: `task-${task.id}`,
          events: events.map((event) => ({ ...event, metadata: SEED_METADATA })),
          expectedVersion: 'any',
        });
      }
      if (writes.length === 0) continue;
      const results = await store.appendMany(writes);
      head = Math.max(head, ...results.map((result) => result.lastPosition));
    }
    return head;
  }
}

const CUT_OFFS: StatsCutOff[] = [
  { asOf: 60 },
  { asOf: 150, groupBy: 'agency' },
  { asOf: 240, groupBy: 'directive' },
  { asOf: 365, groupBy: 'agency', leadAgencies: ['SO_XD', 'SO-TC'] },
  { asOf: 700, groupBy: 'agency' },
];

/** Completion statistics at several cut-offs, as JSON: what reports quote. */
export function statistics(store: ReadModelStore): Promise<string[]> {
  return statsAtCutOffs(store, CUT_OFFS);
}

/** Every document as stored (id and exact JSON bytes), in id order, and the position. */
export async function dump(store: ReadModelStore, name: string): Promise<string[]> {
  const position = await store.documents(name).position();
  return [`position ${position}`, ...(await documentRows(store, name))];
}
