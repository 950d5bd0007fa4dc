import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';

/** Every task command may carry the business date it happened on (default: today, Vietnam time). */
export class BusinessDateDto {
  @ApiPropertyOptional({
    example: '2024-05-20',
    description: 'Business date YYYY-MM-DD; past allowed, future refused',
  })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string;
}

export class ReasonDto extends BusinessDateDto {
  @ApiProperty({ example: 'Không thuộc chức năng, nhiệm vụ của đơn vị' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReassignTaskDto extends ReasonDto {
  @ApiProperty({ example: 'SO-TC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  leadAgency!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  supportAgencies?: string[];
}

export class ReportProgressDto extends BusinessDateDto {
  @ApiPropertyOptional({
    description: 'Agency reported for (lead or a supporting agency); default: your agency',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 60 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty({ example: 'Đã hoàn thành dự thảo, đang lấy ý kiến các sở' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note!: string;

  @ApiPropertyOptional({ type: [String], example: ['45/STTTT-CNTT'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  documents?: string[];
}

export class RequestDeadlineChangeDto extends ReasonDto {
  @ApiPropertyOptional({ enum: ['extension', 'withdrawal'], default: 'extension' })
  @IsOptional()
  @IsIn(['extension', 'withdrawal'])
  kind?: 'extension' | 'withdrawal';

  @ApiPropertyOptional({ example: '2024-09-30', description: 'Required for an extension' })
  @ValidateIf(
    (dto: RequestDeadlineChangeDto) =>
      (dto.kind ?? 'extension') === 'extension' || dto.proposedDeadline !== undefined,
  )
  @IsCalendarDate()
  proposedDeadline?: string;
}

export class ApproveDeadlineChangeDto extends BusinessDateDto {
  @ApiPropertyOptional({ description: 'Approve with another date than proposed' })
  @IsOptional()
  @IsCalendarDate()
  newDeadline?: string;
}

export class ReportCompletionDto extends BusinessDateDto {
  @ApiProperty({ example: '2024-05-15', description: 'The day the work was done' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiProperty({ example: '32/KH-UBND', description: 'Number and symbol of the result document' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  resultDocument!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class UrgeTaskDto extends BusinessDateDto {
  @ApiPropertyOptional({ enum: ['before_deadline', 'overdue', 'no_report'], default: 'overdue' })
  @IsOptional()
  @IsIn(['before_deadline', 'overdue', 'no_report'])
  kind?: 'before_deadline' | 'overdue' | 'no_report';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class ResumeTaskDto extends BusinessDateDto {
  @ApiPropertyOptional({ description: 'A new deadline in force from the resumption' })
  @IsOptional()
  @IsCalendarDate()
  newDeadline?: string;
}
