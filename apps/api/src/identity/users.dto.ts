import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_CHANNELS, ROLES } from '@chidao/domain';
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

// Beyond what the domain takes (254, and a number with every separator), so its message answers.
const EMAIL_MAX_LENGTH = 320;
const PHONE_MAX_LENGTH = 40;

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

  @ApiPropertyOptional({
    example: 'nguyenvana@sotttt.gov.vn',
    nullable: true,
    description: 'For reminders; one address, checked and stored with its domain in lower case',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  email?: string | null;

  @ApiPropertyOptional({
    example: '0912 345 678',
    nullable: true,
    description: 'For reminders; a Vietnamese number as typed, stored as +84…',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(PHONE_MAX_LENGTH)
  phone?: string | null;
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

/**
 * How a person is reminded. A field left out is kept; an address null or empty is removed. The
 * addresses are checked by the domain (parseEmailAddress, parsePhoneNumber), whose refusals say
 * what is wrong; the lengths here only stop a body no form sends.
 */
export class ChangeContactDto {
  @ApiPropertyOptional({ example: 'nguyenvana@sotttt.gov.vn', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  email?: string | null;

  @ApiPropertyOptional({ example: '0912 345 678', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(PHONE_MAX_LENGTH)
  phone?: string | null;

  @ApiPropertyOptional({
    enum: CONTACT_CHANNELS,
    isArray: true,
    example: ['email', 'sms', 'in_app'],
    description: 'in_app is always on, given or not',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTACT_CHANNELS.length)
  @IsIn(CONTACT_CHANNELS, { each: true })
  channels?: string[];
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
