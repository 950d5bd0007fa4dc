import { documentSafe, formatCount as n, type CompletionStats } from '@chidao/domain';
import type { OverdueEntry, PeriodComparison, ReportSnapshot } from '../report.types';
import {
  codeAsName,
  formatPoints,
  logAnchorLineVi,
  overdueShareOf,
  scopeSubjectVi,
  viDate,
  type AgencyNameOf,
} from './document-format';

/**
 * The Vietnamese text of a "báo cáo tình hình thực hiện nhiệm vụ" section, worded as provincial
 * and Government reports word it (DOMAIN.md). Every figure comes from the snapshot as stored,
 * rates through their `display`, so the text never disagrees with the snapshot it quotes.
 */

interface ReportTextSections {
  /** Paragraphs for "Kết quả thực hiện": received, done, not done, rates, comparison. */
  readonly results: readonly string[];
  /** The heading line, the numbered overdue tasks and the truncation note; empty when none. */
  readonly overdue: readonly string[];
  /** The log digest line (see logAnchorLineVi); null for snapshots without one. */
  readonly logAnchor: string | null;
}

/** The whole section as plain text: paragraphs separated by a blank line, list lines by one. */
export function reportTextVi(snapshot: ReportSnapshot, nameOf: AgencyNameOf = codeAsName): string {
  // The same characters as the .docx, whose text this is (documentSafe).
  const { results, overdue, logAnchor } = reportTextSections(documentSafe(snapshot), (code) =>
    documentSafe(nameOf(code)),
  );
  const blocks = [...results];
  if (overdue.length > 0) blocks.push(overdue.join('\n'));
  if (logAnchor !== null) blocks.push(logAnchor);
  return `${blocks.join('\n\n')}\n`;
}

export function reportTextSections(
  snapshot: ReportSnapshot,
  nameOf: AgencyNameOf = codeAsName,
): ReportTextSections {
  const stats = snapshot.figures.scope;
  const results = [receivedVi(snapshot)];
  if (stats.total > 0) {
    results.push(outcomeVi(stats), ratesVi(stats));
    const followUp = followUpVi(stats);
    if (followUp !== null) results.push(followUp);
  }
  const previous = snapshot.figures.previous;
  if (previous !== null) results.push(comparisonVi(previous));
  return {
    results,
    overdue: overdueListVi(snapshot, nameOf),
    logAnchor: logAnchorLineVi(snapshot),
  };
}

/**
 * "Trong {kỳ}, {đơn vị} đã tiếp nhận 27 nhiệm vụ…". Labels come in three shapes ("tháng 5 năm
 * 2024", "năm 2024 (tính đến ngày 27/05/2024)", "từ ngày … đến ngày …"); the cut-off date is
 * added only when the label does not already end the period with it.
 */
function receivedVi(snapshot: ReportSnapshot): string {
  const { period, scope } = snapshot;
  // "Trong thời gian từ ngày …"; a period up to today keeps its name ("Trong quý III năm …").
  const range = period.type === 'range' && period.labelVi.startsWith('từ ngày');
  const when = `Trong ${range ? 'thời gian ' : ''}${period.labelVi}`;
  const source =
    scope.directiveReference === null
      ? ''
      : ` được giao tại văn bản số ${scope.directiveReference}`;
  const total = snapshot.figures.scope.total;
  const subject = scopeSubjectVi(scope);
  if (total === 0) return `${when}, ${subject} chưa tiếp nhận nhiệm vụ nào${source}.`;
  const end = viDate(period.end);
  const cutoff = period.labelVi.includes(end) ? '' : ` (số liệu tính đến ngày ${end})`;
  return `${when}, ${subject} đã tiếp nhận ${n(total)} nhiệm vụ${source}${cutoff}.`;
}

/** Done (on time / late / no deadline) and not done (within / overdue / no deadline). */
function outcomeVi(s: CompletionStats): string {
  const doneParts = [
    `${n(s.done.onTime)} nhiệm vụ hoàn thành đúng hạn`,
    `${n(s.done.late)} nhiệm vụ hoàn thành quá hạn`,
  ];
  if (s.done.noDeadline > 0) doneParts.push(`${n(s.done.noDeadline)} nhiệm vụ không thời hạn`);
  let text =
    `Kết quả: đã hoàn thành ${n(s.done.total)}/${n(s.total)} nhiệm vụ, ` +
    `đạt tỷ lệ ${s.rates.doneOfAssigned.display}`;
  if (s.done.total > 0) text += ` (${doneParts.join(', ')})`;

  if (s.notDone.total === 0) return `${text}; không còn nhiệm vụ chưa hoàn thành.`;
  const notDoneParts = [
    `${n(s.notDone.withinDeadline)} nhiệm vụ còn trong hạn`,
    `${n(s.notDone.overdue)} nhiệm vụ quá hạn`,
  ];
  if (s.notDone.noDeadline > 0) {
    notDoneParts.push(`${n(s.notDone.noDeadline)} nhiệm vụ không thời hạn`);
  }
  text += `; chưa hoàn thành ${n(s.notDone.total)} nhiệm vụ (${notDoneParts.join(', ')}).`;
  // Awaiting tasks are already in the lines above (by their deadline): said apart, not added.
  if (s.notDone.awaitingConfirmation > 0) {
    text +=
      ` Trong số nhiệm vụ chưa hoàn thành, ${n(s.notDone.awaitingConfirmation)} nhiệm vụ ` +
      'đã báo cáo hoàn thành, đang chờ xác nhận.';
  }
  return text;
}

