import { DomainError } from '@chidao/domain';
import type { CutoffConvention, PeriodType } from '../report.types';

export type ScheduledPeriodType = Exclude<PeriodType, 'range' | 'as_of'>;

export interface ScheduleSetting {
  readonly type: ScheduledPeriodType;
  readonly convention: CutoffConvention;
}

const TYPES: readonly ScheduledPeriodType[] = [
  'month',
  'quarter',
  'first_half',
  'second_half',
  'nine_months',
  'year',
];

/**
 * `CHIDAO_REPORT_SCHEDULES`: comma-separated `type:convention` items, e.g.
 * `month:nd09,quarter:nd09,year:nd09`; `none` for no scheduled snapshots.
 */
export function parseScheduleSettings(text: string): ScheduleSetting[] | DomainError {
  if (text.trim() === 'none') return [];
  const settings: ScheduleSetting[] = [];
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [type, convention = 'nd09'] = item.split(':');
    if (
      !TYPES.includes(type as ScheduledPeriodType) ||
      !['calendar', 'nd09'].includes(convention)
    ) {
      return new DomainError(
        'invalid_input',
        'invalid_report_schedule',
        `"${item}" is not a schedule: use type:convention with type one of ${TYPES.join(', ')} and convention calendar or nd09.`,
        `"${item}" không phải lịch báo cáo hợp lệ: dùng loại:quy ước, loại là ${TYPES.join(', ')}, quy ước là calendar hoặc nd09.`,
      );
    }
    settings.push({
      type: type as ScheduledPeriodType,
      convention: convention as CutoffConvention,
    });
  }
  return settings;
}

export const scheduleIdOf = (setting: ScheduleSetting): string =>
  `${setting.type.replace(/_/g, '-')}-${setting.convention}`;
