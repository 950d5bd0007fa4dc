import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { TASK_CLASSES, TASK_STATUSES } from '@chidao/domain';
import {
  MAX_TASK_EXPORT_ROWS,
  MAX_TASK_TABLE_SIZE,
  TASK_TABLE_SORTS,
  type TaskTableSort,
} from '@chidao/projections';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ExportFormatDto } from '../exports/send-table-file';
import { ToBoolean, ToInteger, ToList } from '../common/query-transforms';

/** `?minPosition=` on any query: answer only once the read model has reached that log position. */
export class MinPositionDto {
  @ApiPropertyOptional({ description: 'Wait until the read model reflects this log position' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  minPosition?: number;
}

/** Which agency's tasks: one agency, optionally with its units. */
export class AgencyScopeDto extends MinPositionDto {
  @ApiPropertyOptional({ example: 'STTTT' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ description: 'true: the agency and its units' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeUnits?: boolean;
}

/** The filters every task list takes: which directive, statuses, classes, deadlines, words. */
export class TaskFiltersDto extends AgencyScopeDto {
  @ApiPropertyOptional({ description: 'Directive id' })
  @IsOptional()
  @IsUUID()
  directive?: string;

  @ApiPropertyOptional({ description: `Comma-separated: ${TASK_STATUSES.join(', ')}` })
  @IsOptional()
  @ToList()
  @IsIn(TASK_STATUSES, { each: true })
  status?: (typeof TASK_STATUSES)[number][];

  @ApiPropertyOptional({
    description: `Comma-separated: ${TASK_CLASSES.join(', ')}; classified at classAt (GET /api/tasks) or at (GET /api/tasks/list)`,
  })
  @IsOptional()
  @ToList()
  @IsIn(TASK_CLASSES, { each: true })
  class?: (typeof TASK_CLASSES)[number][];

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  deadlineFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  deadlineTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  keyTask?: boolean;

  @ApiPropertyOptional({ description: 'Words of the title or reference; accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class TaskListQueryDto extends IntersectionType(TaskFiltersDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: ['lead', 'support', 'any'], default: 'any' })
  @IsOptional()
  @IsIn(['lead', 'support', 'any'])
  role?: 'lead' | 'support' | 'any';

  @ApiPropertyOptional({ description: 'Classify at the end of this day (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  classAt?: string;

  @ApiPropertyOptional({
    description: 'true: only tasks with a deadline change request awaiting a decision',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  pendingRequest?: boolean;
}

export class OverdueQueryDto extends AgencyScopeDto {
  @ApiPropertyOptional({ description: 'Cut-off date; default today' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class DueSoonQueryDto extends AgencyScopeDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 366, default: 7 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(366)
  days?: number;
}

/**
 * The task list screen: its filters as the URL carries them (docs/web.md), a sort and a page.
 * With `class`, `awaiting` or a period (`from` and `to`), the list is what the completion
 * statistics count for that selection at `at`.
 */
export class TaskTableQueryDto extends TaskFiltersDto {
  @ApiPropertyOptional({ description: 'Leader in charge, exact text' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  leader?: string;

  @ApiPropertyOptional({ description: 'Statistics period: tasks assigned from (with to)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Statistics period: tasks assigned up to (with from)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Cut-off date for classes and days overdue; default today' })
  @IsOptional()
  @IsCalendarDate()
  at?: string;

  @ApiPropertyOptional({ description: 'true: completion reported, awaiting confirmation at `at`' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  awaiting?: boolean;

  @ApiPropertyOptional({ enum: TASK_TABLE_SORTS, default: 'assignedOn' })
  @IsOptional()
  @IsIn(TASK_TABLE_SORTS)
  sort?: TaskTableSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  dir?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_TASK_EXPORT_ROWS)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TASK_TABLE_SIZE, default: 25 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_TASK_TABLE_SIZE)
  size?: number;
}

export class TaskTableExportDto extends IntersectionType(TaskTableQueryDto, ExportFormatDto) {}
