import type { ChidaoEventType } from '@chidao/domain';

/** A text in both languages of the screens: Vietnamese (the default) and English. */
export interface Words {
  readonly vi: string;
  readonly en: string;
}

/**
 * The name of each event type as an office says it. A Record over ChidaoEventType: a new event
 * type without a name does not compile.
 */
const LABELS: Readonly<Record<ChidaoEventType, Words>> = {
  TaskAssigned: { vi: 'Giao nhiệm vụ', en: 'Task assigned' },
  TaskReceived: { vi: 'Tiếp nhận nhiệm vụ', en: 'Task received' },
  TaskRefused: { vi: 'Từ chối nhận nhiệm vụ', en: 'Task refused' },
  TaskReassigned: { vi: 'Giao lại cho đơn vị khác', en: 'Task reassigned' },
  TaskProgressReported: { vi: 'Báo cáo tiến độ', en: 'Progress reported' },
  TaskDeadlineChangeRequested: {
    vi: 'Đề nghị điều chỉnh thời hạn',
    en: 'Deadline change requested',
  },
  TaskDeadlineChangeApproved: { vi: 'Đồng ý điều chỉnh thời hạn', en: 'Deadline change approved' },
  TaskDeadlineChangeRejected: {
    vi: 'Không đồng ý điều chỉnh thời hạn',
    en: 'Deadline change rejected',
  },
  TaskCompletionReported: { vi: 'Báo cáo hoàn thành', en: 'Completion reported' },
  TaskCompletionConfirmed: { vi: 'Xác nhận hoàn thành', en: 'Completion confirmed' },
  TaskCompletionReturned: { vi: 'Trả lại báo cáo hoàn thành', en: 'Completion returned' },
  TaskUrged: { vi: 'Đôn đốc', en: 'Urged' },
  TaskReminderIssued: { vi: 'Nhắc việc tự động', en: 'Reminder issued' },
  TaskPutOnHold: { vi: 'Tạm dừng nhiệm vụ', en: 'Put on hold' },
  TaskResumed: { vi: 'Tiếp tục thực hiện', en: 'Resumed' },
  TaskCancelled: { vi: 'Hủy nhiệm vụ', en: 'Task cancelled' },
  TaskWithdrawn: { vi: 'Rút nhiệm vụ', en: 'Task withdrawn' },
  DirectiveRegistered: { vi: 'Đăng ký văn bản chỉ đạo', en: 'Directive registered' },
  DirectiveDetailsCorrected: {
    vi: 'Sửa thông tin văn bản chỉ đạo',
    en: 'Directive details corrected',
  },
  DirectiveRevoked: { vi: 'Thu hồi văn bản chỉ đạo', en: 'Directive revoked' },
  DirectiveWithdrawn: {
    vi: 'Rút văn bản chỉ đạo đăng ký nhầm',
    en: 'Directive withdrawn (registered in error)',
  },
  DirectiveReferenceReserved: {
    vi: 'Giữ số, ký hiệu văn bản',
    en: 'Document number reserved',
  },
  DirectiveReferenceReleased: {
    vi: 'Trả lại số, ký hiệu văn bản',
    en: 'Document number released',
  },
  AgencyRegistered: { vi: 'Thêm cơ quan, đơn vị', en: 'Agency registered' },
  AgencyRenamed: { vi: 'Đổi tên cơ quan, đơn vị', en: 'Agency renamed' },
  AgencyMoved: { vi: 'Chuyển cơ quan, đơn vị trực thuộc', en: 'Agency moved' },
  AgencyDeactivated: { vi: 'Ngừng hoạt động cơ quan, đơn vị', en: 'Agency deactivated' },
  AgencyReactivated: { vi: 'Hoạt động lại cơ quan, đơn vị', en: 'Agency reactivated' },
  AgencyHeadAssigned: { vi: 'Giao người đứng đầu cơ quan, đơn vị', en: 'Agency head assigned' },
  AgencyReminderSettingsChanged: {
    vi: 'Cài đặt nhắc việc của cơ quan giao nhiệm vụ',
    en: 'Assigning body reminder settings changed',
  },
  AgencyAliasAdded: { vi: 'Thêm tên gọi khác của cơ quan, đơn vị', en: 'Agency alias added' },
  AgencyAliasRemoved: { vi: 'Bỏ tên gọi khác của cơ quan, đơn vị', en: 'Agency alias removed' },
  UserCreated: { vi: 'Tạo tài khoản', en: 'Account created' },
  UserRolesChanged: { vi: 'Đổi vai trò tài khoản', en: 'Account roles changed' },
  UserAgencyChanged: { vi: 'Đổi đơn vị của tài khoản', en: 'Account agency changed' },
  UserDisplayNameChanged: { vi: 'Đổi họ tên hiển thị', en: 'Display name changed' },
  UserDisabled: { vi: 'Khóa tài khoản', en: 'Account disabled' },
  UserEnabled: { vi: 'Mở khóa tài khoản', en: 'Account enabled' },
  UserPasswordSet: { vi: 'Đặt mật khẩu', en: 'Password set' },
  UserLoginLocked: { vi: 'Tạm khóa đăng nhập', en: 'Login locked' },
  UserLoginUnlocked: { vi: 'Gỡ tạm khóa đăng nhập', en: 'Login unlocked' },
  UserSessionsRevoked: { vi: 'Kết thúc mọi phiên đăng nhập', en: 'Sessions ended' },
  UserContactChanged: { vi: 'Đổi thông tin nhận nhắc việc', en: 'Reminder contact changed' },
  UsernameReserved: { vi: 'Giữ tên đăng nhập', en: 'Username reserved' },
  AdministratorRemoved: { vi: 'Bớt một quản trị viên', en: 'Administrator removed' },
  AuditorReadRecorded: { vi: 'Kiểm tra viên xem dữ liệu', en: 'Auditor read' },
  ReportScheduleStarted: { vi: 'Bắt đầu lịch lập báo cáo', en: 'Report schedule started' },
  ScheduledReportClaimed: { vi: 'Lập báo cáo định kỳ', en: 'Scheduled report taken' },
  ReminderMessageQueued: { vi: 'Xếp gửi nhắc việc', en: 'Reminder queued' },
  ReminderMessageDelivered: { vi: 'Đã gửi nhắc việc', en: 'Reminder delivered' },
  ReminderMessageRead: { vi: 'Đã đọc nhắc việc', en: 'Reminder read' },
  ReminderRunStarted: { vi: 'Bắt đầu đợt nhắc việc', en: 'Reminder run started' },
  ReminderRunFinished: { vi: 'Xong đợt nhắc việc', en: 'Reminder run done' },
  ReminderMessageFailed: { vi: 'Gửi nhắc việc không thành', en: 'Reminder not delivered' },
  TaskListImportPrepared: { vi: 'Chạy thử nhập danh sách nhiệm vụ', en: 'Task list import tried' },
  TaskListImportCommitted: { vi: 'Nhập danh sách nhiệm vụ', en: 'Task list imported' },
};

/** The event type in words; an unknown type (a newer log) is named as such, never as its code. */
export function eventTypeLabel(type: string): Words {
  return Object.prototype.hasOwnProperty.call(LABELS, type)
    ? LABELS[type as ChidaoEventType]
    : { vi: 'Sự kiện khác', en: 'Other event' };
}