/**
 * The two other rates and the overdue share, each saying what it divides (DOMAIN.md: a report
 * must say which).
 */
function ratesVi(s: CompletionStats): string {
  const { doneOfDue, onTimeOfDone } = s.rates;
  const share = overdueShareOf(s);
  const due =
    doneOfDue.percent === null
      ? 'Chưa có nhiệm vụ đến hạn'
      : `Tỷ lệ nhiệm vụ đến hạn đã hoàn thành đạt ${doneOfDue.display} ` +
        `(${n(doneOfDue.numerator)}/${n(doneOfDue.denominator)} nhiệm vụ đến hạn)`;
  const onTime =
    onTimeOfDone.percent === null
      ? 'chưa có nhiệm vụ có thời hạn được hoàn thành'
      : `tỷ lệ hoàn thành đúng hạn đạt ${onTimeOfDone.display} ` +
        `(${n(onTimeOfDone.numerator)}/${n(onTimeOfDone.denominator)} nhiệm vụ có thời hạn ` +
        'đã hoàn thành)';
  const overdue =
    `tỷ lệ nhiệm vụ quá hạn chưa hoàn thành trên tổng số nhiệm vụ là ${share.display} ` +
    `(${n(share.numerator)}/${n(share.denominator)} nhiệm vụ)`;
  return `${due}; ${onTime}; ${overdue}.`;
}

/** Deadline changes and the age of overdue tasks, only when there is something to say. */
function followUpVi(s: CompletionStats): string | null {
  const parts: string[] = [];
  if (s.deadlineChanged > 0) {
    parts.push(`${n(s.deadlineChanged)} nhiệm vụ được điều chỉnh thời hạn`);
  }
  if (s.notDone.overdue > 0) {
    parts.push(
      `trong số nhiệm vụ quá hạn, ${n(s.overdueOver30Days)} nhiệm vụ quá hạn trên 30 ngày, ` +
        `${n(s.overdueOver120Days)} nhiệm vụ quá hạn trên 120 ngày`,
    );
  }
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** "So với kỳ trước (…), số nhiệm vụ quá hạn giảm 3; tỷ lệ … tăng 2,15 điểm phần trăm…". */
function comparisonVi(previous: PeriodComparison): string {
  const parts = [`số nhiệm vụ quá hạn ${countChangeVi(previous.overdueChange)}`];
  const points = previous.rateChangePoints;
  const rates: Array<[string, number | null]> = [
    ['tỷ lệ hoàn thành', points.doneOfAssigned],
    ['tỷ lệ nhiệm vụ đến hạn đã hoàn thành', points.doneOfDue],
    ['tỷ lệ hoàn thành đúng hạn', points.onTimeOfDone],
  ];
  // A rate with no denominator in either period has no change to speak of: left out.
  for (const [label, change] of rates) {
    if (change !== null) parts.push(`${label} ${pointsChangeVi(change)}`);
  }
  const label = previous.period.labelVi;
  // A label with its own parentheses ("năm 2016 (tính đến ngày …)") is named, not nested.
  const which = label.includes('(') ? ` là ${label}` : ` (${label})`;
  return `So với kỳ trước${which}, ${parts.join('; ')}.`;
}

const countChangeVi = (change: number): string =>
  change === 0 ? 'không thay đổi' : `${change > 0 ? 'tăng' : 'giảm'} ${n(Math.abs(change))}`;

function pointsChangeVi(points: number): string {
  const magnitude = formatPoints(points);
  // Float noise below a hundredth is no change: it prints "0" and must not say "tăng 0".
  if (magnitude === '0') return 'không thay đổi';
  return `${points > 0 ? 'tăng' : 'giảm'} ${magnitude} điểm phần trăm`;
}

/** "1. {title} (giao tại văn bản số …, đơn vị chủ trì …, hạn dd/mm/yyyy, quá hạn n ngày)". */
function overdueListVi(snapshot: ReportSnapshot, nameOf: AgencyNameOf): string[] {
  const list = snapshot.figures.overdue;
  if (list.entries.length === 0) return [];
  const lines = ['Danh sách nhiệm vụ quá hạn:'];
  list.entries.forEach((entry, index) =>
    lines.push(`${index + 1}. ${overdueLineVi(entry, nameOf)}`),
  );
  if (list.truncated || list.total > list.entries.length) {
    lines.push(
      `(Danh sách nêu ${n(list.entries.length)} trong tổng số ${n(list.total)} nhiệm vụ quá hạn.)`,
    );
  }
  return lines;
}

function overdueLineVi(entry: OverdueEntry, nameOf: AgencyNameOf): string {
  return (
    `${entry.title} (giao tại văn bản số ${entry.directiveReference}, ` +
    `đơn vị chủ trì ${nameOf(entry.leadAgency)}, hạn ${viDate(entry.deadline)}, ` +
    `quá hạn ${n(entry.daysOverdue)} ngày)`
  );
}
