import { DomainError } from '../shared/domain-error';

/** Refusals of an import as a whole (a row's problems are listed, never thrown). */
export const importErrors = {
  notFound: () =>
    new DomainError(
      'not_found',
      'import_not_found',
      'No such import.',
      'Không tìm thấy lần nhập danh sách này; hãy chọn tệp và chạy thử lại.',
    ),
  otherBody: () =>
    new DomainError(
      'forbidden',
      'import_of_other_body',
      'This import belongs to another body.',
      'Lần nhập này là của cơ quan khác; chỉ lãnh đạo, văn phòng theo dõi của cơ quan đó và kiểm toán được xem.',
    ),
  alreadyCommitted: (at: string) =>
    new DomainError(
      'conflict',
      'import_already_committed',
      `This import was committed at ${at}.`,
      'Danh sách này đã được nhập vào hệ thống rồi; muốn cập nhật, hãy chọn lại tệp và chạy thử.',
      { committedAt: at },
    ),
  notReady: (errors: number) =>
    new DomainError(
      'rule_refused',
      'import_has_errors',
      `The dry run has ${errors} errors; fix them in the file and try again.`,
      `Bản chạy thử còn ${errors} lỗi; hãy sửa tệp theo danh sách lỗi rồi chạy thử lại. Chưa có gì được nhập.`,
      { errors },
    ),
  nothingChosen: () =>
    new DomainError(
      'invalid_input',
      'import_nothing_chosen',
      'Nothing to apply: choose new, changed or vanished tasks.',
      'Chưa chọn nội dung nào để nhập (nhiệm vụ mới, thay đổi hoặc không còn trong tệp).',
    ),
  changedMeanwhile: () =>
    new DomainError(
      'conflict',
      'import_changed_meanwhile',
      'The tasks changed while importing; run the dry run again.',
      'Dữ liệu nhiệm vụ vừa thay đổi trong lúc nhập; chưa có gì được nhập. Hãy chạy thử lại rồi nhập.',
    ),
};
