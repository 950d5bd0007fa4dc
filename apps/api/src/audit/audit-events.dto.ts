import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPORT_FORMATS,
  EXPORT_LANGUAGES,
  REPLAY_DATE_BASES,
  type ExportFormat,
  type ExportLanguage,
} from '@chidao/audit';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ToInteger } from '../common/query-transforms';

/** `?type=A,B` and `?type=A&type=B` both give a list. */
const ToTypeList = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' || Array.isArray(value)
      ? ([] as unknown[])
          .concat(value)
          .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
          .map((item) => (typeof item === 'string' ? item.trim() : item))
          .filter((item) => item !== '')
      : value,
  );

/** GET /api/audit/events: which events of the log to replay, and in which format. */
export class AuditEventsQueryDto {
  @ApiPropertyOptional({ example: '2024-04-01', description: 'First day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2024-06-30', description: 'Last day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: REPLAY_DATE_BASES,
    default: 'occurred',
    description:
      'occurred: from/to bound the business date; recorded: the Vietnam day the event was stored',
  })
  @IsOptional()
  @IsIn(REPLAY_DATE_BASES)
  by?: string;

  @ApiPropertyOptional({
    example: 'STTTT',
    description: 'Events by a user of this agency, or naming it (lead, support, assigning …)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ description: 'User id of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'TaskAssigned,TaskCompletionReported', description: 'Any of' })
  @IsOptional()
  @ToTypeList()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  type?: string[];

  @ApiPropertyOptional({ example: 'task-*', description: 'A stream id, or a prefix ending in *' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  stream?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100000,
    description: 'At most this many events (the first of the period); default: all',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(100000)
  limit?: number;

  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    description: 'Default: from Accept (application/x-ndjson or text/csv), else ndjson',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({
    enum: EXPORT_LANGUAGES,
    description:
      'CSV for people: the header in Vietnamese (vi) or English (en), plus the columns event, entered by and what it says. Absent: the machine header. NDJSON always carries `words` (both languages).',
  })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES)
  lang?: ExportLanguage;
}
