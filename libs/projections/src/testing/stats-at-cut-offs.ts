import { addDays, type CalendarDate, type StatsGroupBy, type TaskTimeline } from '@chidao/domain';
import { completionStats } from '../read-models/completion-stats.query';
import type { ReadModelStore } from '../read-model-store.port';

/** A statistics query as reports ask it: tasks assigned from the first day up to `asOf`. */
export interface StatsCutOff {
  /** Days after the first day. */
  readonly asOf: number;
  readonly groupBy?: StatsGroupBy;
  readonly leadAgencies?: readonly string[];
}

/** The first day of the tests' task histories. */
const FIRST_DAY = '2024-01-01' as CalendarDate;

/** Completion statistics of the `tasks` read model at each cut-off, as JSON: what reports quote. */
export async function statsAtCutOffs(
  store: ReadModelStore,
  cutOffs: readonly StatsCutOff[],
): Promise<string[]> {
  const tasks = store.documents<TaskTimeline>('tasks');
  const out: string[] = [];
  for (const q of cutOffs) {
    const stats = await completionStats(tasks, {
      from: FIRST_DAY,
      to: addDays(FIRST_DAY, q.asOf),
      asOf: addDays(FIRST_DAY, q.asOf),
      groupBy: q.groupBy,
      leadAgencies: q.leadAgencies,
    });
    out.push(JSON.stringify(stats));
  }
  return out;
}
