import { DomainError } from '../shared/domain-error';

export const userErrors = {
  idRequired: () =>
    new DomainError(
      'invalid_input',
      'user_id_required',
      'A user id is required.',
      'Thiếu mã người dùng.',
    ),
  /** Another user has the name (its reservation stream exists). */
  usernameTaken: (username: string) =>
    new DomainError(
      'conflict',
      'username_taken',
      `The username "${username}" is already in use.`,
      `Tên đăng nhập "${username}" đã được sử dụng.`,
      { username },
    ),
  notFound: () =>
    new DomainError(
      'not_found',
      'user_not_found',
      'The user does not exist.',
      'Người dùng không tồn tại.',
    ),
  alreadyExists: () =>
    new DomainError(
      'conflict',
      'user_already_exists',
      'The user already exists.',
      'Người dùng đã tồn tại.',
    ),
  invalidUsername: (username: unknown) =>
    new DomainError(
      'invalid_input',
      'invalid_username',
      `Username "${String(username)}" must be 3–64 characters: lower-case letters, digits, dot, dash or underscore.`,
      `Tên đăng nhập "${String(username)}" phải dài 3–64 ký tự, chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.`,
      { username },
    ),
  emptyDisplayName: () =>
    new DomainError(
      'invalid_input',
      'display_name_required',
      'A display name is required.',
      'Cần nhập họ và tên người dùng.',
    ),
  noRoles: () =>
    new DomainError(
      'invalid_input',
      'roles_required',
      'A user needs at least one role.',
      'Người dùng phải có ít nhất một vai trò.',
    ),
  invalidRole: (role: string) =>
    new DomainError(
      'invalid_input',
      'invalid_role',
      `Unknown role "${role}"; use admin, leader, tracker, staff or auditor.`,
      `Vai trò "${role}" không hợp lệ; chọn admin, leader, tracker, staff hoặc auditor.`,
      { role },
    ),
  agencyRequired: (role: string) =>
    new DomainError(
      'invalid_input',
      'agency_required',
      `Role "${role}" acts for an agency: choose the user's agency.`,
      `Vai trò "${role}" làm việc cho một cơ quan, đơn vị: cần chọn đơn vị của người dùng.`,
      { role },
    ),
  auditorOnly: () =>
    new DomainError(
      'rule_refused',
      'auditor_role_exclusive',
      'An auditor reads and never writes, so the auditor role cannot be combined with another role.',
      'Vai trò kiểm toán, thanh tra chỉ được xem nên không thể kết hợp với vai trò khác.',
    ),
  disabled: () =>
    new DomainError(
      'rule_refused',
      'user_disabled',
      'The user is disabled; enable it first.',
      'Tài khoản đã bị khóa; cần mở khóa trước.',
    ),
  invalidLoginLock: () =>
    new DomainError(
      'invalid_input',
      'invalid_login_lock',
      'A login lock needs an instant and a count of failures.',
      'Khóa đăng nhập cần thời điểm hết hạn và số lần sai.',
    ),
  notLoginLocked: () =>
    new DomainError(
      'rule_refused',
      'user_not_login_locked',
      'Logins to this account are not locked.',
      'Tài khoản không bị tạm khóa đăng nhập.',
    ),
  notDisabled: () =>
    new DomainError(
      'rule_refused',
      'user_not_disabled',
      'The user is not disabled.',
      'Tài khoản không bị khóa.',
    ),
  unchanged: () =>
    new DomainError(
      'rule_refused',
      'nothing_changed',
      'Nothing would change.',
      'Không có thông tin nào thay đổi.',
    ),
  emptyReason: () =>
    new DomainError('invalid_input', 'reason_required', 'A reason is required.', 'Cần nêu lý do.'),
  invalidCredentialId: () =>
    new DomainError(
      'invalid_input',
      'invalid_credential_id',
      'The credential id is not in the expected form.',
      'Mã thông tin đăng nhập không đúng định dạng.',
    ),
};
