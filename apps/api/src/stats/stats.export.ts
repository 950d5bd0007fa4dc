/**
 * The statistics tables as files: one row per group (agencies by name, months as mm/yyyy) and a
 * total, with the same figure columns as the period report's workbook.
 */
import type { CompletionStats, StatsGroupBy } from '@chidao/domain';
import { FIGURE_COLUMNS } from '@chidao/reporting';
import type { ExportColumn } from '../exports/table-file';
import type { AgencyUrgeRow } from './urge-stats.query';

export interface CompletionExportRow {
  readonly label: string;
  readonly stats: CompletionStats;
}

export const GROUP_HEADINGS_VI: Readonly<Record<StatsGroupBy, string>> = {
  agency: 'Cơ quan chủ trì',
  directive: 'Văn bản chỉ đạo',
  leader: 'Lãnh đạo phụ trách',
  month: 'Tháng giao',
};

export const GROUP_TITLES_VI: Readonly<Record<StatsGroupBy, string>> = {
  agency: 'theo cơ quan',
  directive: 'theo văn bản',
  leader: 'theo lãnh đạo phụ trách',
  month: 'theo tháng',
};

export const completionExportColumns = (
  groupBy: StatsGroupBy | null,
): readonly ExportColumn<CompletionExportRow>[] => [
  { header: groupBy ? GROUP_HEADINGS_VI[groupBy] : 'Phạm vi', width: 36, value: (r) => r.label },
  ...FIGURE_COLUMNS.map((c): ExportColumn<CompletionExportRow> => ({
    header: c.header,
    width: c.width,
    value: (r) => c.value(r.stats),
  })),
];

/** A group's label as people read it: the agency's name, "03/2024" for a month. */
export function groupLabelVi(
  groupBy: StatsGroupBy | null,
  label: string,
  agencyName: (code: string) => string,
): string {
  if (groupBy === 'agency') return agencyName(label);
  if (groupBy === 'month') return `${label.slice(5, 7)}/${label.slice(0, 4)}`;
  return label;
}

export const URGE_EXPORT_COLUMNS: readonly ExportColumn<AgencyUrgeRow>[] = [
  { header: 'STT', width: 6, value: (_r, i) => i + 1 },
  { header: 'Cơ quan chủ trì', width: 36, value: (r) => r.agencyName },
  { header: 'Số lần đôn đốc', width: 14, value: (r) => r.manual },
  { header: 'Số lần nhắc tự động', width: 16, value: (r) => r.automatic },
  { header: 'Tổng cộng', width: 12, value: (r) => r.manual + r.automatic },
];
