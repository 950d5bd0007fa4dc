import { EVENT_SCHEMA_VERSIONS, type ChidaoEvent, type ChidaoEventType } from '@chidao/domain';
import { codesIn } from '../../../../test/browser/support/words-not-codes';
import {
  describeEvent,
  eventTypeLabel,
  hasSentenceFor,
  namesFrom,
  NO_NAMES,
} from '../../src/words';

const USER = '6b1f3c1e-2a4b-4c3d-9e8f-0a1b2c3d4e5f';
const names = namesFrom(
  { STC: 'Sở Tài chính', SYT: 'Sở Y tế', UBND: 'UBND tỉnh', SNV: 'Sở Nội vụ' },
  { [USER]: { name: 'Nguyễn Văn An', agency: 'STC' } },
);
const TASK = 'a1b2c3d4-0000-4000-8000-000000000001';
const DIRECTIVE = 'a1b2c3d4-0000-4000-8000-000000000002';

/** One event of each type of the catalogue, as the log holds it (current schema versions). */
const SAMPLES: { readonly [T in ChidaoEventType]: Extract<ChidaoEvent, { type: T }>['data'] } = {
  TaskAssigned: {
    taskId: TASK,
    directiveId: DIRECTIVE,
    directiveReference: '24/CTr-UBND',
    assigningAgency: 'UBND',
    title: 'Số hóa hồ sơ',
    leadAgency: 'STC',
    supportAgencies: ['SYT'],
    deadline: '2027-01-31',
    keyTask: true,
    workProgrammeItem: false,
    leaderInCharge: 'Phó Chủ tịch Trần Bình',
    assignedOn: '2026-01-05',
  },
  TaskReceived: { agency: 'STC' },
  TaskRefused: { agency: 'STC', reason: 'Không đúng chức năng' },
  TaskReassigned: {
    from: { leadAgency: 'STC', supportAgencies: [] },
    to: { leadAgency: 'SYT', supportAgencies: ['SNV'] },
    reason: 'Đúng chức năng hơn',
  },
  TaskProgressReported: {
    agency: 'STC',
    role: 'lead',
    percent: 40,
    note: 'Đã khảo sát',
    documents: [],
  },
  TaskDeadlineChangeRequested: {
    requestId: 'r1',
    kind: 'extension',
    agency: 'STC',
    currentDeadline: '2027-01-31',
    proposedDeadline: '2027-02-28',
    reason: 'Chờ kinh phí',
  },
  TaskDeadlineChangeApproved: {
    requestId: 'r1',
    kind: 'extension',
    previousDeadline: '2027-01-31',
    newDeadline: '2027-02-28',
  },
  TaskDeadlineChangeRejected: { requestId: 'r1', kind: 'extension', reason: 'Không có căn cứ' },
  TaskCompletionReported: {
    agency: 'STC',
    completedOn: '2027-02-20',
    resultDocument: '15/BC-STC',
    note: null,
  },
  TaskCompletionConfirmed: {
    completedOn: '2027-02-20',
    resultDocument: '15/BC-STC',
    deadlineInForce: '2027-02-28',
    onTime: true,
  },
  TaskCompletionReturned: {
    reason: 'Thiếu phụ lục',
    completedOn: '2027-02-20',
    resultDocument: '15/BC-STC',
  },
  TaskUrged: { kind: 'overdue', message: 'Đề nghị báo cáo ngay', leadAgency: 'STC' },
  TaskReminderIssued: {
    rule: 'overdue',
    occurrence: '2027-01-31#2',
    runId: '0b5c2f4e-8f1a-4c6b-9d3e-2a7f1c9e4b10',
    leadAgency: 'STC',
    days: 8,
    audience: ['lead_agency'],
    recipients: [{ userId: 'u-stc', channels: ['email', 'in_app'] }],
    text: 'Nhiệm vụ quá hạn 8 ngày (thời hạn 31/01/2027).',
  },
  TaskPutOnHold: { reason: 'Chờ chủ trương', statusBeforeHold: 'in_progress' },
  TaskResumed: {
    restoredStatus: 'in_progress',
    previousDeadline: '2027-01-31',
    deadline: '2027-03-15',
    deadlineChanged: true,
  },
  TaskCancelled: { reason: 'Không còn phù hợp', previousStatus: 'in_progress' },
  TaskWithdrawn: { requestId: 'r2', reason: 'Trùng nhiệm vụ', previousStatus: 'in_progress' },
  DirectiveRegistered: {
    directiveId: DIRECTIVE,
    reference: {
      text: '24/CTr-UBND',
      number: 24,
      numberText: '24',
      year: null,
      typeCode: 'CTr',
      issuerCode: 'UBND',
      symbol: 'CTr-UBND',
    } as never,
    kind: 'programme',
    issuedOn: '2026-01-02',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Chương trình công tác năm 2026',
    summary: null,
    programmeYear: 2026,
    documentKey: 'k',
    assigningAgency: 'UBND',
  },
  DirectiveDetailsCorrected: {
    directiveId: DIRECTIVE,
    title: 'Chương trình công tác năm 2026 (sửa)',
    summary: null,
    changed: ['title'],
  },
  DirectiveRevoked: { directiveId: DIRECTIVE, reason: 'Ban hành văn bản thay thế' },
  DirectiveWithdrawn: { directiveId: DIRECTIVE, reason: 'Đăng ký nhầm' },
  DirectiveReferenceReserved: { documentKey: 'k', directiveId: DIRECTIVE },
  DirectiveReferenceReleased: { documentKey: 'k', directiveId: DIRECTIVE },
  AgencyRegistered: { code: 'SYT', name: 'Sở Y tế', parent: 'UBND', kind: 'department' },
  AgencyRenamed: { code: 'SYT', name: 'Sở Y tế tỉnh' },
  AgencyMoved: { code: 'SYT', parent: 'SNV', previousParent: 'UBND' },
  AgencyDeactivated: { code: 'SYT', reason: 'Sáp nhập' },
  AgencyReactivated: { code: 'SYT' },
  AgencyHeadAssigned: { code: 'STC', headUserId: USER },
  AgencyReminderSettingsChanged: {
    code: 'UBND',
    settings: { beforeDeadlineWorkingDays: 5, onDeadline: false },
  },
  AgencyAliasAdded: { code: 'STC', alias: 'Sở TC' },
  AgencyAliasRemoved: { code: 'STC', alias: 'Sở TC' },
  UserCreated: {
    userId: USER,
    username: 'an.nv',
    displayName: 'Nguyễn Văn An',
    roles: ['staff'],
    agency: 'STC',
  },
  UserRolesChanged: { userId: USER, roles: ['leader', 'staff'] },
  UserAgencyChanged: { userId: USER, agency: 'SYT' },
  UserDisplayNameChanged: { userId: USER, displayName: 'Nguyễn Văn Ân' },
  UserDisabled: { userId: USER, reason: 'Nghỉ hưu' },
  UserEnabled: { userId: USER },
  UserPasswordSet: { userId: USER, credentialId: 'c1' },
  UserLoginLocked: { userId: USER, until: '2026-06-03T03:15:00.000Z', failures: 5 },
  UserLoginUnlocked: { userId: USER },
  UserSessionsRevoked: { userId: USER },
  UserContactChanged: {
    userId: USER,
    email: 'an.nv@stc.gov.vn',
    phone: '+84912345678',
    channels: ['email', 'sms', 'in_app'],
  },
  UsernameReserved: { username: 'an.nv', userId: USER },
  AdministratorRemoved: { userId: USER, remainingAdministrators: ['x', 'y'] },
  AuditorReadRecorded: {
    method: 'GET',
    path: `/api/audit/tasks/${TASK}`,
    query: {},
    resource: { kind: 'task', id: TASK },
  },
  ReportScheduleStarted: { scheduleId: 's', startsOn: '2026-01-01' },
  ScheduledReportClaimed: { scheduleId: 's', periodId: '2026-Q2', reportId: 'r' },
  ReminderMessageQueued: {
    messageId: 'm-1',
    runId: '0b5c2f4e-8f1a-4c6b-9d3e-2a7f1c9e4b10',
    userId: 'u-stc',
    channel: 'email',
    address: 'canbo@stc.chidao.test',
    subject: 'Nhắc việc ngày 08/02/2027: 2 nhiệm vụ',
    text: '1. Nhiệm vụ quá hạn 8 ngày.',
    taskIds: ['t-1', 't-2'],
  },
  ReminderMessageDelivered: { messageId: 'm-1', attempt: 1 },
  ReminderMessageRead: { messageId: 'm-1', userId: 'u-stc' },
  ReminderRunStarted: { runId: 'r-1', on: '2027-02-08', startedAt: '2027-02-08T01:00:00.000Z' },
  ReminderRunFinished: { runId: 'r-1', remindersIssued: 12, messagesQueued: 7 },
  ReminderMessageFailed: {
    messageId: 'm-1',
    attempt: 2,
    reason: '451 4.3.0 Hệ thống thư tạm lỗi',
    nextAttemptAt: '2027-02-08T03:00:00.000Z',
  },
  TaskListImportPrepared: {
    importId: 'i-1',
    sha256: 'ab'.repeat(32),
    fileName: 'Danh sách 2024.xlsx',
    bytes: 20480,
    agency: 'UBND',
    tasks: 27,
    errors: 2,
    warnings: 1,
    mapping: null,
  },
  TaskListImportCommitted: {
    importId: 'i-1',
    sha256: 'ab'.repeat(32),
    agency: 'UBND',
    applied: { new: true, changed: true, vanished: false },
    created: 25,
    updated: 2,
    cancelled: 0,
    unchanged: 0,
    directivesRegistered: 3,
  },
};

