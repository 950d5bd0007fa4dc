import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ToBoolean, ToInteger } from '../common/query-transforms';
import { CompletionStatsQueryDto } from '../stats/completion-stats.dto';

const KNOWN_AT_DESCRIPTION =
  'What the log held at this instant (ISO-8601 with zone, e.g. 2024-06-03T10:00:00+07:00), or a date YYYY-MM-DD meaning the end of that day in Vietnam; default: now. Never in the future.';

/** `?asOf=&knownAt=` on a task or a directive. */
export class TimeTravelQueryDto {
  @ApiPropertyOptional({
    example: '2024-05-31',
    description: 'Business date: the state at the end of this day (default: the day of knownAt)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2024-06-03T10:00:00+07:00', description: KNOWN_AT_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  knownAt?: string;
}

export class DirectiveAsOfQueryDto extends TimeTravelQueryDto {
  @ApiPropertyOptional({ enum: ['agency', 'directive', 'leader', 'month'], default: 'agency' })
  @IsOptional()
  @IsIn(['agency', 'directive', 'leader', 'month'])
  groupBy?: 'agency' | 'directive' | 'leader' | 'month';
}

/** A period id as reports take it, instead of from/to. */
class PeriodQueryDto {
  @ApiPropertyOptional({
    example: '2024-Q2',
    description:
      '2024-M05, 2024-Q2, 2024-H1, 2024-H2, 2024-9M, 2024, 2024-01-01..2024-05-27; instead of from/to',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  period?: string;

  @ApiPropertyOptional({ enum: ['calendar', 'nd09'], default: 'calendar' })
  @IsOptional()
  @IsIn(['calendar', 'nd09'])
  convention?: 'calendar' | 'nd09';
}

/** The parameters of GET /api/stats/completion, plus knownAt and period. */
export class AuditStatsQueryDto extends IntersectionType(CompletionStatsQueryDto, PeriodQueryDto) {
  @ApiPropertyOptional({ example: '2024-06-03T10:00:00+07:00', description: KNOWN_AT_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  knownAt?: string;
}

export class LateEntriesQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    example: '2024-04-01',
    description: 'Entries dated from (default: 1 January of this year)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'Entries dated up to (default: 31 December of this year)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    default: 7,
    description: 'Late when entered more than this many calendar days after its business date',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(3650)
  thresholdDays?: number;

  @ApiPropertyOptional({ example: 'STTTT', description: 'Only entries made by this agency' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ description: 'With agency: its units too' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeUnits?: boolean;

  @ApiPropertyOptional({ default: 100, description: 'Late entries listed per agency' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(1000)
  listLimit?: number;
}
