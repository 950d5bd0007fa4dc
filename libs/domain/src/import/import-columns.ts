/**
 * The columns of a task list as offices keep it (DOMAIN.md, "What offices already hold"), and
 * how a header row is read: each header folded (accents, case, spacing and punctuation aside)
 * and compared with the usual Vietnamese headings. A header that names no known column is left
 * for the person importing to map by hand.
 */
import { compactText } from '../shared/fold-text';

export const IMPORT_FIELDS = [
  'sequence',
  'documentReference',
  'issuedOn',
  'title',
  'leadAgency',
  'supportAgencies',
  'leaderInCharge',
  'deadline',
  'status',
  'completedOn',
  'resultDocument',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What the import needs at least: a task has a title and a lead agency. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['title', 'leadAgency'];

/** The field's name on the preview and in the problems (Vietnamese, as the headers say it). */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, { vi: string; en: string }>> = {
  sequence: { vi: 'STT', en: 'No.' },
  documentReference: { vi: 'Số ký hiệu văn bản', en: 'Document reference' },
  issuedOn: { vi: 'Ngày ban hành', en: 'Issued on' },
  title: { vi: 'Nội dung nhiệm vụ', en: 'Task' },
  leadAgency: { vi: 'Cơ quan chủ trì', en: 'Lead agency' },
  supportAgencies: { vi: 'Cơ quan phối hợp', en: 'Supporting agencies' },
  leaderInCharge: { vi: 'Lãnh đạo phụ trách', en: 'Leader in charge' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  status: { vi: 'Tình hình thực hiện', en: 'Progress' },
  completedOn: { vi: 'Ngày hoàn thành', en: 'Completed on' },
  resultDocument: { vi: 'Văn bản kết quả', en: 'Result document' },
};

/**
 * The headings seen in provinces' lists, each as `compactText` leaves it. A heading matches a
 * field when it equals one of these or starts with one (offices add "(ngày/tháng/năm)", "giao",
 * "theo văn bản" and the like).
 */
const HEADINGS: Readonly<Record<ImportField, readonly string[]>> = {
  sequence: ['stt', 'sothutu', 'tt'],
  documentReference: [
    'sokyhieu',
    'sokyhieuvanban',
    'sovanban',
    'sohieuvanban',
    'vanbangiaonhiemvu',
    'vanbanchidao',
    'sokyhieuvanbangiaonhiemvu',
  ],
  issuedOn: ['ngaybanhanh', 'ngayvanban', 'ngayky', 'ngaygiao', 'ngaygiaonhiemvu'],
  title: [
    'trichyeu',
    'noidungnhiemvu',
    'noidung',
    'nhiemvu',
    'tennhiemvu',
    'noidungcongviec',
    'noidungchidao',
    'trichyeunoidung',
  ],
  leadAgency: [
    'coquanchutri',
    'donvichutri',
    'chutri',
    'coquandonvichutri',
    'donvithuchien',
    'coquanthuchien',
    'coquanduocgiao',
    'donviduocgiao',
  ],
  supportAgencies: ['coquanphoihop', 'donviphoihop', 'phoihop', 'coquandonviphoihop'],
  leaderInCharge: ['lanhdaophutrach', 'lanhdaochidao', 'phutrach', 'lanhdaotheodoi'],
  deadline: ['thoihan', 'thoihanhoanthanh', 'hanhoanthanh', 'thoigianhoanthanh', 'han'],
  status: [
    'tinhhinhthuchien',
    'ketqua',
    'ketquathuchien',
    'tinhtrang',
    'tiendo',
    'tinhhinhketquathuchien',
    'trangthai',
  ],
  completedOn: ['ngayhoanthanh', 'thoigianhoanthanhthucte', 'ngayhoanthanhthucte'],
  resultDocument: [
    'vanbanketqua',
    'sovanbanketqua',
    'vanbanbaocaoketqua',
    'sokyhieuvanbanketqua',
    'vanbanbaocao',
  ],
};

// Longest headings first: "thoihanhoanthanh" is the deadline, not "han…"; "ngayhoanthanh" is
// the completion date, not a heading that merely starts with "ngay".
const BY_LENGTH = IMPORT_FIELDS.flatMap((field) =>
  HEADINGS[field].map((heading) => ({ field, heading })),
).sort((a, b) => b.heading.length - a.heading.length);

/** The field a header names, or null when none of the usual headings fits it. */
export function fieldOfHeader(header: string): ImportField | null {
  const key = compactText(header);
  if (key === '') return null;
  const exact = BY_LENGTH.find(({ heading }) => key === heading);
  if (exact) return exact.field;
  // A heading of three letters or fewer only counts when it is the whole header ("TT", "Hạn").
  const prefix = BY_LENGTH.find(({ heading }) => heading.length > 3 && key.startsWith(heading));
  return prefix?.field ?? null;
}

export interface ColumnMapping {
  /** Each recognised field with its column (0-based), the first column that names it. */
  readonly columns: Partial<Record<ImportField, number>>;
  /** Headers that name no known field, by column, for the person to map or leave out. */
  readonly unknown: readonly { readonly column: number; readonly header: string }[];
  /** Required fields no header names: the import cannot go on until they are mapped. */
  readonly missing: readonly ImportField[];
}

/**
 * Reads a header row. Several header rows (merged cells: "Văn bản" over "Số" and "Ngày") are
 * read by passing each column's headers joined with a space, top to bottom.
 */
export function guessColumnMapping(headers: readonly string[]): ColumnMapping {
  const columns: Partial<Record<ImportField, number>> = {};
  const unknown: { column: number; header: string }[] = [];
  headers.forEach((header, column) => {
    // The bottom line of a stacked heading says what the column holds ("Văn bản" over "Ngày ban hành").
    const field = fieldOfHeader(lastLine(header)) ?? fieldOfHeader(header);
    if (field === null) {
      if (header.trim() !== '') unknown.push({ column, header: header.trim() });
    } else if (columns[field] === undefined) {
      columns[field] = column;
    }
  });
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => columns[field] === undefined);
  return { columns, unknown, missing };
}

/** The bottom line of a stacked header ("Văn bản giao Số ký hiệu" → its last heading). */
function lastLine(header: string): string {
  const parts = header.split(/\n| {2,}/).filter((part) => part.trim() !== '');
  return parts.length > 1 ? parts[parts.length - 1] : header;
}
