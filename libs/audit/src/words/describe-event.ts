/**
 * One event of the log as a sentence an office reads: people by name and agency, agencies by
 * name, dates dd/mm/yyyy, never field names, ids or JSON. A Record over ChidaoEventType keeps the
 * list exhaustive, and a unit test walks the catalogue so a new type without words fails.
 */
import {
  reminderRuleWords,
  formatCount,
  REMINDER_SETTING_FIELDS,
  TASK_STATUS_LABELS_VI,
  type ChidaoEvent,
  type ChidaoEventType,
  type TaskStatus,
} from '@chidao/domain';
import { eventTypeLabel, type Words } from './event-labels';
import type { EventNames } from './event-names';
import { dateWords, instantWords, periodWords } from './date-words';

type DataOf<T extends ChidaoEventType> = Extract<ChidaoEvent, { type: T }>['data'];
type Describer<T extends ChidaoEventType> = (data: DataOf<T>, say: Say) => Words;

/** An event as the words need it: its type and data (at the current schema version). */
export interface DescribableEvent {
  readonly type: string;
  readonly data: unknown;
  /** Its log position: agencies are named as the register named them then. */
  readonly position?: number;
}

/** Helpers bound to the names of one request. */
interface Say {
  agency(code: string | null | undefined): Words;
  agencies(codes: readonly string[] | null | undefined): Words;
  user(id: string): Words;
}

const both = (vi: string, en: string): Words => ({ vi, en });
const join = (parts: readonly Words[], vi = ', ', en = ', '): Words => ({
  vi: parts.map((p) => p.vi).join(vi),
  en: parts.map((p) => p.en).join(en),
});
const quoted = (text: string | null | undefined): string => `“${(text ?? '').trim()}”`;
const reason = (text: string | null | undefined): Words =>
  text && text.trim() !== ''
    ? both(` — lý do: ${text.trim()}`, ` — reason: ${text.trim()}`)
    : both('', '');
const deadlineWords = (date: string | null | undefined): Words =>
  date ? dateWords(date) : both('không thời hạn', 'no deadline');

const STATUS_EN: Readonly<Record<TaskStatus, string>> = {
  assigned: 'assigned, awaiting receipt',
  refused: 'refused, awaiting reassignment',
  in_progress: 'in progress',
  awaiting_confirmation: 'awaiting confirmation',
  returned: 'returned, in progress again',
  completed: 'completed',
  on_hold: 'on hold',
  cancelled: 'cancelled',
  withdrawn: 'withdrawn',
};
const status = (value: string): Words =>
  both(
    TASK_STATUS_LABELS_VI[value as TaskStatus] ?? 'trạng thái khác',
    STATUS_EN[value as TaskStatus] ?? 'another status',
  );

const ROLE_WORDS: Readonly<Record<string, Words>> = {
  admin: both('quản trị', 'administrator'),
  leader: both('lãnh đạo', 'leader'),
  tracker: both('theo dõi, tổng hợp', 'tracker'),
  staff: both('chuyên viên', 'staff'),
  auditor: both('kiểm tra, thanh tra', 'auditor'),
};
const roles = (list: readonly string[]): Words =>
  list.length === 0
    ? both('không có vai trò', 'no role')
    : join(list.map((role) => ROLE_WORDS[role] ?? both('vai trò khác', 'another role')));

const CHANNEL_WORDS: Readonly<Record<string, Words>> = {
  email: both('thư điện tử', 'e-mail'),
  sms: both('tin nhắn SMS', 'SMS'),
};
/** "trong ứng dụng và qua thư điện tử, tin nhắn SMS": the app is always one of them. */
const reminderChannels = (channels: readonly string[]): Words => {
  const others = channels
    .filter((channel) => channel !== 'in_app')
    .map((channel) => CHANNEL_WORDS[channel] ?? both('kênh khác', 'another channel'));
  if (others.length === 0) {
    return both('chỉ nhận nhắc việc trong ứng dụng', 'reminders in the app only');
  }
  const by = join(others);
  return both(
    `nhận nhắc việc trong ứng dụng và qua ${by.vi}`,
    `reminders in the app and by ${by.en}`,
  );
};

