import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../common/query-transforms';
import { MinPositionDto } from '../tasks/task-list.dto';

export class DirectiveListQueryDto extends MinPositionDto {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
