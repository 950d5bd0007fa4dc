import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  EXPORT_FORMATS,
  exportEvents,
  parseEventFilter,
  type ExportFormat,
  type ExportSummary,
} from '@chidao/audit';
import { isDomainError } from '@chidao/domain';
import {
  EXIT,
  line,
  parseOptions,
  required,
  UsageError,
  vn,
  writeChunk,
  type CliIo,
} from '../cli-io';
import { isSourceFile, openAuditSource, SOURCE_OPTIONS } from '../open-source';

export const REPLAY_USAGE = `chidao audit replay --from YYYY-MM-DD --to YYYY-MM-DD [NGUỒN / SOURCE]
    [--by occurred|recorded] [--agency CODE] [--actor USER_ID] [--type T[,T…]] [--stream ID|PREFIX*]
    [--format ndjson|csv] [--out FILE]

  Phát lại các sự kiện của một kỳ, theo thứ tự trong nhật ký, ra stdout hoặc tệp --out
  (NDJSON mặc định, hoặc CSV mở được bằng Excel). --by occurred: lọc theo ngày nghiệp vụ (mặc định);
  --by recorded: theo ngày nhập vào hệ thống (giờ Việt Nam). Tóm tắt in ra stderr.
  Replays the events of a period in log order to stdout or --out (NDJSON by default, or CSV).
  --by occurred bounds the business date (default), --by recorded the Vietnam day the event was
  stored. --agency: events by a user of the agency or naming it. A summary goes to stderr.
`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  agency: { type: 'string' },
  actor: { type: 'string' },
  type: { type: 'string', multiple: true },
  stream: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  ...SOURCE_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(REPLAY_USAGE);
    return EXIT.ok;
  }
  const format = (values.format ?? 'ndjson') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be ndjson or csv, not "${values.format}"`,
      `--format phải là ndjson hoặc csv, không phải "${values.format}"`,
    );
  }
  const filter = parseEventFilter({
    from: required(values.from, 'from'),
    to: required(values.to, 'to'),
    by: values.by,
    agency: values.agency,
    actor: values.actor,
    type: values.type?.flatMap((type) => type.split(',')),
    stream: values.stream,
  });
  if (isDomainError(filter)) throw new UsageError(filter.message, filter.messageVi);

  const source = await openAuditSource(values);
  try {
    const out = values.out;
    if (out !== undefined && isSourceFile(source, out)) {
      throw new UsageError(
        `--out ${out} is the audited database itself: choose another file`,
        `--out ${out} chính là cơ sở dữ liệu đang kiểm tra: hãy chọn tệp khác`,
      );
    }
    const output = out === undefined ? io.stdout : openOutput(out);
    const result: { summary?: ExportSummary } = {};
    try {
      const chunks = exportEvents(source.eventStore, filter, {
        format,
        onDone: (summary) => (result.summary = summary),
      });
      for await (const chunk of chunks) await writeChunk(output, chunk);
    } finally {
      if (output !== io.stdout) {
        output.end();
        await finished(output);
      }
    }
    if (result.summary) printSummary(io.stderr, result.summary);
    return EXIT.ok;
  } finally {
    await source.close();
  }
}

/** Opened now, so a bad path is a clear error before any reading. */
function openOutput(file: string): Writable {
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Cannot write ${file}: ${reason}`,
      `Không ghi được tệp ${file}: ${reason}`,
    );
  }
  return fs.createWriteStream('', { fd });
}

function printSummary(stderr: Writable, { scanned, matched, upTo }: ExportSummary): void {
  line(
    stderr,
    `Đã đọc ${vn(scanned)} sự kiện đến vị trí ${vn(upTo)}, xuất ${vn(matched)} sự kiện khớp điều kiện.`,
  );
  line(stderr, `scanned ${scanned}, matched ${matched}, position ${upTo}`);
}
