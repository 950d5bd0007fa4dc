import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AGENCY_ALIAS_MAX_LENGTH } from '@chidao/domain';

/**
 * A name an office's list uses for an agency ("Sở TT"). The domain cleans it (one line, no
 * control characters) and checks it is a name once folded; the length here is a first bound.
 */
export class AgencyAliasDto {
  @ApiProperty({ example: 'Sở TT', maxLength: AGENCY_ALIAS_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGENCY_ALIAS_MAX_LENGTH)
  alias!: string;
}
