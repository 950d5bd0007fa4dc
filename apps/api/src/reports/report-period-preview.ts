import { DomainError, formatVietnameseDate, type CalendarDate } from '@chidao/domain';
import { parsePeriodId, type CutoffConvention, type ReportPeriod } from '@chidao/reporting';

/** What the report screen shows for a picked period, and the period to take. */
export interface PeriodPreview {
  /** The period as picked: "quý II năm 2024", 01/04/2024–30/06/2024. */
  readonly period: ReportPeriod;
  /** The period a report can be taken for today: the period itself, or up to today. */
  readonly takeAs: ReportPeriod;
  /** The period has not ended: the report counts up to today ("tính đến ngày"). */
  readonly upToToday: boolean;
  /** "quý IV năm 2026, tính đến ngày 07/12/2026": the picked period in words, for the screen. */
  readonly labelVi: string;
}

/**
 * The period a picker names (an id such as 2024-Q2), with the domain's period rules. A period
 * still running is taken from its first day up to today, which DOMAIN.md's "tính đến ngày"
 * reports do; one that has not begun is refused.
 */
export function previewPeriod(
  id: string,
  options: { convention: CutoffConvention; cutoffDay: number; today: CalendarDate },
): PeriodPreview | DomainError {
  const period = parsePeriodId(id, {
    convention: options.convention,
    cutoffDay: options.cutoffDay,
  });
  if (period instanceof DomainError) return period;
  const { today } = options;
  if (period.end <= today) {
    return { period, takeAs: period, upToToday: false, labelVi: period.labelVi };
  }
  if (period.start > today) {
    return new DomainError(
      'invalid_input',
      'period_not_begun',
      `The period starts on ${period.start}, after today (${today}).`,
      `Kỳ báo cáo bắt đầu từ ngày ${formatVietnameseDate(period.start as CalendarDate)}, ` +
        `sau ngày hôm nay (${formatVietnameseDate(today)}): chưa có số liệu để báo cáo.`,
      { start: period.start, today },
    );
  }
  const takeAs = parsePeriodId(`${period.start}..${today}`, {
    convention: options.convention,
    cutoffDay: options.cutoffDay,
  }) as ReportPeriod;
  const name = period.labelVi.replace(/\s*\(.*\)$/, '');
  return {
    period,
    takeAs,
    upToToday: true,
    labelVi: `${name}, tính đến ngày ${formatVietnameseDate(today)}`,
  };
}
