import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';

export class RegisterDirectiveDto {
  @ApiPropertyOptional({ description: 'Client-chosen UUID; generated when omitted' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({
    example: '24/CTr-UBND',
    description: 'Number and symbol as printed on the document',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ example: '2024-01-19' })
  @IsCalendarDate()
  issuedOn!: string;

  @ApiProperty({ example: 'UBND tỉnh Hà Tĩnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer!: string;

  @ApiProperty({ example: 'Chương trình công tác năm 2024 của UBND tỉnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  summary?: string;
}

export class AssignTaskDto {
  @ApiPropertyOptional({ description: 'Client-chosen UUID; generated when omitted' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Xây dựng Kế hoạch chuyển đổi IPv6 trên địa bàn tỉnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title!: string;

  @ApiProperty({ example: 'STTTT' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  leadAgency!: string;

  @ApiPropertyOptional({ type: [String], example: ['SKHDT'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  supportAgencies?: string[];

  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'Omit for a task with no deadline (thường xuyên)',
  })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  keyTask?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'A work-programme item (đề án) to be submitted',
  })
  @IsOptional()
  @IsBoolean()
  workProgrammeItem?: boolean;

  @ApiPropertyOptional({ example: 'Phó Chủ tịch UBND tỉnh Nguyễn Văn B' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  leaderInCharge?: string;

  @ApiPropertyOptional({ example: '2024-01-19', description: 'Assignment date; default today' })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string;
}

export class AssignTasksDto {
  @ApiProperty({ type: [AssignTaskDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AssignTaskDto)
  tasks!: AssignTaskDto[];
}

export class WithdrawDirectiveDto {
  @ApiProperty({ example: 'Nhập nhầm văn bản của UBND tỉnh; văn bản do UBND tỉnh tự nhập' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
