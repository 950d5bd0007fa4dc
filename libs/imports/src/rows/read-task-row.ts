/**
 * One row of an office's list read into a task to import, or the problems that stop it: each
 * cell through the domain's own readers (document references, text, agency codes) and the
 * import's (dates as spreadsheets hold them, agencies by name). Nothing is guessed; what cannot
 * be read is a problem naming the row, the column, the value, what is wrong and how to fix it.
 */
import {
  cleanText,
  foldText,
  IMPORT_FIELD_LABELS,
  isDomainError,
  MAX_TITLE_LENGTH,
  parseDocumentReference,
  parseImportedDate,
  type AgencyMatcher,
  type CalendarDate,
  type ColumnMapping,
  type ImportedProgress,
  type ImportedTaskFacts,
  type ImportField,
} from '@chidao/domain';
import type { Cell, SheetRow } from '../sheets/sheet';
import { shownValue, type ImportProblem } from './import-problem';

/** A row read: what it says of the task (the domain's facts) and where it stands in the file. */
export interface ImportedTask extends ImportedTaskFacts {
  readonly sheet: string;
  readonly row: number;
  /** The directive's reference in its canonical form; null when the list gives none. */
  readonly documentReference: string | null;
  readonly issuedOn: CalendarDate | null;
}

export type RowReading =
  | {
      readonly kind: 'task';
      readonly task: ImportedTask;
      readonly warnings: readonly ImportProblem[];
    }
  | { readonly kind: 'skipped'; readonly reason: 'blank' | 'section' }
  | { readonly kind: 'problems'; readonly problems: readonly ImportProblem[] };

export interface RowContext {
  readonly sheet: string;
  readonly mapping: ColumnMapping;
  /** Each column's heading as the file writes it, for the problem list. */
  readonly headings: readonly string[];
  readonly agencies: AgencyMatcher;
}

