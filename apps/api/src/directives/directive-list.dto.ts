import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatDto } from '../exports/send-table-file';
import { PageQueryDto } from '../common/page-query.dto';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../common/query-transforms';
import { MinPositionDto } from '../tasks/task-list.dto';

export class DirectiveListQueryDto extends IntersectionType(MinPositionDto, PageQueryDto) {
  @ApiPropertyOptional({ example: 2024, description: 'Year of issue' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1945)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 'UBND-TINH', description: 'The body that issued it' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  assigningAgency?: string;

  @ApiPropertyOptional({ description: 'Words of the reference or title; accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** The directives list as a file: the list's filters, every row (no paging), and the format. */
export class DirectiveListExportDto extends IntersectionType(
  OmitType(DirectiveListQueryDto, ['cursor', 'limit'] as const),
  ExportFormatDto,
) {}
