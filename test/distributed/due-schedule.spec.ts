/**
 * The three-process test's scheduled snapshot must never depend on the day it runs: for a start
 * at midnight, just before it and at noon on every day from late 2023 to early 2025 (month ends, a
 * 29 February, New Year), the real scheduler, on its own clock, finds exactly the chosen period
 * due at the start and a quarter of an hour later, and no cut-off for at least a day.
 */
import { addDays, calendarDate } from '@chidao/domain';
import { openEventStore, type EventStore } from '@chidao/event-store';
import { ReportScheduler, SqliteSnapshotStore } from '@chidao/reporting';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dueSchedule } from './support/due-schedule';

const DAY_MS = 24 * 3600 * 1000;
/** Longer than the three-process suite takes from start to its scheduled-snapshot test. */
const TEST_MS = 15 * 60 * 1000;
const TIMES = ['00:00:00.000', '12:00:00.000', '23:59:59.999'];

describe('the schedule the three-process test writes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-due-'));
  let claims: EventStore;
  let snapshots: SqliteSnapshotStore;

  beforeAll(async () => {
    claims = await openEventStore({ kind: 'sqlite', path: path.join(dir, 'events.sqlite') });
    snapshots = SqliteSnapshotStore.open({ path: path.join(dir, 'read.sqlite') });
  });
  afterAll(async () => {
    await claims?.close();
    await snapshots?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The periods a scheduler started at `now` takes on its first tick (a fresh process). */
  const takenAt = async (due: ReturnType<typeof dueSchedule>, now: Date) => {
    const scheduler = new ReportScheduler({
      schedules: [
        {
          id: due.scheduleId,
          type: 'month',
          convention: 'nd09',
          cutoffDay: due.cutoffDay,
          at: due.env.CHIDAO_REPORT_AT,
          startsOn: due.startsOn,
          scope: {
            agency: null,
            includeUnits: true,
            directive: null,
            agencyName: null,
            directiveReference: null,
          },
        },
      ],
      clock: { now: () => now },
      claims,
      snapshots,
      take: () => Promise.resolve(),
      maxSleepMs: 40 * DAY_MS,
    });
    const outcomes = await scheduler.tick();
    return { periods: outcomes.map((o) => o.periodId), nextCutoffMs: scheduler.nextWakeDelay(now) };
  };

  it('has exactly one period due throughout the test, whatever the day and time it starts', async () => {
    for (let day = calendarDate('2023-12-20'); day <= '2025-01-10'; day = addDays(day, 1)) {
      for (const time of TIMES) {
        const start = new Date(`${day}T${time}+07:00`);
        const due = dueSchedule(start);
        for (const now of [start, new Date(start.getTime() + TEST_MS)]) {
          const { periods, nextCutoffMs } = await takenAt(due, now);
          expect({ now, periods }).toEqual({ now, periods: [due.periodId] });
          expect(nextCutoffMs).toBeGreaterThanOrEqual(DAY_MS - TEST_MS);
        }
      }
    }
  });
});
