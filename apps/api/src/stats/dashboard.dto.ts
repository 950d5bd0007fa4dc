import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_OVERDUE_ITEMS } from '@chidao/projections';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ToInteger } from '../common/query-transforms';
import { AgencyScopeDto } from '../tasks/task-list.dto';

export class DashboardQueryDto extends AgencyScopeDto {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description: 'The period: tasks assigned from (default: 1 January this year)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-12-31',
    description: 'The period: tasks assigned up to (default: today); classified at min(to, today)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OVERDUE_ITEMS, default: 20 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_OVERDUE_ITEMS)
  overdueLimit?: number;
}
