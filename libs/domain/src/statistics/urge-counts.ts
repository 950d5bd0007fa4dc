import type { DomainEvent } from '../shared/domain-event';
import { isTaskEvent } from '../task/task.events';

/** Urges and reminders addressed to one lead agency in a period. */
export interface AgencyUrgeCount {
  readonly agency: string;
  /** `TaskUrged`: a tracker or leader pressed "đôn đốc". */
  readonly manual: number;
  /** `TaskReminderIssued`: the reminders run decided it. */
  readonly automatic: number;
}

export interface UrgeCountQuery {
  /** Inclusive business dates `YYYY-MM-DD`: an urge counts when its occurredOn is within. */
  readonly from: string;
  readonly to: string;
  /** The lead agencies counted; undefined counts every agency. */
  readonly agencies?: ReadonlySet<string>;
}

/**
 * Counts urges per lead agency, fed one task's events at a time (log order). Each urge is
 * credited to the lead agency it was addressed to, which both events record: a task reassigned
 * since keeps its earlier urges with the agency that received them.
 */
export function createUrgeCounter(query: UrgeCountQuery) {
  const counts = new Map<string, { manual: number; automatic: number }>();
  return {
    add(event: DomainEvent): void {
      if (!isTaskEvent(event)) return;
      if (event.type !== 'TaskUrged' && event.type !== 'TaskReminderIssued') return;
      if (event.occurredOn < query.from || event.occurredOn > query.to) return;
      const agency = event.data.leadAgency;
      if (query.agencies && !query.agencies.has(agency)) return;
      const count = counts.get(agency) ?? { manual: 0, automatic: 0 };
      if (event.type === 'TaskUrged') count.manual += 1;
      else count.automatic += 1;
      counts.set(agency, count);
    },
    /** Agencies with at least one urge, by code. */
    result(): AgencyUrgeCount[] {
      return [...counts.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([agency, count]) => ({ agency, ...count }));
    },
  };
}
