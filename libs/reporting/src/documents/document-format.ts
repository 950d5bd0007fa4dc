import {
  calendarDate,
  dateParts,
  formatCount,
  formatPercentCut,
  formatVietnameseDate,
  vietnamDateOf,
  type CompletionStats,
  type Rate,
} from '@chidao/domain';
import { groupDigest } from '@chidao/event-store';
import type { ReportScope, ReportSnapshot } from '../report.types';

/**
 * Small pieces of Vietnamese wording shared by the text, the workbook and the document, so the
 * three never print the same figure two ways. Pure string work, no Intl: its output varies
 * between runtimes and the documents must be the same bytes everywhere.
 */

/** `2024-05-27` → `27/05/2024`. Throws on a malformed date: a snapshot holding one is a bug. */
export const viDate = (isoDate: string): string => formatVietnameseDate(calendarDate(isoDate));

/** `2024-05-27` → a UTC-midnight Date, which spreadsheets store as a whole day on every machine. */
export function utcDate(isoDate: string): Date {
  const { year, month, day } = dateParts(calendarDate(isoDate));
  return new Date(Date.UTC(year, month - 1, day));
}

/** The Vietnam calendar day the snapshot was taken, the day its documents are dated. */
export const issuedOnOf = (snapshot: ReportSnapshot): string => vietnamDateOf(snapshot.takenAt);

/**
 * "ngày 27 tháng 5 năm 2024". Nghị định 30/2020 (Phụ lục I) writes days under 10 and the
 * months 1 and 2 with a leading zero ("ngày 05 tháng 02"), so they cannot be misread.
 */
export function longDateVi(isoDate: string): string {
  const { year, month, day } = dateParts(calendarDate(isoDate));
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/**
 * A change in percentage points with a decimal comma: 2.15 → "2,15". Both rates were cut to
 * hundredths, so their difference is a whole number of hundredths up to float noise; rounding
 * to hundredths removes the noise and loses nothing.
 */
export function formatPoints(points: number): string {
  const hundredths = Math.round(Math.abs(points) * 100);
  const whole = Math.floor(hundredths / 100);
  const fraction = hundredths % 100;
  const decimals = fraction === 0 ? '' : `,${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  return `${formatCount(whole)}${decimals}`;
}

/** Who the report speaks of: the agency, the agency and its units, or everyone in scope. */
export function scopeSubjectVi(scope: ReportScope): string {
  if (scope.agencyName === null) return 'các cơ quan, đơn vị';
  return scope.includeUnits ? `${scope.agencyName} và các đơn vị trực thuộc` : scope.agencyName;
}

/** One line describing the scope for the summary sheet and the document's figures. */
export function scopeLineVi(scope: ReportScope): string {
  const subject = scope.agencyName === null ? 'Toàn bộ cơ quan, đơn vị' : scopeSubjectVi(scope);
  return scope.directiveReference === null
    ? subject
    : `${subject}; nhiệm vụ giao tại văn bản số ${scope.directiveReference}`;
}

/** Upper case as Vietnamese headers print names ("Văn phòng" → "VĂN PHÒNG"); locale-free. */
export const upperVi = (text: string): string => text.toUpperCase();

/**
 * "Neo nhật ký: vị trí 12.345, mã SHA-256 3f7a0c1d 5e2b4a69 … (neo ngày 27/05/2024: vị trí
 * 12.000, mã neo 9a8b7c6d …)": the log digest at the snapshot's position, which anyone can
 * recompute from the log alone, and the daily anchor it continued from, to find in the anchor
 * list or on its paper copy. Null for snapshots taken before log anchors existed.
 */
export function logAnchorLineVi(snapshot: ReportSnapshot): string | null {
  const anchor = snapshot.logAnchor;
  if (anchor === undefined) return null;
  const line =
    `Neo nhật ký: vị trí ${formatCount(anchor.position)}, ` +
    `mã SHA-256 ${groupDigest(anchor.logDigest)}`;
  const daily = anchor.dailyAnchor;
  if (daily === null) return `${line}.`;
  return (
    `${line} (neo ngày ${viDate(daily.day)}: vị trí ${formatCount(daily.position)}, ` +
    `mã neo ${groupDigest(daily.anchorDigest)}).`
  );
}

/**
 * The name an agency is printed under, from its code (the register's name; the code itself when
 * the register does not know it). Documents print names; snapshots store codes, which never
 * change, so a report printed again after a renaming shows the register's name of the day.
 */
export type AgencyNameOf = (code: string) => string;

export const codeAsName: AgencyNameOf = (code) => code;

/**
 * The overdue share (DOMAIN.md): overdue not done ÷ all tasks. Snapshots taken before it
 * existed do not hold it; it is the same quotient of two counts they do hold.
 */
export const overdueShareOf = (s: CompletionStats): Rate =>
  (s.rates as Partial<CompletionStats['rates']>).overdueShare ?? {
    numerator: s.notDone.overdue,
    denominator: s.total,
    ...formatPercentCut(s.notDone.overdue, s.total),
  };

/** `2024-06-01T02:00:00.000Z` → `01/06/2024 09:00` (Vietnam time, UTC+7 all year). */
export function viDateTime(isoInstant: string): string {
  const vietnam = new Date(new Date(isoInstant).getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(vietnam.getUTCDate())}/${pad(vietnam.getUTCMonth() + 1)}/${vietnam.getUTCFullYear()} ` +
    `${pad(vietnam.getUTCHours())}:${pad(vietnam.getUTCMinutes())}`
  );
}

/**
 * A file name people read: "Bao cao quy II nam 2024 - So Tai chinh.xlsx" (ASCII, for the
 * Content-Disposition fallback) and the same in Vietnamese ("Báo cáo quý II năm 2024 - Sở Tài
 * chính.xlsx") for browsers that read `filename*`.
 */
export function reportFileNames(
  snapshot: ReportSnapshot,
  extension: string,
): { readonly vietnamese: string; readonly ascii: string } {
  const label = snapshot.period.labelVi.replace(/\s*\(.*\)$/, '');
  const subject = snapshot.scope.agencyName === null ? '' : ` - ${snapshot.scope.agencyName}`;
  // Dates keep their order with dashes ("01-07-2024"): a slash cannot be in a file name.
  const base = `Báo cáo ${label}${subject}`
    .replace(/\//g, '-')
    .replace(/[\\:*?"<>|\r\n\t]+/g, ' ')
    .trim();
  const vietnamese = `${base}.${extension}`;
  const ascii = vietnamese
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
  return { vietnamese, ascii };
}
