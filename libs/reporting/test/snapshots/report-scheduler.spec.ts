import type { ReportPeriod } from '../../src/report.types';
import {
  claimStreamOf,
  cutoffInstant,
  ReportScheduler,
  scheduledReportId,
  type ReportSchedule,
} from '../../src/snapshots/report-scheduler';
import { takeSnapshot } from '../../src/snapshots/take-snapshot';
import { appendStories, PROVINCE_SCOPE, TempFiles, type Stores } from './support';

const MONTHLY: ReportSchedule = {
  id: 'monthly',
  type: 'month',
  convention: 'calendar',
  cutoffDay: null,
  at: '23:59',
  startsOn: '2024-01-01',
  scope: PROVINCE_SCOPE,
};

/** 23:59 Vietnam time on the day is 16:59 UTC. */
const at = (iso: string) => new Date(iso);

describe('ReportScheduler', () => {
  const temp = new TempFiles();
  let s: Stores;
  let clock: { now: Date };
  const taken: string[] = [];

  const scheduler = (options: { failOn?: string } = {}) =>
    new ReportScheduler({
      schedules: [MONTHLY],
      clock: { now: () => clock.now },
      claims: s.eventStore,
      snapshots: s.snapshots,
      take: async (period: ReportPeriod, schedule, reportId) => {
        if (options.failOn === period.id) throw new Error(`process died taking ${period.id}`);
        taken.push(period.id);
        await takeSnapshot(
          { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
          {
            id: reportId,
            period,
            scope: schedule.scope,
            takenBy: { userId: 'system:report-scheduler', displayName: null },
            trigger: schedule.id,
            now: clock.now,
          },
        );
      },
    });

  const snapshotPeriods = async () =>
    (await s.snapshots.list({ limit: 200 })).items.map((i) => i.periodId).sort();

  beforeEach(async () => {
    taken.length = 0;
    s = await temp.open();
    await appendStories(s.eventStore, [
      { id: 't1', leadAgency: 'SO-TC', assignedOn: '2024-01-10', deadline: '2024-02-10' },
    ]);
    await s.project();
    clock = { now: at('2024-01-31T16:58:59.000Z') };
  });
  afterEach(() => temp.cleanup());

  it('computes the cut-off instant in Vietnam time', () => {
    expect(cutoffInstant({ end: '2024-01-31' }, '23:59').toISOString()).toBe(
      '2024-01-31T16:59:00.000Z',
    );
    expect(cutoffInstant({ end: '2024-02-01' }, '00:30').toISOString()).toBe(
      '2024-01-31T17:30:00.000Z',
    );
  });

  it('takes each period once, at its cut-off, across a restart', async () => {
    const first = scheduler();
    expect(await first.tick(clock.now)).toEqual([]);
    clock.now = at('2024-01-31T16:59:00.000Z');
    expect(await first.tick(clock.now)).toEqual([
      {
        scheduleId: 'monthly',
        periodId: '2024-M01',
        reportId: 'scheduled-monthly-2024-M01',
        result: 'taken',
      },
    ]);
    expect(await first.tick(clock.now)).toEqual([]);

    // "Restart": a new instance on the same stores.
    const second = scheduler();
    expect(await second.tick(clock.now)).toEqual([
      expect.objectContaining({ periodId: '2024-M01', result: 'already_done' }),
    ]);
    expect(taken).toEqual(['2024-M01']);
    expect(await snapshotPeriods()).toEqual(['2024-M01']);
    const snapshot = await s.snapshots.get(scheduledReportId('monthly', '2024-M01'));
    expect(snapshot).toMatchObject({ trigger: 'monthly', takenAt: '2024-01-31T16:59:00.000Z' });
    expect(await s.eventStore.readStream(claimStreamOf('monthly', '2024-M01'))).toEqual([
      expect.objectContaining({
        type: 'ScheduledReportClaimed',
        data: {
          scheduleId: 'monthly',
          periodId: '2024-M01',
          reportId: 'scheduled-monthly-2024-M01',
        },
      }),
    ]);
  });

  it('takes exactly one snapshot per period with two schedulers ticking at once', async () => {
    clock.now = at('2024-04-30T17:00:00.000Z');
    const [a, b] = await Promise.all([scheduler().tick(clock.now), scheduler().tick(clock.now)]);
    expect([...a, ...b].filter((o) => o.result === 'failed')).toEqual([]);
    expect(await snapshotPeriods()).toEqual(['2024-M01', '2024-M02', '2024-M03', '2024-M04']);
    for (const period of ['2024-M01', '2024-M02', '2024-M03', '2024-M04']) {
      expect(await s.eventStore.streamVersion(claimStreamOf('monthly', period))).toBe(1);
    }
  });

  it('catches up missed periods in order after downtime', async () => {
    clock.now = at('2024-05-15T03:00:00.000Z');
    const outcomes = await scheduler().tick(clock.now);
    expect(outcomes.map((o) => [o.periodId, o.result])).toEqual([
      ['2024-M01', 'taken'],
      ['2024-M02', 'taken'],
      ['2024-M03', 'taken'],
      ['2024-M04', 'taken'],
    ]);
    expect(taken).toEqual(['2024-M01', '2024-M02', '2024-M03', '2024-M04']);
    // Ordered claims: positions increase with the period.
    const positions = [];
    for (const p of taken) {
      positions.push((await s.eventStore.readStream(claimStreamOf('monthly', p)))[0].position);
    }
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('finishes a claimed-but-unsaved snapshot on the next tick, with the claimed id', async () => {
    clock.now = at('2024-02-29T17:00:00.000Z');
    const dying = await scheduler({ failOn: '2024-M02' }).tick(clock.now);
    expect(dying.map((o) => [o.periodId, o.result])).toEqual([
      ['2024-M01', 'taken'],
      ['2024-M02', 'failed'],
    ]);
    expect(await s.eventStore.streamVersion(claimStreamOf('monthly', '2024-M02'))).toBe(1);
    expect(await snapshotPeriods()).toEqual(['2024-M01']);

    const next = await scheduler().tick(clock.now);
    expect(next.map((o) => [o.periodId, o.result])).toEqual([
      ['2024-M01', 'already_done'],
      ['2024-M02', 'taken'],
    ]);
    expect(await s.snapshots.get('scheduled-monthly-2024-M02')).not.toBeNull();
    expect(await snapshotPeriods()).toEqual(['2024-M01', '2024-M02']);
  });

  it('follows the nd09 cut-off day (the 14th) of its periods', async () => {
    const nd09 = new ReportScheduler({
      schedules: [{ ...MONTHLY, id: 'nd09-monthly', convention: 'nd09', cutoffDay: 14 }],
      clock: { now: () => clock.now },
      claims: s.eventStore,
      snapshots: s.snapshots,
      take: (period) => {
        taken.push(`${period.id} ${period.start}..${period.end}`);
        return Promise.resolve();
      },
    });
    // 14/3 at 23:59 Vietnam time is 16:59 UTC: March is not due a minute before.
    await nd09.tick(at('2024-03-14T16:58:00.000Z'));
    expect(taken).toEqual(['2024-M01 2023-12-15..2024-01-14', '2024-M02 2024-01-15..2024-02-14']);
    await nd09.tick(at('2024-03-14T16:59:00.000Z'));
    expect(taken).toHaveLength(3);
    expect(taken[2]).toBe('2024-M03 2024-02-15..2024-03-14');
  });

  it('sleeps until the next cut-off, at most an hour', () => {
    const sched = scheduler();
    expect(sched.nextWakeDelay(at('2024-01-31T16:58:00.000Z'))).toBe(60_000);
    expect(sched.nextWakeDelay(at('2024-01-15T00:00:00.000Z'))).toBe(3_600_000);
  });
});
