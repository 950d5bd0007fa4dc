import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ExportFormatDto } from '../exports/send-table-file';
import { AgencyScopeDto } from '../tasks/task-list.dto';

export class CompletionStatsQueryDto extends AgencyScopeDto {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description: 'Tasks assigned from (default: 1 January of asOf’s year)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-12-31',
    description: 'Tasks assigned up to (default: 31 December of asOf’s year)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2024-05-27',
    description: 'Classified at the end of this day (default: to, or today)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Directive id' })
  @IsOptional()
  @IsUUID()
  directive?: string;

  @ApiPropertyOptional({ enum: ['agency', 'directive', 'leader', 'month'] })
  @IsOptional()
  @IsIn(['agency', 'directive', 'leader', 'month'])
  groupBy?: 'agency' | 'directive' | 'leader' | 'month';
}

/** The completion statistics as a file: the same choices, and the format. */
export class CompletionStatsExportDto extends IntersectionType(
  CompletionStatsQueryDto,
  ExportFormatDto,
) {}
