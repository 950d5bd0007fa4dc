import type { DomainEvent } from '@chidao/domain';
import { lateEntries } from '../../src/time-travel/late-entries';
import {
  appendInRecordedOrder,
  at,
  by,
  registerDirectiveEvents,
  STAFF_TTTT,
  storyEvents,
  TempLogs,
  TRACKER,
  type Entry,
  type Log,
} from './support';

const STAFF_TC = by('user-staff-tc', 'STC');
const ADMIN = by('user-admin', null);
const URGER = by('system:urger', null);
const D = '5f0e8d4c-0000-4000-8000-000000000001';

const raw = (type: string, occurredOn: string): DomainEvent => ({
  type,
  schemaVersion: 1,
  data: {},
  occurredOn,
});

/**
 * May 2024, threshold 7 days. Lags (business date → Vietnam day of entry):
 * - l1 (STTTT): assigned 0 (UBND-TINH), received 7 (STTTT: on the threshold, not late),
 *   completion reported 31 (STTTT, entered 01:00 on 10/06 in Hà Nội, still 09/06 in UTC),
 *   confirmed 29 (UBND-TINH);
 * - l2 (STC): assigned 0 (UBND-TINH), received 17 (STC), urged by the system 6;
 * - directive D registered by an administrator without agency, 11 days late;
 * - not counted: l3, dated in April; D's directive-key stream; an agency stream.
 */