export function readTaskRow(row: SheetRow, context: RowContext): RowReading {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const cellOf = (field: ImportField): Cell => {
    const column = context.mapping.columns[field];
    return column === undefined ? null : (row.cells[column] ?? null);
  };
  const textOf = (field: ImportField): string | null => {
    const cell = cellOf(field);
    if (cell === null || cell instanceof Date) return null;
    const cleaned = cleanText(String(cell), 'line', {
      field,
      en: IMPORT_FIELD_LABELS[field].en,
      vi: IMPORT_FIELD_LABELS[field].vi,
    });
    if (isDomainError(cleaned)) {
      problems.push(problem(field, cell, cleaned.messageVi, cleaned.message));
      return null;
    }
    return cleaned === '' ? null : cleaned;
  };
  const problem = (
    field: ImportField | null,
    value: unknown,
    vi: string,
    en: string,
    severity: 'error' | 'warning' = 'error',
  ): ImportProblem => {
    const column = field === null ? undefined : context.mapping.columns[field];
    return {
      sheet: context.sheet,
      row: row.row,
      column:
        column === undefined
          ? field === null
            ? null
            : IMPORT_FIELD_LABELS[field].vi
          : bottomLine(context.headings[column]) || IMPORT_FIELD_LABELS[field!].vi,
      value: shownValue(value),
      vi,
      en,
      severity,
    };
  };

  const filled = row.cells.filter((cell) => cell !== null && String(cell).trim() !== '');
  if (filled.length === 0) return { kind: 'skipped', reason: 'blank' };
  const title = textOf('title');
  const leadText = textOf('leadAgency');
  // "I. LĨNH VỰC KINH TẾ", "Nhóm nhiệm vụ về chuyển đổi số": a heading between groups of tasks.
  if (leadText === null && filled.length <= 2 && cellOf('deadline') === null) {
    return { kind: 'skipped', reason: 'section' };
  }

  // A task the list says was cancelled or withdrawn: it counted in the figures until that day,
  // which the list does not give, so it cannot be told truly; it is left out, said as a warning.
  const closed = closedStatusOf(textOf('status'));
  if (closed !== null) {
    return {
      kind: 'problems',
      problems: [
        problem(
          'status',
          cellOf('status'),
          `Nhiệm vụ ${closed.vi} nên không được nhập: danh sách không ghi ngày ${closed.vi.replace(/^đã /, '')}, nên không biết nhiệm vụ được tính vào số liệu đến kỳ nào.`,
          `The task was ${closed.en}: it is not imported.`,
          'warning',
        ),
      ],
    };
  }

  if (title === null) {
    problems.push(
      problem(
        'title',
        cellOf('title'),
        'Chưa có nội dung nhiệm vụ; nhập nội dung hoặc xóa dòng này.',
        'The task has no title; enter it or delete the row.',
      ),
    );
  } else if ([...title].length > MAX_TITLE_LENGTH) {
    problems.push(
      problem(
        'title',
        title,
        `Nội dung nhiệm vụ dài ${[...title].length} ký tự, vượt quá ${MAX_TITLE_LENGTH}; hãy rút gọn.`,
        `The title has ${[...title].length} characters, more than ${MAX_TITLE_LENGTH}; shorten it.`,
      ),
    );
  } else if (/(…|\.\.\.)$/.test(title)) {
    warnings.push(
      problem(
        'title',
        title,
        'Nội dung nhiệm vụ có vẻ bị cắt ("…" ở cuối); nên nhập đầy đủ.',
        'The title looks cut off ("…" at its end); enter it in full.',
        'warning',
      ),
    );
  }

  const leadAgency = agencyOf('leadAgency', leadText, true);
  const supportAgencies = (textOf('supportAgencies') ?? '')
    .split(/[;,\n]|\s+-\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => agencyOf('supportAgencies', part, false))
    .filter((code): code is string => code !== null && code !== leadAgency);

  let documentReference: string | null = null;
  const referenceText = textOf('documentReference');
  if (referenceText !== null) {
    const reference = parseDocumentReference(referenceText);
    if (isDomainError(reference)) {
      problems.push(
        problem(
          'documentReference',
          referenceText,
          `${reference.messageVi} Nhập đúng số, ký hiệu như trên văn bản, ví dụ 24/CTr-UBND.`,
          reference.message,
        ),
      );
    } else {
      documentReference = reference.text;
    }
  }

  const issuedOn = dateOf('issuedOn', false);
  const deadline = dateOf('deadline', true);
  const completedOn = dateOf('completedOn', false);
  const statusNote = textOf('status');
  const progress = progressOf(statusNote, completedOn);
  const resultDocument = resultDocumentOf(statusNote);
  if (progress === 'done' && resultDocument === null && problems.length === 0) {
    problems.push(
      problem(
        'resultDocument',
        cellOf('resultDocument'),
        'Nhiệm vụ đã hoàn thành nhưng chưa có văn bản kết quả; nhập số, ký hiệu văn bản báo cáo kết quả (ví dụ 45/BC-STTTT) vào cột Văn bản kết quả.',
        'The task is done but names no result document; enter its number and symbol (e.g. 45/BC-STTTT) in the result document column.',
      ),
    );
  }
  if (progress === 'done' && completedOn === null) {
    problems.push(
      problem(
        'completedOn',
        null,
        'Nhiệm vụ đã hoàn thành nhưng chưa có ngày hoàn thành; nhập ngày hoàn thành để các báo cáo kỳ trước tính đúng.',
        'The task is done but has no completion date; enter it so past periods come out right.',
      ),
    );
  }

  if (problems.length > 0 || title === null || leadAgency === null) {
    return { kind: 'problems', problems };
  }
  return {
    kind: 'task',
    warnings,
    task: {
      sheet: context.sheet,
      row: row.row,
      documentReference,
      issuedOn,
      title,
      leadAgency,
      supportAgencies: [...new Set(supportAgencies)],
      leaderInCharge: textOf('leaderInCharge'),
      deadline,
      progress,
      statusNote,
      completedOn,
      resultDocument,
    },
  };

  function agencyOf(field: ImportField, text: string | null, required: boolean): string | null {
    if (text === null) {
      if (required)
        problems.push(
          problem(
            field,
            null,
            'Chưa có cơ quan chủ trì; nhập tên cơ quan chủ trì.',
            'No lead agency; enter it.',
          ),
        );
      return null;
    }
    const found = context.agencies.match(text);
    if (found.kind === 'matched') return found.code;
    const unmatchedAgency = {
      text,
      field: field === 'leadAgency' ? ('leadAgency' as const) : ('supportAgencies' as const),
    };
    problems.push({
      unmatchedAgency,
      ...(found.kind === 'ambiguous'
        ? problem(
            field,
            text,
            `"${text}" có thể là nhiều cơ quan (${found.codes.join(', ')}); hãy chọn cơ quan đúng trong bảng tên cơ quan chưa khớp.`,
            `"${text}" fits several agencies (${found.codes.join(', ')}); choose the right one in the table of unmatched names.`,
          )
        : problem(
            field,
            text,
            `Không tìm thấy cơ quan "${text}" trong danh mục; hãy chọn cơ quan tương ứng trong bảng tên cơ quan chưa khớp (chỉ cần chọn một lần).`,
            `No agency "${text}" in the register; map it in the table of unmatched names (once is enough).`,
          )),
    });
    return null;
  }

  function resultDocumentOf(note: string | null): string | null {
    const text = textOf('resultDocument');
    if (text !== null) {
      const reference = parseDocumentReference(text);
      if (!isDomainError(reference)) return reference.text;
      problems.push(
        problem(
          'resultDocument',
          text,
          `${reference.messageVi} Nhập đúng số, ký hiệu như trên văn bản, ví dụ 45/BC-STTTT.`,
          reference.message,
        ),
      );
      return null;
    }
    // Only a number-slash-symbol token is taken from the words; anything else is not guessed.
    for (const token of note?.match(/\d+[\p{L}\d.-]*\/[\p{L}\d./&-]*[\p{L}\d]/gu) ?? []) {
      const reference = parseDocumentReference(token);
      if (!isDomainError(reference)) return reference.text;
    }
    return null;
  }

  function dateOf(field: ImportField, noneAllowed: boolean): CalendarDate | null {
    const cell = cellOf(field);
    const parsed = parseImportedDate(cell);
    if (parsed.kind === 'date') return parsed.date;
    if (parsed.kind === 'none') {
      if (
        !noneAllowed &&
        cell !== null &&
        String(cell).trim() !== '' &&
        foldText(String(cell)) !== ''
      ) {
        // "Thường xuyên" as an issue date or a completion date means nothing.
        problems.push(
          problem(
            field,
            cell,
            `${IMPORT_FIELD_LABELS[field].vi} phải là một ngày cụ thể; nhập theo dạng ngày/tháng/năm hoặc để trống.`,
            `${IMPORT_FIELD_LABELS[field].en} must be a day; enter it as day/month/year or leave it empty.`,
          ),
        );
      }
      return null;
    }
    problems.push(
      problem(
        field,
        cell,
        `${IMPORT_FIELD_LABELS[field].vi}: ${parsed.vi}.`,
        `${IMPORT_FIELD_LABELS[field].en}: ${parsed.en}.`,
      ),
    );
    return null;
  }
}

