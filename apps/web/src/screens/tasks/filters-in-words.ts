import { formatDate } from '../../format/format';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import type { ListFilters } from './task-list-url';
import { statusLabel } from './task-columns';

/**
 * The filters as a reader says them ("Cơ quan: Sở Tài chính; Phân loại: Chưa hoàn thành, quá
 * hạn; Tính đến ngày 30/06/2024"): printed above the list, so a printed page says what it is.
 */
export function filtersInWords(
  t: Translate,
  f: ListFilters,
  at: string,
  names: { agency: (code: string) => string; directive: (id: string) => string },
): string[] {
  const parts: string[] = [];
  if (f.agency) {
    parts.push(
      `${t('list.f.agency', { name: names.agency(f.agency) })}${f.units ? ` ${t('list.f.units')}` : ''}`,
    );
  }
  if (f.directive) parts.push(t('list.f.directive', { reference: names.directive(f.directive) }));
  if (f.leader) parts.push(t('list.f.leader', { name: f.leader }));
  if (f.from && f.to) {
    parts.push(t('list.f.period', { from: formatDate(f.from), to: formatDate(f.to) }));
  }
  if (f.classes.length) {
    parts.push(
      t('list.f.classes', {
        classes: f.classes.map((c) => t(`class.${c}` as MessageKey)).join(', '),
      }),
    );
  }
  if (f.status.length) {
    parts.push(t('list.f.status', { statuses: f.status.map((s) => statusLabel(t, s)).join(', ') }));
  }
  if (f.deadlineFrom || f.deadlineTo) {
    const range = [
      f.deadlineFrom ? t('list.f.deadlineFrom', { date: formatDate(f.deadlineFrom) }) : '',
      f.deadlineTo ? t('list.f.deadlineTo', { date: formatDate(f.deadlineTo) }) : '',
    ]
      .filter(Boolean)
      .join(' ');
    parts.push(t('list.f.deadline', { range }));
  }
  if (f.key) parts.push(t('list.f.key'));
  if (f.q) parts.push(t('list.f.words', { words: f.q }));
  parts.push(t('list.f.at', { date: formatDate(at) }));
  return parts;
}
