import fc from 'fast-check';
import { addDays, calendarDate } from '@chidao/domain';
import type { TaskStory } from '@chidao/projections/testing';
import { completionStatsKnownAt } from '../../src/time-travel/stats-known-at';
import {
  appendInRecordedOrder,
  at,
  STAFF_TTTT,
  storyEntries,
  TempLogs,
  type Entry,
  type Log,
} from './support';

const QUARTER = { from: '2024-04-01', to: '2024-06-30', asOf: '2024-05-31' } as const;

/** The figures both paths give, without the fields only one of them has. */
const figures = (r: { asOf: string; groupBy: unknown; scope: unknown; groups: unknown }) => ({
  asOf: r.asOf,
  groupBy: r.groupBy,
  scope: r.scope,
  groups: r.groups,
});

/**
 * Four tasks of Q2: t1 done on time and t2 not done as of 31/05 when a report was taken on 03/06
 * (K1); on 20/06 t2's completion is entered back-dated to 10–14/05, so as of 31/05 it is now done
 * on time too. t3 (STC) is within its deadline, t4 (STC, another directive) was done late.
 */
describe('completionStatsKnownAt', () => {
  const temp = new TempLogs();
  let log: Log;
  let scratchDir: string;
  const K1 = at('2024-06-03', '10:00');
  const LATE = at('2024-06-20', '09:00');

  const story = (id: string, over: Partial<TaskStory>): TaskStory => ({
    id,
    leadAgency: 'STTTT',
    assignedOn: '2024-04-05',
    deadline: '2024-05-31',
    directiveId: 'd1',
    directiveReference: '45/KH-UBND',
    ...over,
  });

  beforeAll(async () => {
    log = await temp.open();
    scratchDir = temp.dir();
    await appendInRecordedOrder(log, [
      ...storyEntries(
        story('t1', {
          completion: {
            completedOn: '2024-05-20',
            reportedOn: '2024-05-21',
            confirmedOn: '2024-05-22',
          },
        }),
        STAFF_TTTT,
      ),
      ...storyEntries(
        story('t2', {
          deadline: '2024-05-15',
          completion: {
            completedOn: '2024-05-10',
            reportedOn: '2024-05-12',
            confirmedOn: '2024-05-14',
          },
        }),
        STAFF_TTTT,
        { from: 2, at: LATE },
      ),
      ...storyEntries(
        story('t3', { leadAgency: 'STC', assignedOn: '2024-04-10', deadline: '2024-06-30' }),
        STAFF_TTTT,
      ),
      ...storyEntries(
        story('t4', {
          leadAgency: 'STC',
          assignedOn: '2024-04-12',
          deadline: '2024-05-01',
          directiveId: 'd2',
          directiveReference: '50/KH-UBND',
          completion: {
            completedOn: '2024-05-05',
            reportedOn: '2024-05-06',
            confirmedOn: '2024-05-07',
          },
        }),
        STAFF_TTTT,
      ),
    ]);
  });
  afterAll(() => temp.cleanup());

  it('known now, equals the live statistics', async () => {
    const query = { ...QUARTER, groupBy: 'agency' as const };
    const known = await completionStatsKnownAt(
      log.store,
      { ...query, knownAt: at('2024-07-01') },
      { scratchDir },
    );
    const live = await temp.liveStats(log.store, query);
    expect(figures(known)).toEqual(figures(live));
    expect(known.position).toBe(live.position);
    expect(known.position).toBe(await log.store.headPosition());
    expect(known.eventsReplayed).toBe(known.position);
    expect(known.scope.done).toEqual({ total: 3, onTime: 2, late: 1, noDeadline: 0 });
  });

  it('known at K, gives the figures a report saw then, as a log cut at K would', async () => {
    const known = await completionStatsKnownAt(
      log.store,
      { ...QUARTER, groupBy: 'agency', knownAt: K1 },
      { scratchDir },
    );
    const truncated = await temp.truncatedCopy(log.store, K1);
    const live = await temp.liveStats(truncated, { ...QUARTER, groupBy: 'agency' });
    expect(figures(known)).toEqual(figures(live));
    expect(known).toMatchObject({ knownAt: K1, position: await truncated.headPosition() });
    expect(known.scope.done).toEqual({ total: 2, onTime: 1, late: 1, noDeadline: 0 });
    expect(known.scope.notDone).toMatchObject({ total: 2, withinDeadline: 1, overdue: 1 });
    expect(known.groups.find((g) => g.key === 'STTTT')!.stats.summaryVi).toBe(
      'Tiếp nhận 2 nhiệm vụ; hoàn thành 1/2 nhiệm vụ, đạt 50%; 1 nhiệm vụ quá hạn chưa hoàn thành; nhiệm vụ đến hạn đã hoàn thành đạt 50%',
    );
  });

  it('for one directive, replays only its tasks and counts only them', async () => {
    const known = await completionStatsKnownAt(
      log.store,
      { ...QUARTER, directiveId: 'd1', knownAt: K1 },
      { scratchDir },
    );
    const all = await completionStatsKnownAt(
      log.store,
      { ...QUARTER, knownAt: K1 },
      { scratchDir },
    );
    expect(known.scope.total).toBe(3);
    expect(known.eventsReplayed).toBeLessThan(all.eventsReplayed);
    expect(known.position).toBe(all.position);
    const truncated = await temp.truncatedCopy(log.store, K1);
    expect(figures(known)).toEqual(
      figures(await temp.liveStats(truncated, { ...QUARTER, directiveId: 'd1' })),
    );
  });

  it('known before anything was entered, counts nothing', async () => {
    const known = await completionStatsKnownAt(
      log.store,
      { ...QUARTER, knownAt: at('2024-04-01') },
      { scratchDir },
    );
    expect(known).toMatchObject({ position: 0, eventsReplayed: 0, scope: { total: 0 } });
  });
});

