/**
 * A small log for replay tests, shaped like what the API appends: an agency, two tasks, a
 * back-dated completion report, a report typed just after midnight in Hà Nội (still the previous
 * day in UTC) and a reassignment, with Vietnamese text holding quotes, commas and a line break.
 */
import type { EventMetadata, EventStore, NewEvent } from '@chidao/event-store';

/** The server clock the store was opened with; the fixture moves it between appends. */
interface SettableClock {
  set(iso: string): void;
}

export class ManualClock implements SettableClock {
  private current: Date;

  constructor(iso = '2024-03-29T02:00:00.000Z') {
    this.current = new Date(iso);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }

  readonly now = (): Date => new Date(this.current);
}

export const FIXTURE_TITLE = 'Kế hoạch "chuyển đổi IPv6", giai đoạn 1\nvà giai đoạn 2';

const meta = (actor: string, agency: string | null, roles: string[], n: number): EventMetadata => ({
  actor,
  actorRoles: roles,
  agency,
  correlationId: `corr-${n}`,
  causationId: n > 1 ? `corr-${n - 1}` : null,
});

const event = (
  type: string,
  data: unknown,
  occurredOn: string,
  metadata: EventMetadata,
): NewEvent => ({ type, schemaVersion: 1, data, metadata, occurredOn });

/**
 * Positions, recorded Vietnam day (VN) and business day (occurredOn):
 * 1 agency-STTTT AgencyRegistered   VN 03-29  occ 03-29  admin-1 (no agency), parent UBND-TINH
 * 2 task-t1 TaskAssigned            VN 03-29  occ 03-29  leader-1 UBND-TINH, lead STTTT, support STC
 * 3 task-t1 TaskReceived            VN 03-31  occ 03-31  staff-1 STTTT (23:30 in Hà Nội)
 * 4 task-t1 TaskProgressReported    VN 04-01  occ 03-31  staff-2 STC (00:30 in Hà Nội, 03-31 UTC)
 * 5 task-t1 TaskCompletionReported  VN 04-02  occ 03-28  staff-1 STTTT (back-dated)
 * 6 task-t2 TaskAssigned            VN 04-02  occ 04-02  leader-1 UBND-TINH, lead SKHDT
 * 7 task-t2 TaskReassigned          VN 04-02  occ 04-02  leader-1 UBND-TINH, SKHDT → STC
 */
export async function appendReplayFixture(store: EventStore, clock: SettableClock): Promise<void> {
  clock.set('2024-03-29T02:00:00.000Z');
  await store.append('agency-STTTT', [
    event(
      'AgencyRegistered',
      {
        code: 'STTTT',
        name: 'Sở Thông tin và Truyền thông',
        parent: 'UBND-TINH',
        kind: 'department',
      },
      '2024-03-29',
      meta('admin-1', null, ['admin'], 1),
    ),
  ]);
  await store.append('task-t1', [
    event(
      'TaskAssigned',
      {
        taskId: 't1',
        directiveId: 'd1',
        directiveReference: '24/CTr-UBND',
        assigningAgency: 'UBND-TINH',
        title: FIXTURE_TITLE,
        leadAgency: 'STTTT',
        supportAgencies: ['STC'],
        deadline: '2024-09-30',
        keyTask: true,
        workProgrammeItem: true,
        leaderInCharge: null,
        assignedOn: '2024-03-29',
      },
      '2024-03-29',
      meta('leader-1', 'UBND-TINH', ['leader'], 2),
    ),
  ]);
  clock.set('2024-03-31T16:30:00.000Z');
  await store.append('task-t1', [
    event(
      'TaskReceived',
      { agency: 'STTTT' },
      '2024-03-31',
      meta('staff-1', 'STTTT', ['staff'], 3),
    ),
  ]);
  clock.set('2024-03-31T17:30:00.000Z');
  await store.append('task-t1', [
    event(
      'TaskProgressReported',
      {
        agency: 'STC',
        role: 'support',
        percent: 40,
        note: 'Đã phối hợp rà soát, "đạt" yêu cầu',
        documents: [],
      },
      '2024-03-31',
      meta('staff-2', 'STC', ['staff'], 4),
    ),
  ]);
  clock.set('2024-04-02T03:00:00.000Z');
  await store.append('task-t1', [
    event(
      'TaskCompletionReported',
      {
        agency: 'STTTT',
        completedOn: '2024-03-28',
        resultDocument: '32/KH-UBND',
        note: 'Báo cáo nhập muộn',
      },
      '2024-03-28',
      meta('staff-1', 'STTTT', ['staff'], 5),
    ),
  ]);
  await store.append('task-t2', [
    event(
      'TaskAssigned',
      {
        taskId: 't2',
        directiveId: 'd1',
        directiveReference: '24/CTr-UBND',
        assigningAgency: 'UBND-TINH',
        title: 'Đề án chính quyền số',
        leadAgency: 'SKHDT',
        supportAgencies: [],
        deadline: null,
        keyTask: false,
        workProgrammeItem: false,
        leaderInCharge: null,
        assignedOn: '2024-04-02',
      },
      '2024-04-02',
      meta('leader-1', 'UBND-TINH', ['leader'], 6),
    ),
    event(
      'TaskReassigned',
      {
        previousLeadAgency: 'SKHDT',
        leadAgency: 'STC',
        previousSupportAgencies: [],
        supportAgencies: [],
        reason: 'Đúng chức năng, nhiệm vụ',
      },
      '2024-04-02',
      meta('leader-1', 'UBND-TINH', ['leader'], 7),
    ),
  ]);
}