describe('lateEntries', () => {
  const temp = new TempLogs();
  let log: Log;
  const MAY = { from: '2024-05-01', to: '2024-05-31', thresholdDays: 7 } as const;

  beforeAll(async () => {
    log = await temp.open();
    const [l1Assigned, l1Received, l1Reported, l1Confirmed] = storyEvents({
      id: 'l1',
      leadAgency: 'STTTT',
      assignedOn: '2024-05-02',
      deadline: '2024-06-30',
      completion: {
        completedOn: '2024-05-09',
        reportedOn: '2024-05-10',
        confirmedOn: '2024-05-12',
      },
    });
    const [l2Assigned, l2Received] = storyEvents({
      id: 'l2',
      leadAgency: 'STC',
      assignedOn: '2024-05-03',
      deadline: '2024-06-30',
    });
    const [l3Assigned, l3Received] = storyEvents({
      id: 'l3',
      leadAgency: 'STC',
      assignedOn: '2024-04-20',
      deadline: '2024-06-30',
    });
    const entry = (
      streamId: string,
      event: DomainEvent,
      recordedAt: string,
      metadata = TRACKER,
    ): Entry => ({ streamId, event, recordedAt, metadata });
    await appendInRecordedOrder(log, [
      entry('task-l1', l1Assigned, at('2024-05-02', '09:00')),
      entry('task-l1', l1Received, at('2024-05-09', '09:00'), STAFF_TTTT),
      entry('task-l1', l1Reported, '2024-06-09T18:00:00.000Z', STAFF_TTTT),
      entry('task-l1', l1Confirmed, at('2024-06-10', '10:00')),
      entry('task-l2', l2Assigned, at('2024-05-03', '09:00')),
      entry('task-l2', l2Received, at('2024-05-20', '09:00'), STAFF_TC),
      entry('task-l2', raw('TaskUrged', '2024-05-15'), at('2024-05-21', '00:30'), URGER),
      entry('task-l3', l3Assigned, at('2024-05-25', '09:00')),
      entry('task-l3', l3Received, at('2024-05-25', '10:00'), STAFF_TC),
      entry(
        `directive-${D}`,
        registerDirectiveEvents(D, '45/KH-UBND', '2024-05-05')[0],
        at('2024-05-16'),
        ADMIN,
      ),
      entry(
        `directive-key-ubnd|45-kh-ubnd`,
        raw('DirectiveReferenceReserved', '2024-05-05'),
        at('2024-05-16'),
        ADMIN,
      ),
      entry('agency-STTTT', raw('AgencyRenamed', '2024-05-06'), at('2024-05-30'), ADMIN),
      // A list imported in June brings May's history: counted apart, in no group.
      entry('task-l4', raw('TaskAssigned', '2024-05-06'), at('2024-06-20'), {
        ...TRACKER,
        imported: { importId: 'imp-1', sha256: 'ab'.repeat(32), sheet: 'DS', row: 7 },
      }),
    ]);
  });
  afterAll(() => temp.cleanup());

  it('counts entries and late entries per agency that entered them, with shares and lags', async () => {
    const report = await lateEntries(log.store, MAY);
    expect(report).toMatchObject({ ...MAY, position: 13 });
    expect(report.totals).toMatchObject({
      entries: 8,
      lateEntries: 4,
      share: { numerator: 4, denominator: 8, display: '50%' },
      maxLagDays: 31,
      meanLateLagDays: 22,
    });
    expect(report.totals.byType).toEqual({
      DirectiveRegistered: { entries: 1, lateEntries: 1 },
      TaskAssigned: { entries: 2, lateEntries: 0 },
      TaskCompletionConfirmed: { entries: 1, lateEntries: 1 },
      TaskCompletionReported: { entries: 1, lateEntries: 1 },
      TaskReceived: { entries: 2, lateEntries: 1 },
      TaskUrged: { entries: 1, lateEntries: 0 },
    });
    expect(
      report.agencies.map((a) => [
        a.agency,
        a.entries,
        a.lateEntries,
        a.share.display,
        a.maxLagDays,
        a.meanLateLagDays,
      ]),
    ).toEqual([
      ['STC', 1, 1, '100%', 17, 17],
      ['STTTT', 2, 1, '50%', 31, 31],
      ['UBND-TINH', 3, 1, '33,33%', 29, 29],
    ]);
    expect(report.system).toMatchObject({
      entries: 1,
      lateEntries: 0,
      maxLagDays: 6,
      meanLateLagDays: null,
    });
    expect(report.system.share.display).toBe('0%');
    expect(report.withoutAgency).toMatchObject({ entries: 1, lateEntries: 1, maxLagDays: 11 });
    expect(report.imported).toMatchObject({ entries: 1, lateEntries: 1, maxLagDays: 45 });
    expect(report.agencies[1].summaryVi).toBe(
      'Đơn vị STTTT: 1/2 lượt nhập liệu chậm quá 7 ngày so với ngày nghiệp vụ (50%), chậm nhất 31 ngày',
    );
  });

  it('lists each late entry with task, type, dates, lag and who entered it, in log order', async () => {
    const report = await lateEntries(log.store, MAY);
    expect(report.totals.late.entries.map((e) => [e.type, e.lagDays])).toEqual([
      ['DirectiveRegistered', 11],
      ['TaskReceived', 17],
      ['TaskCompletionReported', 31],
      ['TaskCompletionConfirmed', 29],
    ]);
    expect(report.agencies[1].late).toEqual({
      truncated: false,
      entries: [
        {
          position: expect.any(Number),
          streamId: 'task-l1',
          taskId: 'l1',
          directiveId: null,
          type: 'TaskCompletionReported',
          occurredOn: '2024-05-10',
          recordedAt: '2024-06-09T18:00:00.000Z',
          lagDays: 31,
          actor: 'user-staff-tttt',
          agency: 'STTTT',
        },
      ],
    });
    expect(report.withoutAgency.late.entries[0]).toMatchObject({ taskId: null, directiveId: D });
  });

  it('keeps lists to listLimit and says so, counting everything still', async () => {
    const report = await lateEntries(log.store, { ...MAY, listLimit: 2 });
    expect(report.totals.lateEntries).toBe(4);
    expect(report.totals.late).toMatchObject({ truncated: true });
    expect(report.totals.late.entries).toHaveLength(2);
  });

  it('gives the same answer whatever the batch size it streams the log in', async () => {
    expect(await lateEntries(log.store, { ...MAY, batchSize: 1 })).toEqual(
      await lateEntries(log.store, MAY),
    );
  });

  it('moves with the threshold: an entry is late only past it', async () => {
    expect((await lateEntries(log.store, { ...MAY, thresholdDays: 6 })).totals.lateEntries).toBe(5);
    expect((await lateEntries(log.store, { ...MAY, thresholdDays: 30 })).totals.lateEntries).toBe(
      1,
    );
  });

  it('narrows to chosen agencies, leaving the system and agency-less entries out', async () => {
    const report = await lateEntries(log.store, { ...MAY, agencies: ['STTTT', 'STC'] });
    expect(report.agencies.map((a) => a.agency)).toEqual(['STC', 'STTTT']);
    expect(report.totals).toMatchObject({ entries: 3, lateEntries: 2 });
    expect(report.system.entries).toBe(0);
    expect(report.withoutAgency.entries).toBe(0);
  });

  it('takes entries by business date: April work entered in May belongs to April', async () => {
    const april = await lateEntries(log.store, { ...MAY, from: '2024-04-01', to: '2024-04-30' });
    expect(april.totals).toMatchObject({ entries: 2, lateEntries: 2, maxLagDays: 35 });
  });
});
