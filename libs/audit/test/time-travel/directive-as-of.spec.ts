import { directiveAsOf } from '../../src/time-travel/directive-as-of';
import {
  appendInRecordedOrder,
  at,
  registerDirectiveEvents,
  revokeDirectiveEvents,
  STAFF_TTTT,
  storyEntries,
  TempLogs,
  TRACKER,
  type Log,
} from './support';

const D1 = '0b7c1f52-5d1e-4c43-9a4e-2f1d6c0e9a01';
const D2 = '0b7c1f52-5d1e-4c43-9a4e-2f1d6c0e9a02';

/**
 * Plan 45/KH-UBND (D1) with two tasks and plan 50/KH-UBND (D2) with one. On 20/06 one of D1's
 * tasks gets a completion back-dated to May, and D1 is revoked with a date of 30/05: a reader
 * on 03/06 (K1) saw an active plan with nothing done.
 */
describe('directiveAsOf', () => {
  const temp = new TempLogs();
  let log: Log;
  let scratchDir: string;
  const K1 = at('2024-06-03', '10:00');
  const LATE = at('2024-06-20', '09:00');
  const NOW = new Date(at('2024-07-01'));

  beforeAll(async () => {
    log = await temp.open();
    scratchDir = temp.dir();
    const registered = registerDirectiveEvents(D1, '45/KH-UBND', '2024-04-02');
    await log.append(at('2024-04-02'), `directive-${D1}`, registered, TRACKER);
    await log.append(
      at('2024-04-03'),
      `directive-${D2}`,
      registerDirectiveEvents(D2, '50/KH-UBND', '2024-04-03'),
      TRACKER,
    );
    const of = (directiveId: string, directiveReference: string) => ({
      leadAgency: 'STTTT',
      assignedOn: '2024-04-05',
      deadline: '2024-05-31',
      directiveId,
      directiveReference,
    });
    await appendInRecordedOrder(log, [
      ...storyEntries(
        {
          id: 'x1',
          ...of(D1, '45/KH-UBND'),
          completion: {
            completedOn: '2024-05-20',
            reportedOn: '2024-05-21',
            confirmedOn: '2024-05-22',
          },
        },
        STAFF_TTTT,
        { from: 2, at: LATE },
      ),
      ...storyEntries({ id: 'x2', ...of(D1, '45/KH-UBND'), leadAgency: 'STC' }, STAFF_TTTT),
      ...storyEntries(
        {
          id: 'y1',
          ...of(D2, '50/KH-UBND'),
          completion: {
            completedOn: '2024-05-02',
            reportedOn: '2024-05-03',
            confirmedOn: '2024-05-04',
          },
        },
        STAFF_TTTT,
      ),
    ]);
    await log.append(
      LATE,
      `directive-${D1}`,
      revokeDirectiveEvents(registered, '2024-05-30'),
      TRACKER,
    );
  });
  afterAll(() => temp.cleanup());

  it('at K: the plan active, its two tasks not done, the revocation and completion entered later', async () => {
    const seen = await directiveAsOf(log.store, D1, {
      asOf: '2024-05-31',
      knownAt: K1,
      now: NOW,
      scratchDir,
    });
    expect(seen).toMatchObject({
      directiveId: D1,
      asOf: '2024-05-31',
      knownAt: K1,
      state: { status: 'active', reference: { text: '45/KH-UBND' } },
      position: 1,
      laterBackdated: {
        count: 1,
        events: [expect.objectContaining({ type: 'DirectiveRevoked', occurredOn: '2024-05-30' })],
      },
    });
    expect(seen!.history.map((e) => e.type)).toEqual(['DirectiveRegistered']);
    expect(seen!.tasks.scope).toMatchObject({ total: 2, done: { total: 0 } });
    expect(seen!.tasks.groups.map((g) => [g.key, g.stats.total])).toEqual([
      ['STC', 1],
      ['STTTT', 1],
    ]);
  });

  it('as of the same day seen now: revoked, and one of its tasks done', async () => {
    const now = await directiveAsOf(log.store, D1, { asOf: '2024-05-31', now: NOW, scratchDir });
    expect(now).toMatchObject({
      state: { status: 'revoked', revokedReason: 'Văn bản đã được thay thế' },
      laterBackdated: { count: 0 },
    });
    expect(now!.history.map((e) => e.type)).toEqual(['DirectiveRegistered', 'DirectiveRevoked']);
    expect(now!.tasks.scope).toMatchObject({ total: 2, done: { total: 1, onTime: 1 } });
    expect(now!.tasks.position).toBe(await log.store.headPosition());
  });

  it('counts only its own tasks: the other plan has one, done', async () => {
    const other = await directiveAsOf(log.store, D2, { asOf: '2024-05-31', now: NOW, scratchDir });
    expect(other!.tasks.scope).toMatchObject({ total: 1, done: { total: 1 } });
  });

  it('answers null before it was entered, or for no such directive', async () => {
    expect(
      await directiveAsOf(log.store, D1, { knownAt: at('2024-04-01'), scratchDir }),
    ).toBeNull();
    expect(await directiveAsOf(log.store, 'no-such', { now: NOW, scratchDir })).toBeNull();
  });
});
