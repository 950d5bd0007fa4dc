import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';

class ReportScopeDto {
  @ApiPropertyOptional({ example: 'STTTT', description: 'Default: your own body with its units' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ description: 'Only the tasks of this directive' })
  @IsOptional()
  @IsUUID()
  directive?: string;

  @ApiPropertyOptional({ description: 'With agency: include its units (default true)' })
  @IsOptional()
  @IsBoolean()
  includeUnits?: boolean;
}

export class TakeReportDto {
  @ApiProperty({
    example: '2024-Q2',
    description:
      '2024-M05, 2024-Q2, 2024-H1, 2024-H2, 2024-9M, 2024, 2024-01-01..2024-05-27, or ..2024-05-27 (as of)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  period!: string;

  @ApiPropertyOptional({ enum: ['calendar', 'nd09'], default: 'calendar' })
  @IsOptional()
  @IsIn(['calendar', 'nd09'])
  convention?: 'calendar' | 'nd09';

  @ApiPropertyOptional({
    description:
      'A period still running is taken from its first day up to today ("tính đến ngày"); without it such a period is refused',
  })
  @IsOptional()
  @IsBoolean()
  upToToday?: boolean;

  @ApiPropertyOptional({ type: ReportScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportScopeDto)
  scope?: ReportScopeDto;
}

export class ListReportsDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2024-Q2' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  period?: string;

  @ApiPropertyOptional({
    enum: [
      'month',
      'quarter',
      'first_half',
      'second_half',
      'nine_months',
      'year',
      'range',
      'as_of',
    ],
  })
  @IsOptional()
  @IsIn(['month', 'quarter', 'first_half', 'second_half', 'nine_months', 'year', 'range', 'as_of'])
  type?:
    'month' | 'quarter' | 'first_half' | 'second_half' | 'nine_months' | 'year' | 'range' | 'as_of';
}

export class PeriodPreviewDto {
  @ApiProperty({ example: '2024-Q2', description: 'A period id as POST /api/reports takes it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  period!: string;

  @ApiPropertyOptional({ enum: ['calendar', 'nd09'], default: 'calendar' })
  @IsOptional()
  @IsIn(['calendar', 'nd09'])
  convention?: 'calendar' | 'nd09';
}