const CATALOGUE = Object.keys(EVENT_SCHEMA_VERSIONS) as ChidaoEventType[];

describe('events in words', () => {
  it.each(CATALOGUE)('%s has a name and its own sentence in both languages', (type) => {
    expect(hasSentenceFor(type)).toBe(true);
    const label = eventTypeLabel(type);
    expect(label.vi).not.toBe('Sự kiện khác');
    const sentence = describeEvent({ type, data: SAMPLES[type] }, names);
    expect(sentence.vi.length).toBeGreaterThan(10);
    expect(sentence.en.length).toBeGreaterThan(5);
    expect(codesIn(sentence.vi)).toEqual([]);
    expect(codesIn(sentence.en)).toEqual([]);
    expect(codesIn(label.vi)).toEqual([]);
  });

  it('names agencies and people, and writes dates dd/mm/yyyy', () => {
    const say = (type: ChidaoEventType) => describeEvent({ type, data: SAMPLES[type] }, names).vi;
    expect(say('TaskDeadlineChangeApproved')).toBe(
      'Gia hạn đến 28/02/2027 (hạn trước đó: 31/01/2027)',
    );
    expect(say('TaskDeadlineChangeRequested')).toBe(
      'Sở Tài chính đề nghị gia hạn đến 28/02/2027 — lý do: Chờ kinh phí',
    );
    expect(say('TaskAssigned')).toBe(
      'Giao nhiệm vụ “Số hóa hồ sơ” theo văn bản số 24/CTr-UBND cho Sở Tài chính chủ trì, ' +
        'Sở Y tế phối hợp; thời hạn: 31/01/2027; lãnh đạo phụ trách: Phó Chủ tịch Trần Bình; ' +
        'nhiệm vụ trọng tâm',
    );
    expect(say('UserDisabled')).toBe(
      'Khóa tài khoản Nguyễn Văn An (Sở Tài chính) — lý do: Nghỉ hưu',
    );
    expect(say('UserLoginLocked')).toContain('10:15 ngày 03/06/2026');
    expect(say('ScheduledReportClaimed')).toBe('Lập báo cáo định kỳ kỳ quý II/2026');
    expect(say('AgencyReminderSettingsChanged')).toBe(
      'Cài đặt nhắc việc các nhiệm vụ do UBND tỉnh giao: ' +
        'Số ngày làm việc nhắc trước thời hạn: 5; Nhắc vào ngày đến hạn: không',
    );
    expect(say('AgencyAliasAdded')).toBe(
      'Ghi nhận “Sở TC” là tên gọi khác của Sở Tài chính khi nhập danh sách',
    );
    expect(say('AgencyAliasRemoved')).toBe('Bỏ tên gọi khác “Sở TC” của Sở Tài chính');
    expect(say('AgencyHeadAssigned')).toBe(
      'Giao Nguyễn Văn An (Sở Tài chính) đứng đầu Sở Tài chính',
    );
    // The addresses are in the event's data, not in the sentence.
    expect(say('UserContactChanged')).toBe(
      'Cập nhật thông tin nhận nhắc việc của Nguyễn Văn An (Sở Tài chính): nhận nhắc việc ' +
        'trong ứng dụng và qua thư điện tử, tin nhắn SMS; có địa chỉ thư điện tử, có số điện thoại',
    );
  });

  it('says an unknown agency or person in words, never as an id', () => {
    const vi = describeEvent({ type: 'UserEnabled', data: SAMPLES.UserEnabled }, NO_NAMES).vi;
    expect(vi).toBe('Mở khóa tài khoản người dùng chưa có trong danh mục');
    expect(codesIn(vi)).toEqual([]);
  });

  it('names an event type this code does not know without its code', () => {
    expect(eventTypeLabel('SomethingNew')).toEqual({ vi: 'Sự kiện khác', en: 'Other event' });
    expect(describeEvent({ type: 'SomethingNew', data: {} }, names).vi).toBe('Sự kiện khác');
  });
});
