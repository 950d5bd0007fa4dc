import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ToInteger } from '../common/query-transforms';

/** `GET /api/audit/reads`: filters, then `limit` reads after the position `after`. */
export class AuditorReadsQueryDto {
  @ApiPropertyOptional({ description: 'User id of the auditor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: '2024-07-01', description: 'First day (Vietnam time)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2024-07-31', description: 'Last day (Vietnam time)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'nextAfter of the previous page (a log position)',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  after?: number;
}