/** A stacked heading's last line ("Văn bản giao nhiệm vụ\nSố, ký hiệu" → "Số, ký hiệu"). */
const bottomLine = (heading: string | undefined): string =>
  (heading ?? '').split('\n').pop()?.trim() ?? '';

/** The status column's words, or a completion date, as what became of the task. */
export function progressOf(
  status: string | null,
  completedOn: CalendarDate | null,
): ImportedProgress {
  const words = status === null ? '' : foldText(status);
  // "đang" folds like "Đảng": only "đang thực hiện / triển khai / xử lý / hoàn thiện" count.
  if (
    /\b(chua|khong) hoan thanh\b|\bdang (thuc hien|trien khai|xu ly|hoan thien)\b|\bchua\b/.test(
      words,
    )
  ) {
    return /\bchua (trien khai|thuc hien)\b/.test(words) ? 'not_started' : 'in_progress';
  }
  if (completedOn !== null || /\b(da )?hoan thanh\b|\bxong\b/.test(words)) return 'done';
  return words === '' ? 'not_started' : 'in_progress';
}

/** The words of a task closed without being done, as lists and Chidao's own export write them. */
const CANCELLED = { vi: 'đã hủy', en: 'cancelled' };
const WITHDRAWN = { vi: 'đã rút', en: 'withdrawn' };
const CLOSED_WORDS: ReadonlyMap<string, { vi: string; en: string }> = new Map([
  ...['huy', 'da huy', 'bi huy', 'huy bo', 'da huy bo'].map((words): [string, typeof CANCELLED] => [
    words,
    CANCELLED,
  ]),
  ...['rut', 'da rut', 'rut nhiem vu', 'da rut nhiem vu'].map(
    (words): [string, typeof WITHDRAWN] => [words, WITHDRAWN],
  ),
]);

/** Only the whole cell counts: "Đã huy động vốn" is work under way, not a cancellation. */
function closedStatusOf(status: string | null): { vi: string; en: string } | null {
  if (status === null) return null;
  const words = foldText(status)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return CLOSED_WORDS.get(words) ?? null;
}
