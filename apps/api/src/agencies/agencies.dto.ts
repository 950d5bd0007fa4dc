import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_KINDS } from '@chidao/domain';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class RegisterAgencyDto {
  @ApiProperty({
    example: 'STTTT',
    description: 'Upper-case letters and digits, "-", "_" or "." inside; 2–32 characters',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code!: string;

  @ApiProperty({ example: 'Sở Thông tin và Truyền thông' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiPropertyOptional({ example: 'UBND-TINH', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(32)
  parent?: string | null;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: (typeof AGENCY_KINDS)[number];
}

export class UpdateAgencyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(32)
  parent?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates the agency, true reactivates it' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AssignAgencyHeadDto {
  @ApiProperty({
    nullable: true,
    format: 'uuid',
    description:
      'The user who heads the agency: enabled, and of this very agency; null removes the head',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  userId!: string | null;
}
