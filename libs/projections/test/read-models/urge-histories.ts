/**
 * Task histories with urges and automatic reminders, for the urge_counts tests: the random
 * histories of task-histories.ts (urges among their steps), with TaskReminderIssued inserted
 * where the domain's decideTaskReminder accepts one, addressed to the lead agency of the moment.
 */
import {
  addDays,
  createUrgeCounter,
  decideTaskReminder,
  evolveTask,
  initialTaskState,
  isDomainError,
  isTaskAssigned,
  REMINDER_RULES,
  type AgencyUrgeCount,
  type CalendarDate,
  type TaskEvent,
  type UrgeCountQuery,
} from '@chidao/domain';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import { historyOf, type TaskSpec } from './task-histories';

/** A reminder tried after the history's event `after` (modulo its length), `gap` days later. */
export interface ReminderPick {
  readonly after: number;
  readonly gap: number;
  readonly rule: number;
}

export interface UrgeHistory {
  readonly id: string;
  readonly events: readonly TaskEvent[];
}

export function urgeHistoryOf(spec: TaskSpec, picks: readonly ReminderPick[]): UrgeHistory {
  const base = historyOf(spec).events;
  const after = new Map<number, ReminderPick[]>();
  for (const pick of picks) {
    const index = pick.after % base.length;
    after.set(index, [...(after.get(index) ?? []), pick]);
  }
  const events: TaskEvent[] = [];
  let state = initialTaskState;
  base.forEach((event, index) => {
    events.push(event);
    state = evolveTask(state, event);
    for (const [n, pick] of (after.get(index) ?? []).entries()) {
      if (!isTaskAssigned(state)) continue;
      const on = addDays(event.occurredOn as CalendarDate, pick.gap);
      const rule = REMINDER_RULES[pick.rule % REMINDER_RULES.length];
      const decision = decideTaskReminder(
        state,
        {
          rule,
          occurrence: `${on}#${index}.${n}`,
          runId: `run-${spec.id}-${index}-${n}`,
          leadAgency: state.leadAgency,
          days: pick.gap,
          audience: ['lead_agency'],
          recipients: [],
          text: `Nhắc việc ${rule}`,
        },
        on,
      );
      // Refused for a task closed or on hold: the run would not record it either.
      if (isDomainError(decision)) continue;
      events.push(...decision);
      state = decision.reduce(evolveTask, state);
    }
  });
  return { id: spec.id, events };
}

/** The reference answer: the domain's counter fed the whole log, in log order. */
export async function countedFromLog(
  store: EventStore,
  query: UrgeCountQuery,
): Promise<AgencyUrgeCount[]> {
  const counter = createUrgeCounter(query);
  for await (const batch of readDomainEvents(store).readAll({ batchSize: 1000 })) {
    for (const event of batch) counter.add(event);
  }
  return counter.result();
}
