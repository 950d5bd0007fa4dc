import { DomainError } from '../shared/domain-error';
import { AGENCY_KINDS } from './agency.commands';

export const AGENCY_NAME_MAX_LENGTH = 255;
/** An alias is a name as a list writes it: as long as a name at most, shorter in practice. */
export const AGENCY_ALIAS_MAX_LENGTH = 200;

export const agencyErrors = {
  notFound: () =>
    new DomainError(
      'not_found',
      'agency_not_found',
      'The agency is not registered.',
      'Cơ quan, đơn vị chưa có trong danh mục.',
    ),
  alreadyRegistered: (code: string) =>
    new DomainError(
      'conflict',
      'agency_already_registered',
      `Agency code ${code} is already registered.`,
      `Mã cơ quan, đơn vị ${code} đã có trong danh mục; chọn mã khác.`,
      { code },
    ),
  inactive: (code: string) =>
    new DomainError(
      'rule_refused',
      'agency_inactive',
      `Agency ${code} is no longer active; reactivate it first.`,
      `Cơ quan, đơn vị ${code} đã ngừng hoạt động; cần khôi phục hoạt động trước.`,
      { code },
    ),
  alreadyActive: (code: string) =>
    new DomainError(
      'rule_refused',
      'agency_active',
      `Agency ${code} is active.`,
      `Cơ quan, đơn vị ${code} đang hoạt động.`,
      { code },
    ),
  nameRequired: () =>
    new DomainError(
      'invalid_input',
      'agency_name_required',
      'A name is required.',
      'Cần nhập tên cơ quan, đơn vị.',
    ),
  nameTooLong: () =>
    new DomainError(
      'rule_refused',
      'agency_name_too_long',
      `The name is longer than ${AGENCY_NAME_MAX_LENGTH} characters.`,
      `Tên cơ quan, đơn vị dài quá ${AGENCY_NAME_MAX_LENGTH} ký tự.`,
    ),
  invalidKind: (kind: unknown) =>
    new DomainError(
      'invalid_input',
      'invalid_agency_kind',
      `Unknown agency kind "${String(kind)}"; use ${AGENCY_KINDS.join(', ')}.`,
      `Loại cơ quan, đơn vị "${String(kind)}" không hợp lệ; chọn một trong: ${AGENCY_KINDS.join(', ')}.`,
      { kind },
    ),
  parentNotFound: (parent: string) =>
    new DomainError(
      'rule_refused',
      'agency_parent_not_found',
      `The parent agency ${parent} is not registered.`,
      `Cơ quan cấp trên ${parent} chưa có trong danh mục.`,
      { parent },
    ),
  parentInactive: (parent: string) =>
    new DomainError(
      'rule_refused',
      'agency_parent_inactive',
      `The parent agency ${parent} is no longer active.`,
      `Cơ quan cấp trên ${parent} đã ngừng hoạt động.`,
      { parent },
    ),
  cycle: (code: string, parent: string) =>
    new DomainError(
      'rule_refused',
      'agency_cycle',
      `${code} cannot be placed under ${parent}: ${parent} is ${code} itself or one of its units.`,
      `Không thể đặt ${code} trực thuộc ${parent} vì ${parent} chính là ${code} hoặc là đơn vị trực thuộc của ${code}.`,
      { code, parent },
    ),
  invalidHead: () =>
    new DomainError(
      'invalid_input',
      'invalid_agency_head',
      'Choose the user who heads the agency, or null to remove the head.',
      'Cần chọn người dùng đứng đầu cơ quan, đơn vị (hoặc để trống để bỏ người đứng đầu).',
      { field: 'userId' },
    ),
  headNotFound: () =>
    new DomainError(
      'rule_refused',
      'agency_head_not_found',
      'The head chosen is not a user of Chidao.',
      'Người được chọn làm người đứng đầu không có trong danh sách người dùng.',
      { field: 'userId' },
    ),
  headDisabled: () =>
    new DomainError(
      'rule_refused',
      'agency_head_disabled',
      'The head chosen has a disabled account; enable it first.',
      'Tài khoản của người được chọn làm người đứng đầu đã bị khóa; cần mở khóa trước.',
      { field: 'userId' },
    ),
  headOutsideAgency: (code: string) =>
    new DomainError(
      'rule_refused',
      'agency_head_outside_agency',
      `The head of agency ${code} must be a user of that agency; move the user to it first.`,
      `Người đứng đầu cơ quan, đơn vị ${code} phải là người dùng thuộc chính cơ quan, đơn vị đó; cần chuyển người dùng về đơn vị trước.`,
      { field: 'userId', code },
    ),
  aliasRequired: () =>
    new DomainError(
      'invalid_input',
      'agency_alias_required',
      'The alias must contain letters or digits.',
      'Trường "Tên gọi khác" cần có chữ hoặc số.',
      { field: 'alias' },
    ),
  aliasTooLong: () =>
    new DomainError(
      'invalid_input',
      'agency_alias_too_long',
      `The alias is longer than ${AGENCY_ALIAS_MAX_LENGTH} characters.`,
      `Trường "Tên gọi khác" dài quá ${AGENCY_ALIAS_MAX_LENGTH} ký tự.`,
      { field: 'alias' },
    ),
  aliasTaken: (alias: string, code: string, owners: readonly { code: string; name: string }[]) => {
    const named = owners.map((owner) => `${owner.name} (${owner.code})`).join(', ');
    return new DomainError(
      'conflict',
      'agency_alias_taken',
      `"${alias}" already names ${named}; it cannot also name ${code}.`,
      `"${alias}" đã là tên, mã hoặc tên gọi khác của ${named}; không thể dùng làm tên gọi khác của ${code}.`,
      { field: 'alias', alias, code, owners: owners.map((owner) => owner.code) },
    );
  },
  unchanged: () =>
    new DomainError(
      'rule_refused',
      'nothing_changed',
      'Nothing would change.',
      'Không có thông tin nào thay đổi.',
    ),
};
