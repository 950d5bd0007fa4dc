import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ToBoolean } from '../common/query-transforms';

/** GET /api/audit/search: words of a task's title or a document's number and title. */
export class AuditSearchQueryDto {
  @ApiProperty({ example: 'so hoa 24/CTr', description: 'Words, with or without diacritics' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q!: string;
}

/** GET /api/audit/stats/difference: a period's figures known at an instant and today. */
export class StatsDifferenceQueryDto {
  @ApiProperty({ example: '2024-01-01', description: 'First day of the period' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2024-06-30', description: 'Last day of the period' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'Cut-off date for the classes (default: the last day of the period)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiProperty({
    example: '2024-07-05T17:00:00+07:00',
    description: 'The instant the earlier figures were known at (or a date: the end of that day)',
  })
  @IsString()
  @MaxLength(40)
  knownAt!: string;

  @ApiPropertyOptional({ example: 'STTTT', description: 'Only tasks this agency leads' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ description: 'With agency: its units too' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeUnits?: boolean;
}
