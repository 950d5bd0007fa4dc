import { formatVietnameseDate, type CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';

const vi = (date: string) => formatVietnameseDate(date as CalendarDate);

export const DIRECTIVE_TITLE_MAX_LENGTH = 500;
export const DIRECTIVE_ISSUER_MAX_LENGTH = 255;
export const DIRECTIVE_SUMMARY_MAX_LENGTH = 4000;

export const directiveErrors = {
  /** Another directive of the same issuing body, year, number and symbol is registered. */
  referenceTaken: (reference: string) =>
    new DomainError(
      'conflict',
      'directive_reference_taken',
      `A directive with reference ${reference} from this issuer and year is already registered.`,
      `Văn bản số ${reference} của cơ quan ban hành này trong năm đã được nhập vào hệ thống.`,
      { reference },
    ),
  /** The directive id is taken (the store refused the append). */
  idTaken: (directiveId: string) =>
    new DomainError(
      'conflict',
      'directive_already_exists',
      `Directive ${directiveId} already exists.`,
      `Văn bản ${directiveId} đã tồn tại.`,
    ),
  notFound: () =>
    new DomainError(
      'not_found',
      'directive_not_found',
      'The directive has not been registered.',
      'Văn bản chỉ đạo chưa được nhập vào hệ thống.',
    ),
  alreadyRegistered: (reference: string) =>
    new DomainError(
      'conflict',
      'directive_already_registered',
      `This directive is already registered (${reference}).`,
      `Văn bản chỉ đạo này đã được nhập (${reference}).`,
      { reference },
    ),
  revoked: () =>
    new DomainError(
      'rule_refused',
      'directive_revoked',
      'The directive has been revoked; it accepts no further changes.',
      'Văn bản chỉ đạo đã bị thu hồi, không thể thay đổi thêm.',
    ),
  withdrawn: () =>
    new DomainError(
      'rule_refused',
      'directive_withdrawn',
      'The directive was withdrawn as registered in error; it accepts no further changes.',
      'Văn bản chỉ đạo đã được rút do nhập nhầm, không thể thay đổi thêm.',
    ),
  withdrawalWithTasks: (openTasks: number) =>
    new DomainError(
      'rule_refused',
      'directive_has_tasks',
      `The directive still has ${openTasks} task(s) not cancelled; cancel them before withdrawing it.`,
      `Văn bản chỉ đạo còn ${openTasks} nhiệm vụ chưa bị hủy; cần hủy các nhiệm vụ này trước khi rút văn bản.`,
      { openTasks },
    ),
  idRequired: () =>
    new DomainError(
      'invalid_input',
      'directive_id_required',
      'A directive id is required.',
      'Thiếu mã văn bản chỉ đạo.',
    ),
  issuerRequired: () =>
    new DomainError(
      'invalid_input',
      'directive_issuer_required',
      'The issuing body is required (e.g. UBND tỉnh Hà Tĩnh).',
      'Cần nhập cơ quan ban hành (ví dụ UBND tỉnh Hà Tĩnh).',
    ),
  issuerTooLong: () =>
    new DomainError(
      'rule_refused',
      'directive_issuer_too_long',
      `The issuing body is longer than ${DIRECTIVE_ISSUER_MAX_LENGTH} characters.`,
      `Tên cơ quan ban hành dài quá ${DIRECTIVE_ISSUER_MAX_LENGTH} ký tự.`,
    ),
  titleRequired: () =>
    new DomainError(
      'invalid_input',
      'directive_title_required',
      'The title (trích yếu) is required.',
      'Cần nhập trích yếu nội dung văn bản.',
    ),
  titleTooLong: (length: number) =>
    new DomainError(
      'rule_refused',
      'directive_title_too_long',
      `The title has ${length} characters; at most ${DIRECTIVE_TITLE_MAX_LENGTH} are allowed.`,
      `Trích yếu dài ${length} ký tự, vượt quá ${DIRECTIVE_TITLE_MAX_LENGTH} ký tự cho phép.`,
      { length, max: DIRECTIVE_TITLE_MAX_LENGTH },
    ),
  summaryTooLong: (length: number) =>
    new DomainError(
      'rule_refused',
      'directive_summary_too_long',
      `The summary has ${length} characters; at most ${DIRECTIVE_SUMMARY_MAX_LENGTH} are allowed.`,
      `Tóm tắt dài ${length} ký tự, vượt quá ${DIRECTIVE_SUMMARY_MAX_LENGTH} ký tự cho phép.`,
      { length, max: DIRECTIVE_SUMMARY_MAX_LENGTH },
    ),
  symbolYearMismatch: (reference: string, symbolYear: number, issuedOn: string) =>
    new DomainError(
      'rule_refused',
      'directive_year_mismatch',
      `${reference} carries the year ${symbolYear} but is dated ${issuedOn}; a legal document's symbol year is its year of issue.`,
      `Văn bản ${reference} ghi năm ${symbolYear} trong số, ký hiệu nhưng ngày ban hành là ${vi(issuedOn)}; năm trong ký hiệu phải là năm ban hành. Kiểm tra lại số, ký hiệu hoặc ngày ban hành.`,
      { reference, symbolYear, issuedOn },
    ),
  issuedAfterEntry: (issuedOn: string, occurredOn: string) =>
    new DomainError(
      'rule_refused',
      'directive_issued_after_entry',
      `The directive is dated ${issuedOn}, after the date it is entered (${occurredOn}).`,
      `Ngày ban hành (${vi(issuedOn)}) sau ngày nhập văn bản (${vi(occurredOn)}); kiểm tra lại ngày ban hành.`,
      { issuedOn, occurredOn },
    ),
  unchanged: () =>
    new DomainError(
      'rule_refused',
      'nothing_changed',
      'Nothing would change.',
      'Không có thông tin nào thay đổi.',
    ),
  reasonRequired: () =>
    new DomainError('invalid_input', 'reason_required', 'A reason is required.', 'Cần nêu lý do.'),
};
