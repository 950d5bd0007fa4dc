import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@chidao/domain';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from './password-policy';

export class CreateUserDto {
  @ApiProperty({ example: 'nguyenvana' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['staff'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles!: string[];

  @ApiPropertyOptional({
    example: 'STTTT',
    nullable: true,
    description: 'Agency code; required for leader, tracker and staff',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string | null;

  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    description:
      'Omit for users who log in through the OIDC provider. Refused when common, containing the username, or too easy to guess (zxcvbn score below 3)',
  })
  @IsOptional()
  // Strength, common passwords and the username are the policy's (password-policy.ts).
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(32)
  agency?: string | null;

  @ApiPropertyOptional({ description: 'false disables the account, true enables it again' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Why the account is disabled (required with active=false)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH })
  @IsOptional()
  // Strength, common passwords and the username are the policy's (password-policy.ts).
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

/** Refresh and logout: the refresh token, unless the session cookie carries it. */
export class RefreshDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  refreshToken?: string;
}
