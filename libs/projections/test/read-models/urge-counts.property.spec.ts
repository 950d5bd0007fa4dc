import fc from 'fast-check';
import { ProjectionRunner } from '../../src/projection-runner';
import { urgeCounts, urgeCountsProjection, type UrgeCountDocument } from '../../src/read-models';
import { TempFiles } from '../support';
import {
  AGENCIES,
  appendHistories,
  day,
  DIRECTIVES,
  STEP_KINDS,
  type TaskSpec,
} from './task-histories';
import { countedFromLog, urgeHistoryOf, type ReminderPick } from './urge-histories';

const files = new TempFiles();
afterAll(() => files.cleanup());

/** Urges and reassignments drawn often, so agencies and days collect several of each. */
const WEIGHTS: Partial<Record<(typeof STEP_KINDS)[number], number>> = {
  urge: 8,
  reassign: 3,
  receive: 2,
};

const stepArb = fc.record({
  kind: fc.oneof(
    ...STEP_KINDS.map((kind) => ({ arbitrary: fc.constant(kind), weight: WEIGHTS[kind] ?? 1 })),
  ),
  gap: fc.integer({ min: 0, max: 6 }),
  pick: fc.nat({ max: 999 }),
});

const specArb = (id: string): fc.Arbitrary<TaskSpec> =>
  fc.record({
    id: fc.constant(id),
    directive: fc.nat({ max: DIRECTIVES.length - 1 }),
    title: fc.nat({ max: 2 }),
    lead: fc.nat({ max: AGENCIES.length - 1 }),
    supporters: fc.array(fc.nat({ max: AGENCIES.length - 1 }), { maxLength: 2 }),
    startDay: fc.integer({ min: 0, max: 60 }),
    deadlineDays: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 5 }),
    keyTask: fc.boolean(),
    leader: fc.option(fc.nat({ max: 1 }), { freq: 5 }),
    steps: fc.array(stepArb, { maxLength: 14 }),
  });

const picksArb: fc.Arbitrary<ReminderPick[]> = fc.array(
  fc.record({
    after: fc.nat({ max: 20 }),
    gap: fc.integer({ min: 0, max: 5 }),
    rule: fc.nat({ max: 6 }),
  }),
  { maxLength: 5 },
);

const logArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.tuple(specArb(`u${String(i).padStart(3, '0')}`), picksArb),
      ),
    ),
  );

const queryArb = fc.record({
  from: fc.integer({ min: -5, max: 150 }),
  span: fc.integer({ min: -2, max: 120 }),
  // undefined: every agency; [] counts nothing; one agency (an equality), or several (a list).
  agencies: fc.option(fc.subarray([...AGENCIES], { maxLength: 4 }), { freq: 3 }),
});

let run = 0;
/** What the answers held, over every run: the property must not pass on empty answers. */
const seen = { manual: 0, automatic: 0, agencies: 0 };

describe('urge_counts read model against the domain counter over the log', () => {
  it('urgeCounts gives what createUrgeCounter gives, whatever the batches and the period', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        fc.array(queryArb, { minLength: 3, maxLength: 8 }),
        fc.nat(),
        async (tasks, queries, splitSeed) => {
          run += 1;
          const stores = await files.open(files.file(`urges-${run}.db`));
          const histories = tasks.map(([spec, picks]) => urgeHistoryOf(spec, picks));
          const head = await appendHistories(stores.eventStore, histories, {
            split: (h) => (splitSeed + h.events.length * 5) % (h.events.length + 1),
            perAppend: 7,
          });
          const runner = new ProjectionRunner(urgeCountsProjection, stores.domain, {
            batchSize: 1 + (splitSeed % 17),
          }).start();
          await runner.waitFor(head);
          await runner.stop();
          const documents = stores.readStore.documents<UrgeCountDocument>('urge_counts');

          for (const q of queries) {
            const query = {
              from: day(q.from),
              to: day(q.from + q.span),
              agencies: q.agencies === null ? undefined : new Set(q.agencies),
            };
            const answer = await urgeCounts(documents, query);
            expect(answer).toEqual(await countedFromLog(stores.eventStore, query));
            for (const row of answer) {
              seen.manual += row.manual;
              seen.automatic += row.automatic;
            }
            seen.agencies = Math.max(seen.agencies, answer.length);
          }
        },
      ),
      { numRuns: 30, seed: 20240618, endOnFailure: true },
    );
    expect(seen.manual).toBeGreaterThan(100);
    expect(seen.automatic).toBeGreaterThan(100);
    expect(seen.agencies).toBeGreaterThanOrEqual(4);
  });
});
