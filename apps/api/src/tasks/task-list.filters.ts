import { TASK_STATUS_LABELS_VI } from '@chidao/domain';
import type { TaskTableQueryDto } from './task-list.dto';
import { dayMonthYear } from '../exports/table-file';
import { TASK_CLASS_LABELS_VI } from './task-list.export';

/** The filters of an exported list in a sentence, for the file's second line. */
export function filtersInWords(
  params: TaskTableQueryDto,
  at: string,
  agencyName: (code: string) => string,
  items: ReadonlyArray<{ directiveReference: string }>,
): string {
  const parts: string[] = [];
  if (params.agency) {
    parts.push(
      `Cơ quan: ${agencyName(params.agency)}${params.includeUnits ? ' (gồm đơn vị trực thuộc)' : ''}`,
    );
  }
  if (params.directive && items.length > 0) {
    parts.push(`Văn bản chỉ đạo: ${items[0].directiveReference}`);
  }
  if (params.leader) parts.push(`Lãnh đạo phụ trách: ${params.leader}`);
  if (params.from && params.to) {
    parts.push(`Giao từ ${dayMonthYear(params.from)} đến ${dayMonthYear(params.to)}`);
  }
  if (params.class?.length) {
    parts.push(`Phân loại: ${params.class.map((c) => TASK_CLASS_LABELS_VI[c]).join(', ')}`);
  }
  if (params.awaiting) parts.push('Chờ xác nhận hoàn thành');
  if (params.status?.length) {
    parts.push(`Trạng thái: ${params.status.map((s) => TASK_STATUS_LABELS_VI[s]).join(', ')}`);
  }
  if (params.deadlineFrom || params.deadlineTo) {
    parts.push(
      `Thời hạn${params.deadlineFrom ? ` từ ${dayMonthYear(params.deadlineFrom)}` : ''}${
        params.deadlineTo ? ` đến ${dayMonthYear(params.deadlineTo)}` : ''
      }`,
    );
  }
  if (params.keyTask) parts.push('Chỉ nhiệm vụ trọng tâm');
  if (params.q) parts.push(`Từ khóa: ${params.q}`);
  parts.push(`Tính đến ngày ${dayMonthYear(at)}`);
  return parts.join('; ');
}
