/** The directives list's columns as a file shows them: the issuing body by name, dd/mm/yyyy. */
import { DIRECTIVE_KIND_NAMES_VI, type DirectiveState } from '@chidao/domain';
import { dayMonthYear, type ExportColumn } from '../exports/table-file';

type Row = DirectiveState & { id: string };

export const DIRECTIVE_STATUS_LABELS_VI: Readonly<Record<DirectiveState['status'], string>> = {
  none: '',
  active: 'Đang có hiệu lực',
  revoked: 'Đã thu hồi',
  withdrawn: 'Đã rút (nhập nhầm)',
};

export const directiveExportColumns = (
  agencyName: (code: string) => string,
): readonly ExportColumn<Row>[] => [
  { header: 'STT', width: 6, value: (_d, i) => i + 1 },
  { header: 'Số, ký hiệu', width: 20, value: (d) => d.reference?.text ?? '' },
  {
    header: 'Loại văn bản',
    width: 16,
    value: (d) => (d.kind ? DIRECTIVE_KIND_NAMES_VI[d.kind] : ''),
  },
  { header: 'Ngày ban hành', width: 14, value: (d) => dayMonthYear(d.issuedOn) },
  { header: 'Cơ quan ban hành', width: 30, value: (d) => d.issuer },
  {
    header: 'Cơ quan giao nhiệm vụ',
    width: 30,
    value: (d) => (d.assigningAgency ? agencyName(d.assigningAgency) : ''),
  },
  { header: 'Trích yếu', width: 60, value: (d) => d.title },
  { header: 'Năm chương trình', width: 10, value: (d) => d.programmeYear },
  { header: 'Tình trạng', width: 18, value: (d) => DIRECTIVE_STATUS_LABELS_VI[d.status] },
];
