/**
 * The dry run and the commit as the command line prints them, in Vietnamese: the counts, every
 * problem row by row (sheet, row, the column by the file's own heading, the value, what to fix),
 * what would change; names, not codes; dates as dd/mm/yyyy.
 */
import { calendarDate, formatVietnameseDate } from '@chidao/domain';
import type { ImportCommitResult, ImportProblem, ImportView } from '@chidao/imports';
import { line, vn } from '../cli-io';
import type { Writable } from 'node:stream';

const dateOf = (value: string | null): string =>
  value === null ? 'không thời hạn' : formatVietnameseDate(calendarDate(value.slice(0, 10)));

export function printDryRun(out: Writable, view: ImportView): void {
  line(out, `Tệp / file: ${view.fileName} (${vn(view.bytes)} byte, SHA-256 ${view.sha256})`);
  line(out, `Cơ quan giao nhiệm vụ: ${view.agencyName}`);
  line(out, `Mã lần nhập / import id: ${view.id} (xem lại trên màn hình /imports/${view.id})`);
  for (const sheet of view.sheets) {
    // A stacked heading (merged cells above) is shown on one line, its parts joined.
    const columns = sheet.columns
      .filter((column) => column.label !== null)
      .map(
        (column) =>
          `${column.column} "${column.heading.replace(/\s*\n\s*/g, ' / ')}" → ${column.label}`,
      );
    line(
      out,
      `Trang "${sheet.name}": ${
        sheet.headerRow === null
          ? 'không có danh sách nhiệm vụ'
          : `tiêu đề ở dòng ${sheet.headerRow}; ${vn(sheet.tasks)} nhiệm vụ`
      }`,
    );
    if (columns.length > 0) line(out, `  Cột nhận ra:\n    ${columns.join('\n    ')}`);
    if (sheet.missingFields.length > 0) {
      line(out, `  Thiếu cột: ${sheet.missingFields.join(', ')} (chỉ định bằng --mapping)`);
    }
  }
  line(
    out,
    `Kết quả chạy thử: ${vn(view.counts.tasks)} nhiệm vụ · ${vn(view.counts.errors)} lỗi · ` +
      `${vn(view.counts.warnings)} cảnh báo`,
  );
  for (const problem of view.problems) line(out, problemLine(problem));
  const listed = view.problems.length;
  const total = view.counts.errors + view.counts.warnings;
  if (total > listed) line(out, `  … và ${vn(total - listed)} vấn đề khác`);
  for (const name of view.unmatchedNames) {
    line(
      out,
      `Tên cơ quan chưa nhận ra: "${name.text}" (${vn(name.rows)} dòng): ghi nhận tên này cho ` +
        'một cơ quan trên màn hình /imports, rồi chạy lại',
    );
  }
  const { diff } = view;
  line(
    out,
    `So với dữ liệu đã có: ${vn(diff.new)} nhiệm vụ mới · ${vn(diff.changed)} thay đổi · ` +
      `${vn(diff.unchanged)} không đổi · ${vn(diff.vanished)} không còn trong tệp`,
  );
  for (const change of diff.changes) {
    line(
      out,
      `  Thay đổi, trang "${change.sheet}" dòng ${change.row}: ${change.title} (${change.leadAgencyName})`,
    );
    for (const field of change.fields) {
      line(out, `    ${field.label}: ${field.before || '(trống)'} → ${field.after || '(trống)'}`);
    }
  }
  for (const task of diff.vanishedTasks) {
    line(
      out,
      `  Không còn trong tệp: ${task.title} (${task.leadAgencyName}, hạn ${dateOf(task.deadline)})`,
    );
  }
}

function problemLine(problem: ImportProblem): string {
  const kind = problem.severity === 'error' ? 'Lỗi' : 'Cảnh báo';
  const where = [
    `trang "${problem.sheet}"`,
    `dòng ${problem.row}`,
    ...(problem.column === null ? [] : [`cột "${problem.column}"`]),
  ].join(', ');
  const value = problem.value === null ? '' : ` ("${problem.value}")`;
  return `  ${kind} · ${where}${value}: ${problem.vi}`;
}

export function printCommitted(out: Writable, result: ImportCommitResult): void {
  line(
    out,
    `Đã nhập / imported: ${vn(result.created)} nhiệm vụ mới · ${vn(result.updated)} cập nhật · ` +
      `${vn(result.cancelled)} hủy (không còn trong tệp) · ${vn(result.unchanged)} không đổi · ` +
      `${vn(result.directivesRegistered)} văn bản đăng ký mới`,
  );
  line(out, `Ghi nhật ký / recorded at position ${result.position}`);
}
