import { createWorkingCalendar, type WorkingCalendar } from '@chidao/reporting';
import {
  decideTask,
  evolveTask,
  evolveTaskTimeline,
  initialTaskState,
  isDomainError,
  parseTaskCommand,
  type TaskEvent,
  type TaskState,
  type TaskTimeline,
} from '@chidao/domain';

/**
 * Tasks for the rules' tests, made the way the system makes them: commands decided by the real
 * decideTask, their events folded into the real TaskTimeline projection.
 */

/** Far enough ahead that no business date in these tests is "in the future". */
const RECEIVED_AT = '2029-12-31T03:00:00Z';
const actor = { userId: 'u-tracker', roles: ['tracker'], agency: 'VP-UBND' };

/**
 * Tết Nguyên đán 2027 as a deployment would configure it (Friday 05/02 to Thursday 11/02; the
 * weekend of 06–07/02 falls inside), on top of the fixed holidays (01/01 is a Friday in 2027).
 */
export const TET_2027 = [
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-02-11',
];
export const calendar2027: WorkingCalendar = createWorkingCalendar({ holidays: TET_2027 });

export function command(type: string, data: Record<string, unknown>, on: string) {
  return { type, data, meta: { actor, occurredOn: on, receivedAt: RECEIVED_AT } };
}

/** One task's log, built command by command; a refused command fails the test. */
export class TaskHistory {
  readonly events: TaskEvent[] = [];
  private state: TaskState = initialTaskState;

  static assigned(
    on: string,
    deadline: string | null,
    fields: Record<string, unknown> = {},
  ): TaskHistory {
    return new TaskHistory().run('AssignTask', on, {
      taskId: 'task-1',
      directiveId: 'directive-04-ctr-ubnd-2027',
      directiveReference: '04/CTr-UBND',
      assigningAgency: 'UBND-TINH',
      title: 'Xây dựng Kế hoạch chuyển đổi số năm 2027',
      leadAgency: 'STTTT',
      supportAgencies: ['SKHDT'],
      deadline,
      keyTask: true,
      leaderInCharge: 'Phó Chủ tịch UBND tỉnh',
      ...fields,
    });
  }

  /** Decides one command on the task as it stands and keeps its events. */
  run(type: string, on: string, data: Record<string, unknown> = {}): this {
    const parsed = parseTaskCommand(command(type, data, on));
    if (isDomainError(parsed)) throw new Error(`${type} refused: ${parsed.message}`);
    const decision = decideTask(parsed, this.state);
    if (isDomainError(decision)) throw new Error(`${type} refused: ${decision.message}`);
    this.events.push(...decision);
    this.state = decision.reduce(evolveTask, this.state);
    return this;
  }

  /**
   * The read-model document as the projection holds it on `asOf` (default: after the whole
   * log): the events dated up to that day, which is all the log holds then, since these
   * histories are entered day by day.
   */
  timeline(asOf = '9999-12-31'): TaskTimeline {
    let timeline: TaskTimeline | null = null;
    for (const event of this.events) {
      if (event.occurredOn <= asOf) timeline = evolveTaskTimeline(timeline, event);
    }
    if (timeline === null) throw new Error('the task was never assigned');
    // Stored as JSON and read back, as the projection's store does.
    return JSON.parse(JSON.stringify(timeline)) as TaskTimeline;
  }
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); ; day.setUTCDate(day.getUTCDate() + 1)) {
    const text = day.toISOString().slice(0, 10);
    if (text > to) return days;
    days.push(text);
  }
}