/**
 * For random histories entered with random delays (some completions weeks after their dates),
 * the statistics known at a random K equal the live statistics of a log holding only the events
 * recorded ≤ K: filtering the replay is the same as cutting the log.
 */
describe('completionStatsKnownAt, property', () => {
  const temp = new TempLogs();
  afterAll(() => temp.cleanup());

  const START = calendarDate('2024-03-01');
  const day = (offset: number) => addDays(START, offset);

  const taskArb = fc.record({
    assigned: fc.integer({ min: 0, max: 60 }),
    deadlineAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    lead: fc.constantFrom('STTTT', 'STC', 'SKHDT'),
    completion: fc.option(
      fc.record({
        doneAfter: fc.integer({ min: 0, max: 60 }),
        reportAfter: fc.integer({ min: 0, max: 10 }),
        confirmAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      }),
      { nil: null },
    ),
    // Days between a business date and its entry, per event (back-dated entries are common).
    delays: fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 4, maxLength: 4 }),
  });

  it('stats known at K = live stats of the log cut at K', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(taskArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 150 }),
        fc.constantFrom('agency', 'month', undefined),
        async (tasks, knownOffset, asOfOffset, groupBy) => {
          const log = await temp.open();
          const entries: Entry[] = [];
          tasks.forEach((t, i) => {
            const assignedOn = day(t.assigned);
            const completedOn = t.completion ? day(t.assigned + t.completion.doneAfter) : null;
            const reportedOn = t.completion
              ? day(t.assigned + t.completion.doneAfter + t.completion.reportAfter)
              : null;
            const s: TaskStory = {
              id: `p${i}`,
              leadAgency: t.lead,
              assignedOn,
              deadline: t.deadlineAfter === null ? null : day(t.assigned + t.deadlineAfter),
              completion:
                t.completion && completedOn && reportedOn
                  ? {
                      completedOn,
                      reportedOn,
                      confirmedOn:
                        t.completion.confirmAfter === null
                          ? undefined
                          : addDays(reportedOn, t.completion.confirmAfter),
                    }
                  : undefined,
            };
            // Each event entered `delay` days after its date, never before the previous one.
            let previous = '';
            storyEntries(s, STAFF_TTTT).forEach((entry, j) => {
              const dated = calendarDate(entry.event.occurredOn);
              const planned = at(addDays(dated, t.delays[j]), '10:00');
              const recordedAt = planned > previous ? planned : previous;
              previous = recordedAt;
              entries.push({ ...entry, recordedAt });
            });
          });
          await appendInRecordedOrder(log, entries);

          const knownAt = at(day(knownOffset), '23:00');
          const query = { from: '2024-03-01', to: '2024-12-31', asOf: day(asOfOffset), groupBy };
          const known = await completionStatsKnownAt(
            log.store,
            { ...query, knownAt },
            { scratchDir: temp.dir(), batchSize: 7 },
          );
          const cut = await temp.truncatedCopy(log.store, knownAt);
          const live = await temp.liveStats(cut, query);
          expect(figures(known)).toEqual(figures(live));
          // Appended in recorded order: the events known at K are the first positions.
          expect(known.position).toBe(entries.filter((e) => e.recordedAt <= knownAt).length);
        },
      ),
      { numRuns: 25 },
    );
  });
});
