import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToBoolean, ToInteger } from '../common/query-transforms';
import { MinPositionDto } from '../tasks/task-list.dto';

/** At most this many messages a page: the bell's list is read by a person, not exported. */
export const MAX_NOTIFICATION_PAGE_SIZE = 50;
/** Pages far beyond a person's messages are refused rather than scanned. */
export const MAX_NOTIFICATION_PAGE = 10_000;

export class NotificationsQueryDto extends MinPositionDto {
  @ApiPropertyOptional({
    description: 'true: only the unread ones; false: only the read ones; absent: all',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NOTIFICATION_PAGE, default: 1 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_NOTIFICATION_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NOTIFICATION_PAGE_SIZE, default: 20 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_NOTIFICATION_PAGE_SIZE)
  size?: number;
}

export interface NotificationTask {
  readonly id: string;
  readonly title: string;
}

export interface NotificationItem {
  readonly id: string;
  readonly subject: string;
  readonly text: string;
  readonly queuedAt: string;
  /** The day its recipient marked it read (yyyy-mm-dd); null while unread. */
  readonly readOn: string | null;
  /** The tasks it speaks of that the caller may read today; the others are left out. */
  readonly tasks: readonly NotificationTask[];
}

export interface NotificationPage {
  readonly total: number;
  readonly unread: number;
  readonly page: number;
  readonly size: number;
  readonly items: readonly NotificationItem[];
}

/** What marking answers: `position` is the log position to pass as `?minPosition=`. */
export interface MarkReadResult {
  readonly id: string;
  readonly readOn: string | null;
  /** false: it was read already, nothing was appended. */
  readonly marked: boolean;
  readonly position: number;
}

export interface MarkAllReadResult {
  readonly marked: number;
  readonly position: number;
}
