import type { Writable } from 'node:stream';
import {
  checkPaperAnchor,
  groupDigest,
  parsePaperAnchor,
  type PaperAnchorCheck,
} from '@chidao/audit';
import { formatVietnameseDate, type CalendarDate } from '@chidao/domain';
import { EXIT, line, parseOptions, required, UsageError, vn, type CliIo } from '../cli-io';
import { openAuditSource, SOURCE_OPTIONS } from '../open-source';

export const CHECK_ANCHOR_USAGE = `chidao audit check-anchor --text "<dòng neo in trên báo cáo>" [NGUỒN / SOURCE]

  Đối chiếu dòng "Neo nhật ký ngày …: vị trí …, mã SHA-256 …" in trên báo cáo giấy với nhật ký:
  tính lại mã tóm tắt từ vị trí 0 đến vị trí đã in. Mã thoát 0 khi khớp, 1 khi không khớp.
  Checks an anchor line printed on a paper report against the log, recomputing the log digest up
  to the printed position from the events alone. Exit code 0 when it matches, 1 when it does not.
`;

const OPTIONS = {
  text: { type: 'string' },
  ...SOURCE_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

const STORED_VI: Record<NonNullable<PaperAnchorCheck['storedAnchor']>, string> = {
  same: 'mốc neo lưu trong cơ sở dữ liệu cho ngày này trùng với bản in',
  different:
    'mốc neo lưu trong cơ sở dữ liệu cho ngày này KHÁC bản in (bảng mốc neo đã bị sửa, hoặc bản in không thuộc nhật ký này)',
  missing: 'cơ sở dữ liệu không có mốc neo cho ngày này',
};

export async function checkAnchorCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(CHECK_ANCHOR_USAGE);
    return EXIT.ok;
  }
  const text = required(values.text, 'text');
  const paper = parsePaperAnchor(text);
  if (paper === null) {
    throw new UsageError(
      'The text is not an anchor line: expected "Neo nhật ký [ngày DD/MM/YYYY]: vị trí N, mã SHA-256 <64 hex digits>" (a daily anchor or a report)',
      'Không đọc được dòng neo: cần dạng "Neo nhật ký [ngày DD/MM/YYYY]: vị trí N, mã SHA-256 <64 chữ số hex>" (neo hằng ngày hoặc dòng neo trên báo cáo)',
    );
  }
  const source = await openAuditSource(values);
  try {
    const check = await checkPaperAnchor(source.eventStore, paper, { anchors: source.anchors });
    printCheck(io.stdout, check);
    return check.ok ? EXIT.ok : EXIT.problemFound;
  } finally {
    await source.close();
  }
}

function printCheck(out: Writable, check: PaperAnchorCheck): void {
  const day =
    check.day === null ? 'trên báo cáo' : `ngày ${formatVietnameseDate(check.day as CalendarDate)}`;
  if (check.ok) {
    line(
      out,
      `KHỚP: nhật ký đến vị trí ${vn(check.position)} cho đúng mã SHA-256 in trên báo cáo (neo ${day}).`,
    );
    line(out, `MATCH: the log up to position ${check.position} yields the printed digest.`);
  } else if (check.problem === 'beyond_head') {
    line(
      out,
      `KHÔNG KHỚP: nhật ký chỉ có đến vị trí ${vn(check.headPosition)}, ngắn hơn vị trí in trên báo cáo ` +
        `(${vn(check.position)}): các sự kiện đã bị xoá, hoặc bản in không thuộc nhật ký này.`,
    );
    line(out, `MISMATCH: the log ends at ${check.headPosition}, before ${check.position}.`);
  } else if (check.problem === 'malformed') {
    line(out, 'KHÔNG HỢP LỆ: mã SHA-256 hoặc vị trí in trên báo cáo không đúng dạng.');
    line(out, 'MALFORMED: the printed digest or position is not well formed.');
  } else {
    line(
      out,
      `KHÔNG KHỚP: nhật ký đến vị trí ${vn(check.position)} cho ra mã khác bản in (neo ${day}): ` +
        'một hay nhiều sự kiện đến vị trí đó đã bị sửa, xoá hoặc chuyển chỗ.',
    );
    line(out, `MISMATCH: the log up to position ${check.position} yields another digest.`);
  }
  line(out, `  vị trí / position: ${check.position}`);
  line(out, `  mã in trên báo cáo / printed: ${groupDigest(check.expectedDigest)}`);
  if (check.actualDigest !== null) {
    line(out, `  mã tính từ nhật ký / computed: ${groupDigest(check.actualDigest)}`);
  }
  line(out, `  vị trí cuối của nhật ký / head: ${check.headPosition}`);
  if (check.storedAnchor) {
    line(
      out,
      `  mốc neo lưu / stored anchor: ${check.storedAnchor} (${STORED_VI[check.storedAnchor]})`,
    );
  }
}