const URGE_WORDS: Readonly<Record<string, Words>> = {
  before_deadline: both('sắp đến hạn', 'deadline approaching'),
  overdue: both('đã quá hạn', 'overdue'),
  no_report: both('chưa báo cáo', 'no report'),
};

const RESOURCE_WORDS: Readonly<Record<string, Words>> = {
  task: both('một nhiệm vụ', 'a task'),
  directive: both('một văn bản chỉ đạo', 'a directive'),
  report: both('một báo cáo', 'a report'),
  user: both('một tài khoản', 'an account'),
  agency: both('một cơ quan, đơn vị', 'an agency'),
};

const DESCRIBERS: { readonly [T in ChidaoEventType]: Describer<T> } = {
  TaskAssigned: (d, say) => {
    const lead = say.agency(d.leadAgency);
    const support = d.supportAgencies.length > 0 ? say.agencies(d.supportAgencies) : null;
    const deadline = deadlineWords(d.deadline);
    return both(
      `Giao nhiệm vụ ${quoted(d.title)} theo văn bản số ${d.directiveReference} cho ${lead.vi} chủ trì` +
        (support ? `, ${support.vi} phối hợp` : '') +
        `; thời hạn: ${deadline.vi}` +
        (d.leaderInCharge ? `; lãnh đạo phụ trách: ${d.leaderInCharge}` : '') +
        (d.keyTask ? '; nhiệm vụ trọng tâm' : ''),
      `Task ${quoted(d.title)} assigned under document ${d.directiveReference} to ${lead.en} (lead)` +
        (support ? `, supported by ${support.en}` : '') +
        `; deadline: ${deadline.en}` +
        (d.leaderInCharge ? `; leader in charge: ${d.leaderInCharge}` : '') +
        (d.keyTask ? '; key task' : ''),
    );
  },
  TaskReceived: (d, say) => {
    const a = say.agency(d.agency);
    return both(`${a.vi} tiếp nhận nhiệm vụ`, `${a.en} received the task`);
  },
  TaskRefused: (d, say) => {
    const a = say.agency(d.agency);
    const r = reason(d.reason);
    return both(`${a.vi} từ chối nhận nhiệm vụ${r.vi}`, `${a.en} refused the task${r.en}`);
  },
  TaskReassigned: (d, say) => {
    const from = say.agency(d.from.leadAgency);
    const to = say.agency(d.to.leadAgency);
    const support = d.to.supportAgencies.length > 0 ? say.agencies(d.to.supportAgencies) : null;
    const r = reason(d.reason);
    return both(
      `Giao lại nhiệm vụ từ ${from.vi} cho ${to.vi} chủ trì` +
        (support ? `, ${support.vi} phối hợp` : '') +
        r.vi,
      `Task moved from ${from.en} to ${to.en} (lead)` +
        (support ? `, supported by ${support.en}` : '') +
        r.en,
    );
  },
  TaskProgressReported: (d, say) => {
    const a = say.agency(d.agency);
    const note = d.note?.trim() ? d.note.trim() : '';
    return both(
      `${a.vi} báo cáo tiến độ ${formatCount(d.percent)}%` +
        (d.role === 'support' ? ' (đơn vị phối hợp)' : '') +
        (note ? ` — ${note}` : ''),
      `${a.en} reported ${d.percent}% progress` +
        (d.role === 'support' ? ' (supporting agency)' : '') +
        (note ? ` — ${note}` : ''),
    );
  },
  TaskDeadlineChangeRequested: (d, say) => {
    const a = say.agency(d.agency);
    const r = reason(d.reason);
    if (d.kind === 'withdrawal') {
      return both(
        `${a.vi} đề nghị rút nhiệm vụ${r.vi}`,
        `${a.en} asked to withdraw the task${r.en}`,
      );
    }
    const to = deadlineWords(d.proposedDeadline);
    return both(
      `${a.vi} đề nghị gia hạn đến ${to.vi}${r.vi}`,
      `${a.en} asked for an extension to ${to.en}${r.en}`,
    );
  },
  TaskDeadlineChangeApproved: (d) => {
    if (d.kind === 'withdrawal') {
      return both('Đồng ý rút nhiệm vụ', 'Withdrawal of the task approved');
    }
    const to = deadlineWords(d.newDeadline);
    const from = deadlineWords(d.previousDeadline);
    return both(
      `Gia hạn đến ${to.vi} (hạn trước đó: ${from.vi})`,
      `Deadline extended to ${to.en} (was ${from.en})`,
    );
  },
  TaskDeadlineChangeRejected: (d) => {
    const r = reason(d.reason);
    return d.kind === 'withdrawal'
      ? both(`Không đồng ý rút nhiệm vụ${r.vi}`, `Withdrawal refused${r.en}`)
      : both(`Không đồng ý gia hạn${r.vi}`, `Extension refused${r.en}`);
  },
  TaskCompletionReported: (d, say) => {
    const a = say.agency(d.agency);
    const on = dateWords(d.completedOn);
    const note = d.note?.trim() ? d.note.trim() : '';
    return both(
      `${a.vi} báo cáo hoàn thành ngày ${on.vi}, văn bản kết quả số ${d.resultDocument}` +
        (note ? ` — ${note}` : ''),
      `${a.en} reported completion on ${on.en}, result document ${d.resultDocument}` +
        (note ? ` — ${note}` : ''),
    );
  },
  TaskCompletionConfirmed: (d) => {
    const on = dateWords(d.completedOn);
    const timing =
      d.onTime === null
        ? both('nhiệm vụ không có thời hạn', 'no deadline')
        : d.onTime
          ? both('đúng hạn', 'on time')
          : both(
              `quá hạn (hạn ${deadlineWords(d.deadlineInForce).vi})`,
              `late (deadline ${deadlineWords(d.deadlineInForce).en})`,
            );
    return both(
      `Xác nhận hoàn thành ngày ${on.vi}, ${timing.vi}`,
      `Completion on ${on.en} confirmed, ${timing.en}`,
    );
  },
  TaskCompletionReturned: (d) => {
    const r = reason(d.reason);
    return both(
      `Trả lại báo cáo hoàn thành (văn bản số ${d.resultDocument})${r.vi}`,
      `Completion report returned (document ${d.resultDocument})${r.en}`,
    );
  },
  TaskUrged: (d, say) => {
    const a = say.agency(d.leadAgency);
    const why = URGE_WORDS[d.kind] ?? both('nhắc việc', 'reminder');
    const msg = d.message?.trim() ? ` — ${d.message.trim()}` : '';
    return both(`Đôn đốc ${a.vi} (${why.vi})${msg}`, `${a.en} urged (${why.en})${msg}`);
  },
  TaskReminderIssued: (d, say) => {
    const a = say.agency(d.leadAgency);
    const why = reminderRuleWords(d.rule, d.days);
    const people = d.recipients.length;
    return both(
      `Nhắc việc tự động gửi ${a.vi} (${why.vi}), ${people} người nhận`,
      `Automatic reminder to ${a.en} (${why.en}), ${people} recipients`,
    );
  },
  TaskPutOnHold: (d) => {
    const r = reason(d.reason);
    return both(`Tạm dừng nhiệm vụ${r.vi}`, `Task put on hold${r.en}`);
  },
  TaskResumed: (d) => {
    const s = status(d.restoredStatus);
    const deadline = deadlineWords(d.deadline);
    return both(
      `Tiếp tục thực hiện (${s.vi})` + (d.deadlineChanged ? `; thời hạn mới: ${deadline.vi}` : ''),
      `Task resumed (${s.en})` + (d.deadlineChanged ? `; new deadline: ${deadline.en}` : ''),
    );
  },
  TaskCancelled: (d) => {
    const r = reason(d.reason);
    return both(`Hủy nhiệm vụ${r.vi}`, `Task cancelled${r.en}`);
  },
  TaskWithdrawn: (d) => {
    const r = reason(d.reason);
    return both(`Rút nhiệm vụ${r.vi}`, `Task withdrawn${r.en}`);
  },
  DirectiveRegistered: (d, say) => {
    const on = dateWords(d.issuedOn);
    const by = d.assigningAgency ? say.agency(d.assigningAgency) : null;
    return both(
      `Đăng ký văn bản số ${d.reference.text} ngày ${on.vi} của ${d.issuer}: ${quoted(d.title)}` +
        (by ? `; cơ quan giao: ${by.vi}` : ''),
      `Document ${d.reference.text} of ${on.en} by ${d.issuer} registered: ${quoted(d.title)}` +
        (by ? `; assigning body: ${by.en}` : ''),
    );
  },
  DirectiveDetailsCorrected: (d) => {
    const what = d.changed.includes('title')
      ? both(`tên mới ${quoted(d.title)}`, `new title ${quoted(d.title)}`)
      : both('sửa trích yếu', 'summary corrected');
    return both(`Sửa thông tin văn bản: ${what.vi}`, `Directive corrected: ${what.en}`);
  },
  DirectiveRevoked: (d) => {
    const r = reason(d.reason);
    return both(`Thu hồi văn bản${r.vi}`, `Directive revoked${r.en}`);
  },
  DirectiveWithdrawn: (d) => {
    const r = reason(d.reason);
    return both(
      `Rút văn bản đăng ký nhầm, trả lại số văn bản${r.vi}`,
      `Directive registered in error withdrawn, its number released${r.en}`,
    );
  },
  DirectiveReferenceReserved: () =>
    both(
      'Giữ số, ký hiệu cho văn bản vừa đăng ký',
      'Number and symbol reserved for the registered document',
    ),
  DirectiveReferenceReleased: () =>
    both(
      'Trả lại số, ký hiệu của văn bản đã rút',
      'Number and symbol of the withdrawn document released',
    ),
  AgencyRegistered: (d, say) => {
    const parent = d.parent ? say.agency(d.parent) : null;
    return both(
      `Thêm ${quoted(d.name)} vào danh mục cơ quan, đơn vị` +
        (parent ? `, trực thuộc ${parent.vi}` : ''),
      `${quoted(d.name)} added to the agency register` + (parent ? `, under ${parent.en}` : ''),
    );
  },
  AgencyRenamed: (d) =>
    both(`Đổi tên đơn vị thành ${quoted(d.name)}`, `Agency renamed to ${quoted(d.name)}`),
  AgencyMoved: (d, say) => {
    const a = say.agency(d.code);
    const to = d.parent ? say.agency(d.parent) : both('cấp cao nhất', 'the top level');
    const from = d.previousParent
      ? say.agency(d.previousParent)
      : both('cấp cao nhất', 'the top level');
    return both(
      `Chuyển ${a.vi} từ ${from.vi} sang trực thuộc ${to.vi}`,
      `${a.en} moved from ${from.en} to ${to.en}`,
    );
  },
  AgencyDeactivated: (d, say) => {
    const a = say.agency(d.code);
    const r = reason(d.reason);
    return both(`${a.vi} ngừng hoạt động${r.vi}`, `${a.en} deactivated${r.en}`);
  },
  AgencyReactivated: (d, say) => {
    const a = say.agency(d.code);
    return both(`${a.vi} hoạt động trở lại`, `${a.en} reactivated`);
  },
  AgencyHeadAssigned: (d, say) => {
    const a = say.agency(d.code);
    if (d.headUserId === null) {
      return both(`Bỏ người đứng đầu của ${a.vi}`, `${a.en} no longer has a head`);
    }
    const u = say.user(d.headUserId);
    return both(`Giao ${u.vi} đứng đầu ${a.vi}`, `${u.en} made head of ${a.en}`);
  },
  AgencyAliasAdded: (d, say) => {
    const a = say.agency(d.code);
    return both(
      `Ghi nhận ${quoted(d.alias)} là tên gọi khác của ${a.vi} khi nhập danh sách`,
      `${quoted(d.alias)} recorded as another name of ${a.en} in imported lists`,
    );
  },
  AgencyAliasRemoved: (d, say) => {
    const a = say.agency(d.code);
    return both(
      `Bỏ tên gọi khác ${quoted(d.alias)} của ${a.vi}`,
      `${quoted(d.alias)} no longer another name of ${a.en}`,
    );
  },
  AgencyReminderSettingsChanged: (d, say) => {
    const a = say.agency(d.code);
    const set = Object.entries(d.settings).flatMap(([name, value]) => {
      const field = REMINDER_SETTING_FIELDS[name as keyof typeof REMINDER_SETTING_FIELDS];
      if (!field || value === undefined) return [];
      const [vi, en] =
        typeof value === 'boolean' ? (value ? ['có', 'yes'] : ['không', 'no']) : [value, value];
      return [{ vi: `${field.labelVi}: ${vi}`, en: `${field.labelEn}: ${en}` }];
    });
    if (set.length === 0) {
      return both(
        `Nhắc việc các nhiệm vụ do ${a.vi} giao theo cài đặt chung của hệ thống`,
        `Reminders of tasks assigned by ${a.en} follow the deployment's settings`,
      );
    }
    return both(
      `Cài đặt nhắc việc các nhiệm vụ do ${a.vi} giao: ${set.map((s) => s.vi).join('; ')}`,
      `Reminder settings of tasks assigned by ${a.en}: ${set.map((s) => s.en).join('; ')}`,
    );
  },
  UserCreated: (d, say) => {
    const r = roles(d.roles);
    const a = d.agency ? say.agency(d.agency) : null;
    return both(
      `Tạo tài khoản ${d.displayName} (tên đăng nhập ${d.username}), vai trò ${r.vi}` +
        (a ? `, thuộc ${a.vi}` : ''),
      `Account ${d.displayName} (username ${d.username}) created, roles ${r.en}` +
        (a ? `, of ${a.en}` : ''),
    );
  },
  UserRolesChanged: (d, say) => {
    const u = say.user(d.userId);
    const r = roles(d.roles);
    return both(`Đổi vai trò của ${u.vi} thành: ${r.vi}`, `Roles of ${u.en} set to ${r.en}`);
  },
  UserAgencyChanged: (d, say) => {
    const u = say.user(d.userId);
    const a = d.agency ? say.agency(d.agency) : both('không thuộc đơn vị nào', 'no agency');
    return both(`Chuyển ${u.vi} sang ${a.vi}`, `${u.en} moved to ${a.en}`);
  },
  UserDisplayNameChanged: (d) =>
    both(`Đổi họ tên hiển thị thành ${d.displayName}`, `Display name set to ${d.displayName}`),
  UserDisabled: (d, say) => {
    const u = say.user(d.userId);
    const r = reason(d.reason);
    return both(`Khóa tài khoản ${u.vi}${r.vi}`, `Account of ${u.en} disabled${r.en}`);
  },
  UserEnabled: (d, say) => {
    const u = say.user(d.userId);
    return both(`Mở khóa tài khoản ${u.vi}`, `Account of ${u.en} enabled`);
  },
  UserPasswordSet: (d, say) => {
    const u = say.user(d.userId);
    return both(`Đặt mật khẩu mới cho ${u.vi}`, `New password set for ${u.en}`);
  },
  UserLoginLocked: (d, say) => {
    const u = say.user(d.userId);
    const until = instantWords(d.until);
    return both(
      `Tạm khóa đăng nhập của ${u.vi} đến ${until.vi} sau ${formatCount(d.failures)} lần nhập sai mật khẩu`,
      `Logins of ${u.en} locked until ${until.en} after ${d.failures} wrong passwords`,
    );
  },
  UserLoginUnlocked: (d, say) => {
    const u = say.user(d.userId);
    return both(`Gỡ tạm khóa đăng nhập của ${u.vi}`, `Login lock of ${u.en} lifted`);
  },
  UserSessionsRevoked: (d, say) => {
    const u = say.user(d.userId);
    return both(`Kết thúc mọi phiên đăng nhập của ${u.vi}`, `Every session of ${u.en} ended`);
  },
  UserContactChanged: (d, say) => {
    // The addresses stay in the event's data: the sentence says what changed, not to whom mail goes.
    const u = say.user(d.userId);
    const c = reminderChannels(d.channels);
    const has = both(
      [
        d.email ? 'có địa chỉ thư điện tử' : 'không có địa chỉ thư điện tử',
        d.phone ? 'có số điện thoại' : 'không có số điện thoại',
      ].join(', '),
      [
        d.email ? 'an e-mail address' : 'no e-mail address',
        d.phone ? 'a phone number' : 'no phone number',
      ].join(', '),
    );
    return both(
      `Cập nhật thông tin nhận nhắc việc của ${u.vi}: ${c.vi}; ${has.vi}`,
      `Reminder contact of ${u.en} set: ${c.en}; ${has.en}`,
    );
  },
  UsernameReserved: (d) =>
    both(`Giữ tên đăng nhập ${d.username}`, `Username ${d.username} reserved`),
  AdministratorRemoved: (d, say) => {
    const u = say.user(d.userId);
    return both(
      `${u.vi} không còn là quản trị viên; còn ${formatCount(d.remainingAdministrators.length)} quản trị viên`,
      `${u.en} is no longer an administrator; ${d.remainingAdministrators.length} remain`,
    );
  },
  AuditorReadRecorded: (d) => {
    const what = d.resource
      ? (RESOURCE_WORDS[d.resource.kind] ?? both('dữ liệu', 'data'))
      : both('dữ liệu', 'data');
    return both(`Kiểm tra viên xem ${what.vi}`, `An auditor read ${what.en}`);
  },
  ReportScheduleStarted: (d) => {
    const on = dateWords(d.startsOn);
    return both(
      `Bắt đầu lập báo cáo định kỳ từ ngày ${on.vi}`,
      `Scheduled reports start on ${on.en}`,
    );
  },
  ScheduledReportClaimed: (d) => {
    const p = periodWords(d.periodId);
    return both(`Lập báo cáo định kỳ kỳ ${p.vi}`, `Scheduled report for ${p.en} taken`);
  },
  ReminderMessageQueued: (d, say) => {
    const u = say.user(d.userId);
    const by = reminderChannels([d.channel]);
    const tasks = d.taskIds.length;
    return both(
      `Xếp gửi nhắc việc cho ${u.vi} qua ${by.vi} (${tasks} nhiệm vụ): ${d.subject}`,
      `Reminder queued for ${u.en} by ${by.en} (${tasks} tasks): ${d.subject}`,
    );
  },
  ReminderRunStarted: (d) => {
    const on = dateWords(d.on);
    return both(`Bắt đầu đợt nhắc việc ngày ${on.vi}`, `Reminder run of ${on.en} started`);
  },
  ReminderRunFinished: (d) => {
    const urges = d.urgeMessagesQueued
      ? {
          vi: `; ${d.urgeMessagesQueued} tin đôn đốc chưa gửi được xếp gửi lại`,
          en: `; ${d.urgeMessagesQueued} unsent urge messages queued again`,
        }
      : { vi: '', en: '' };
    return both(
      `Xong đợt nhắc việc: ${d.remindersIssued} nhắc việc, ${d.messagesQueued} tin xếp gửi${urges.vi}`,
      `Reminder run done: ${d.remindersIssued} reminders, ${d.messagesQueued} messages queued${urges.en}`,
    );
  },
  TaskListImportPrepared: (d, say) => {
    const a = say.agency(d.agency);
    return both(
      `Chạy thử nhập tệp «${d.fileName}» cho ${a.vi}: ${d.tasks} nhiệm vụ, ${d.errors} lỗi, ${d.warnings} cảnh báo (mã SHA-256 ${d.sha256.slice(0, 12)}…)`,
      `Dry run of «${d.fileName}» for ${a.en}: ${d.tasks} tasks, ${d.errors} errors, ${d.warnings} warnings (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    );
  },
  TaskListImportCommitted: (d, say) => {
    const a = say.agency(d.agency);
    return both(
      `Nhập danh sách nhiệm vụ cho ${a.vi}: tạo ${d.created}, cập nhật ${d.updated}, hủy ${d.cancelled}, giữ nguyên ${d.unchanged} nhiệm vụ; đăng ký ${d.directivesRegistered} văn bản (mã SHA-256 ${d.sha256.slice(0, 12)}…)`,
      `Task list imported for ${a.en}: ${d.created} created, ${d.updated} updated, ${d.cancelled} cancelled, ${d.unchanged} unchanged; ${d.directivesRegistered} documents registered (SHA-256 ${d.sha256.slice(0, 12)}…)`,
    );
  },
  ReminderMessageRead: (d, say) => {
    const u = say.user(d.userId);
    return both(`${u.vi} đã đọc nhắc việc trong ứng dụng`, `${u.en} read the reminder in the app`);
  },
  ReminderMessageDelivered: (d) =>
    both(`Đã gửi nhắc việc (lần thử ${d.attempt})`, `Reminder delivered (attempt ${d.attempt})`),
  ReminderMessageFailed: (d) => {
    const next = d.nextAttemptAt
      ? both(
          `, sẽ gửi lại lúc ${instantWords(d.nextAttemptAt).vi}`,
          `, retry at ${instantWords(d.nextAttemptAt).en}`,
        )
      : both(', không gửi lại nữa', ', given up');
    return both(
      `Gửi nhắc việc không thành (lần thử ${d.attempt}): ${d.reason}${next.vi}`,
      `Reminder not delivered (attempt ${d.attempt}): ${d.reason}${next.en}`,
    );
  },
};

/** The event as a sentence in both languages, with the names the caller knows. */
export function describeEvent(event: DescribableEvent, names: EventNames): Words {
  const describer = Object.prototype.hasOwnProperty.call(DESCRIBERS, event.type)
    ? (DESCRIBERS[event.type as ChidaoEventType] as Describer<ChidaoEventType>)
    : null;
  if (describer === null || typeof event.data !== 'object' || event.data === null) {
    return eventTypeLabel(event.type);
  }
  return describer(event.data as DataOf<ChidaoEventType>, sayWith(names, event.position));
}

/** Agencies by name, people by name and agency; unknown ones in words, never as codes. */
export function sayWith(names: EventNames, position?: number): Say {
  const agency = (code: string | null | undefined): Words => {
    if (!code) return both('không rõ đơn vị', 'an unknown agency');
    const name = names.agency(code, position);
    return name ? both(name, name) : both(`đơn vị ${code}`, `agency ${code}`);
  };
  return {
    agency,
    agencies: (codes) => join((codes ?? []).map(agency)),
    user: (id) => personWords(id, names, undefined, position),
  };
}

/**
 * "Nguyễn Văn An (Sở Tài chính)", "Hệ thống" for the system, words for an unknown id. Give
 * `agencyAtEvent` (the event's metadata.agency) to name the agency the person acted for then,
 * not the one they belong to now.
 */
export function personWords(
  id: string | null | undefined,
  names: EventNames,
  agencyAtEvent?: string | null,
  position?: number,
): Words {
  if (!id) return both('không rõ người thực hiện', 'unknown person');
  if (id === 'system' || id.startsWith('system:')) return both('Hệ thống', 'The system');
  const user = names.user(id);
  if (!user) return both('người dùng chưa có trong danh mục', 'a user not in the directory');
  const code = agencyAtEvent === undefined ? user.agency : agencyAtEvent;
  const agency = code ? (names.agency(code, position) ?? code) : null;
  const name = agency ? `${user.name} (${agency})` : user.name;
  return both(name, name);
}

/** Whether the event type has its own sentence (a unit test walks the catalogue with it). */
export const hasSentenceFor = (type: string): boolean =>
  Object.prototype.hasOwnProperty.call(DESCRIBERS, type);
