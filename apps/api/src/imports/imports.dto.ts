import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';

/** What the person confirms of the dry run's differences. */
export class ImportApplyDto {
  @ApiProperty({ description: 'Create the tasks the file adds' })
  @IsBoolean()
  new!: boolean;

  @ApiProperty({ description: 'Bring the tasks the file changes to what it says' })
  @IsBoolean()
  changed!: boolean;

  @ApiProperty({
    description: 'Cancel the open tasks of the earlier import the file no longer holds',
  })
  @IsBoolean()
  vanished!: boolean;
}

export class CommitImportDto {
  @ApiPropertyOptional({
    type: ImportApplyDto,
    description: 'Default: new and changed tasks, vanished ones kept',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImportApplyDto)
  apply?: ImportApplyDto;
}
