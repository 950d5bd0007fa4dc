import type { Writable } from 'node:stream';
import {
  FileWitness,
  loadCheckpointPublicKey,
  verifyIntegrity,
  type IntegrityBreak,
  type IntegrityBreakKind,
  type IntegrityReport,
} from '@chidao/audit';
import { EXIT, line, parseOptions, UsageError, vn, type CliIo } from '../cli-io';
import { openAuditSource, SOURCE_OPTIONS } from '../open-source';

export const VERIFY_USAGE = `chidao audit verify [NGUỒN / SOURCE] [--witness-file FILE --public-key FILE]

  Kiểm tra toàn bộ nhật ký: chuỗi mã băm của từng luồng, vị trí liên tục, và các mốc neo hằng ngày.
  Mã thoát 0 khi nhật ký nguyên vẹn, 1 khi phát hiện sai lệch (in ra luồng, phiên bản, mốc neo).
  Walks every stream's hash chain, the global positions and the daily anchors. Exit code 0 when
  the log is intact, 1 when a break is found (its kind, stream and version or anchor day printed).
  --witness-file  tệp nhân chứng các điểm kiểm có chữ ký · the witness file of signed checkpoints
                  (mặc định / default CHIDAO_AUDIT_WITNESS_FILE)
  --public-key    khoá công khai (hoặc khoá bí mật) Ed25519 · the Ed25519 public (or private) key
                  (mặc định / default CHIDAO_AUDIT_SIGNING_KEY)
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  'witness-file': { type: 'string' },
  'public-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What each kind of break means, for the auditor reading the report. */
const MEANING_VI: Record<IntegrityBreakKind, string> = {
  hash_mismatch:
    'Một sự kiện không khớp mã băm của nó: nội dung đã bị sửa sau khi ghi, hoặc sự kiện bị chuyển chỗ.',
  position_gap: 'Vị trí trong nhật ký bị đứt quãng: có sự kiện đã bị xoá hoặc bị chuyển chỗ.',
  version_gap:
    'Phiên bản trong một luồng sự kiện bị đứt quãng: có sự kiện của luồng đã bị xoá hoặc chèn thêm.',
  anchor_mismatch:
    'Nhật ký không còn cho ra đúng mã tóm tắt đã neo: các sự kiện đến vị trí của mốc neo đã bị xoá, chuyển chỗ hoặc viết lại.',
  anchor_chain_broken: 'Chuỗi mốc neo hằng ngày bị đứt: một mốc neo đã bị sửa, xoá hoặc chèn thêm.',
  truncated:
    'Nhật ký kết thúc trước vị trí của một mốc neo hoặc điểm kiểm: các sự kiện mới nhất đã bị xoá.',
  checkpoint_invalid:
    'Một điểm kiểm có chữ ký không hợp lệ: chữ ký không phải của khoá đã cấu hình, hoặc nội dung đã bị sửa.',
  event_rewritten:
    'Một sự kiện không còn là sự kiện đã được ký trong điểm kiểm: nội dung đã bị sửa và chuỗi mã băm bị tính lại.',
  report_mismatch:
    'Nhật ký không còn cho ra đúng mã tóm tắt mà một báo cáo đã ghi tại vị trí của nó: các sự kiện đã bị xoá, chuyển chỗ hoặc viết lại.',
  checkpoint_mismatch:
    'Nhật ký không còn cho ra đúng mã tóm tắt đã ký tại vị trí của một điểm kiểm: các sự kiện đã bị xoá, chuyển chỗ hoặc viết lại.',
};

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(VERIFY_USAGE);
    return EXIT.ok;
  }
  const source = await openAuditSource(values);
  try {
    line(io.stdout, `Nhật ký / log: ${source.label}`);
    const checkpoints = witnessOf(values, process.env);
    const report = await verifyIntegrity(source.eventStore, source.anchors, { checkpoints });
    printReport(io.stdout, report);
    return report.ok ? EXIT.ok : EXIT.problemFound;
  } finally {
    await source.close();
  }
}

/** The signed checkpoints and the key to check them with, when a witness file is named. */
function witnessOf(
  values: { 'witness-file'?: string; 'public-key'?: string },
  env: NodeJS.ProcessEnv,
) {
  const file = values['witness-file'] ?? env.CHIDAO_AUDIT_WITNESS_FILE;
  const key = values['public-key'] ?? env.CHIDAO_AUDIT_SIGNING_KEY;
  if (file === undefined) return undefined;
  if (key === undefined) {
    throw new UsageError(
      'A witness file is checked against a public key: give --public-key FILE',
      'Cần khoá công khai để kiểm tra tệp nhân chứng: thêm --public-key TỆP',
    );
  }
  return { records: new FileWitness(file).read(), publicKey: loadCheckpointPublicKey(key) };
}

function printReport(out: Writable, report: IntegrityReport): void {
  const { eventsChecked, streams, anchorsChecked } = report;
  if (report.ok || report.firstBreak === null) {
    line(
      out,
      `NGUYÊN VẸN: đã kiểm tra ${vn(eventsChecked)} sự kiện thuộc ${vn(streams)} luồng và ` +
        `${vn(anchorsChecked)} mốc neo hằng ngày; vị trí cuối ${vn(report.headPosition ?? 0)}.`,
    );
    line(
      out,
      `INTACT: ${eventsChecked} events in ${streams} streams and ${anchorsChecked} anchors checked, ` +
        `head position ${report.headPosition ?? 0}.`,
    );
    if (report.checkpointsChecked !== undefined) {
      line(
        out,
        `Điểm kiểm có chữ ký / signed checkpoints checked: ${vn(report.checkpointsChecked)}.`,
      );
    }
    return;
  }
  const broken = report.firstBreak;
  line(out, `PHÁT HIỆN SAI LỆCH / BREAK FOUND: ${MEANING_VI[broken.kind]}`);
  for (const [label, value] of technicalLines(broken)) line(out, `  ${label}: ${value}`);
  line(
    out,
    `Đã kiểm tra ${vn(eventsChecked)} sự kiện, ${vn(anchorsChecked)} mốc neo trước chỗ sai lệch ` +
      `(events checked ${eventsChecked}, anchors checked ${anchorsChecked}).`,
  );
}

function technicalLines(broken: IntegrityBreak): [string, string | number][] {
  const lines: [string, string | number | undefined][] = [
    ['loại / kind', broken.kind],
    ['luồng / stream', broken.streamId],
    ['phiên bản / version', broken.streamVersion],
    ['loại sự kiện / event type', broken.eventType],
    ['điểm kiểm lúc / checkpoint at', broken.checkpointCreatedAt],
    ['vị trí / position', broken.position],
    ['mốc neo ngày / anchor day', broken.anchorDay],
    ['báo cáo / report', broken.report],
    ['mong đợi / expected', broken.expected],
    ['thực tế / actual', broken.actual],
    ['chi tiết / detail', broken.detail],
  ];
  return lines.filter((entry): entry is [string, string | number] => entry[1] !== undefined);
}
