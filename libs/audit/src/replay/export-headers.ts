/** The languages a CSV export's header can be written in for people. */
export type ExportLanguage = 'vi' | 'en';
export const EXPORT_LANGUAGES: readonly ExportLanguage[] = ['vi', 'en'];

const HEADERS: Readonly<Record<string, { readonly vi: string; readonly en: string }>> = {
  position: { vi: 'Vị trí trong nhật ký', en: 'Log position' },
  recordedAt: { vi: 'Thời điểm ghi nhận', en: 'Recorded at' },
  occurredOn: { vi: 'Ngày nghiệp vụ', en: 'Business date' },
  streamId: { vi: 'Mã luồng', en: 'Stream' },
  streamVersion: { vi: 'Thứ tự trong luồng', en: 'Stream version' },
  type: { vi: 'Mã loại sự kiện', en: 'Event type code' },
  schemaVersion: { vi: 'Phiên bản lược đồ', en: 'Schema version' },
  actor: { vi: 'Mã người thực hiện', en: 'Actor id' },
  actorRoles: { vi: 'Vai trò người thực hiện', en: 'Actor roles' },
  agency: { vi: 'Đơn vị người thực hiện', en: 'Actor agency' },
  agencies: { vi: 'Các đơn vị liên quan', en: 'Agencies concerned' },
  correlationId: { vi: 'Mã tương quan', en: 'Correlation id' },
  causationId: { vi: 'Mã nguyên nhân', en: 'Causation id' },
  hash: { vi: 'Mã băm', en: 'Hash' },
  data: { vi: 'Dữ liệu gốc', en: 'Data as stored' },
};

/** The words' columns a people's CSV adds after the machine columns. */
const WORD_HEADERS = {
  vi: ['Sự kiện', 'Người thực hiện', 'Nội dung'],
  en: ['Event', 'Entered by', 'What it says'],
} as const;

/** The header of a people's CSV: each machine column named in the language, then the words. */
export function exportHeaders(columns: readonly string[], lang: ExportLanguage): string[] {
  return [...columns.map((column) => HEADERS[column]?.[lang] ?? column), ...WORD_HEADERS[lang]];
}
