/**
 * How the fields of request bodies are labelled on the forms, so a refusal names the box the
 * clerk must correct. Keyed by `Dto.field` where one name means different things in different
 * forms (a directive's title is its "Trích yếu"), otherwise by the field name.
 */
import { REMINDER_SETTING_FIELDS } from '@chidao/domain';

export interface FieldLabel {
  vi: string;
  en: string;
  /** Said after a number: the unit of the allowed range. */
  unit?: { vi: string; en: string };
}

const PERCENT = { vi: ' %', en: ' %' };

const BY_FIELD: Readonly<Record<string, FieldLabel>> = {
  occurredOn: { vi: 'Ngày nghiệp vụ', en: 'Business date' },
  reason: { vi: 'Lý do', en: 'Reason' },
  leadAgency: { vi: 'Cơ quan chủ trì', en: 'Lead agency' },
  supportAgencies: { vi: 'Cơ quan phối hợp', en: 'Supporting agencies' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  percent: { vi: 'Tiến độ', en: 'Progress', unit: PERCENT },
  note: { vi: 'Nội dung', en: 'Note' },
  documents: { vi: 'Văn bản kèm theo', en: 'Attached documents' },
  kind: { vi: 'Loại', en: 'Kind' },
  proposedDeadline: { vi: 'Thời hạn đề nghị', en: 'Proposed deadline' },
  newDeadline: { vi: 'Thời hạn mới', en: 'New deadline' },
  completedOn: { vi: 'Ngày hoàn thành', en: 'Completion date' },
  resultDocument: { vi: 'Số ký hiệu văn bản kết quả', en: 'Result document' },
  message: { vi: 'Nội dung đôn đốc', en: 'Message' },
  taskIds: { vi: 'Danh sách nhiệm vụ', en: 'Tasks' },
  reference: { vi: 'Số, ký hiệu', en: 'Number and symbol' },
  issuedOn: { vi: 'Ngày ban hành', en: 'Issue date' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  summary: { vi: 'Nội dung tóm tắt', en: 'Summary' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  keyTask: { vi: 'Nhiệm vụ trọng tâm', en: 'Key task' },
  workProgrammeItem: { vi: 'Đề án trong chương trình công tác', en: 'Work-programme item' },
  leaderInCharge: { vi: 'Lãnh đạo phụ trách', en: 'Leader in charge' },
  tasks: { vi: 'Nhiệm vụ', en: 'Task' },
  id: { vi: 'Mã', en: 'Identifier' },
  ids: { vi: 'Danh sách nhiệm vụ', en: 'Task list' },
  username: { vi: 'Tên đăng nhập', en: 'User name' },
  displayName: { vi: 'Họ và tên', en: 'Full name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  active: { vi: 'Đang hoạt động', en: 'Active' },
  code: { vi: 'Mã cơ quan', en: 'Agency code' },
  name: { vi: 'Tên', en: 'Name' },
  parent: { vi: 'Cơ quan cấp trên', en: 'Parent agency' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  asOf: { vi: 'Tính đến ngày', en: 'As of' },
  year: { vi: 'Năm', en: 'Year' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  limit: { vi: 'Số dòng', en: 'Rows' },
  page: { vi: 'Trang', en: 'Page' },
  q: { vi: 'Từ khóa', en: 'Words' },
  status: { vi: 'Tình trạng', en: 'Status' },
  directive: { vi: 'Văn bản chỉ đạo', en: 'Directive' },
  email: { vi: 'Địa chỉ thư điện tử', en: 'E-mail address' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  channels: { vi: 'Kênh nhận nhắc việc', en: 'Reminder channels' },
  alias: { vi: 'Tên gọi khác', en: 'Alias' },
  apply: { vi: 'Nội dung nhập', en: 'What to apply' },
};

/** The reminder settings form: the labels the domain gives its fields. */
const REMINDER_SETTING_LABELS = Object.fromEntries(
  Object.entries(REMINDER_SETTING_FIELDS).map(([name, field]) => [
    `ReminderSettingsDto.${name}`,
    { vi: field.labelVi, en: field.labelEn },
  ]),
);

const BY_DTO_FIELD: Readonly<Record<string, FieldLabel>> = {
  ...REMINDER_SETTING_LABELS,
  'ImportApplyDto.new': { vi: 'Tạo các nhiệm vụ mới', en: 'Create new tasks' },
  'ImportApplyDto.changed': { vi: 'Cập nhật các nhiệm vụ thay đổi', en: 'Update changed tasks' },
  'ImportApplyDto.vanished': {
    vi: 'Hủy các nhiệm vụ không còn trong tệp',
    en: 'Cancel tasks no longer in the file',
  },
  'RegisterDirectiveDto.title': { vi: 'Trích yếu', en: 'Title' },
  'AssignTaskDto.title': { vi: 'Tên nhiệm vụ', en: 'Task name' },
  'RegisterAgencyDto.name': { vi: 'Tên cơ quan', en: 'Agency name' },
  'UpdateAgencyDto.name': { vi: 'Tên cơ quan', en: 'Agency name' },
  'ReportProgressDto.note': { vi: 'Nội dung báo cáo', en: 'Report' },
  'ReportProgressDto.agency': { vi: 'Cơ quan báo cáo', en: 'Reporting agency' },
  'AssignAgencyHeadDto.userId': { vi: 'Người đứng đầu', en: 'Head' },
  'NotificationsQueryDto.size': { vi: 'Số thông báo mỗi trang', en: 'Notifications per page' },
  'NotificationsQueryDto.unread': { vi: 'Chỉ thông báo chưa đọc', en: 'Unread only' },
};

/** The label of `field` in the form whose DTO class is `dto` (the field name when none is known). */
export function fieldLabel(dto: string | undefined, field: string): FieldLabel {
  return (
    (dto ? BY_DTO_FIELD[`${dto}.${field}`] : undefined) ??
    BY_FIELD[field] ?? { vi: `Trường "${field}"`, en: `Field "${field}"` }
  );
}

/** How one row of a list field is named: "Nhiệm vụ thứ 2". */
export function rowLabel(field: string, index: number): { vi: string; en: string } {
  const label = fieldLabel(undefined, field);
  return { vi: `${label.vi} thứ ${index + 1}`, en: `${label.en} ${index + 1}` };
}
