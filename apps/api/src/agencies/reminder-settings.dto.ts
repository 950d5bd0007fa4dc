import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { REMINDER_SETTING_FIELDS } from '@chidao/domain';

const range = (name: keyof typeof REMINDER_SETTING_FIELDS) => {
  const field = REMINDER_SETTING_FIELDS[name];
  return field.kind === 'whole' ? { min: field.min, max: field.max } : { min: 0, max: 0 };
};

/**
 * An assigning body's reminder settings: the whole override, each field optional; a field left
 * out or null follows the deployment's setting. The domain checks them again (same ranges).
 */
export class ReminderSettingsDto {
  @ApiPropertyOptional({ nullable: true, ...range('beforeDeadlineWorkingDays') })
  @IsOptional()
  @IsInt()
  @Min(range('beforeDeadlineWorkingDays').min)
  @Max(range('beforeDeadlineWorkingDays').max)
  beforeDeadlineWorkingDays?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean()
  onDeadline?: boolean | null;

  @ApiPropertyOptional({ nullable: true, ...range('overdueEveryDays') })
  @IsOptional()
  @IsInt()
  @Min(range('overdueEveryDays').min)
  @Max(range('overdueEveryDays').max)
  overdueEveryDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('escalateAfterOverdueDays') })
  @IsOptional()
  @IsInt()
  @Min(range('escalateAfterOverdueDays').min)
  @Max(range('escalateAfterOverdueDays').max)
  escalateAfterOverdueDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('noDeadlineSilentDays') })
  @IsOptional()
  @IsInt()
  @Min(range('noDeadlineSilentDays').min)
  @Max(range('noDeadlineSilentDays').max)
  noDeadlineSilentDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('openSilentDays') })
  @IsOptional()
  @IsInt()
  @Min(range('openSilentDays').min)
  @Max(range('openSilentDays').max)
  openSilentDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('confirmationWaitingWorkingDays') })
  @IsOptional()
  @IsInt()
  @Min(range('confirmationWaitingWorkingDays').min)
  @Max(range('confirmationWaitingWorkingDays').max)
  confirmationWaitingWorkingDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('deadlineDecisionWaitingWorkingDays') })
  @IsOptional()
  @IsInt()
  @Min(range('deadlineDecisionWaitingWorkingDays').min)
  @Max(range('deadlineDecisionWaitingWorkingDays').max)
  deadlineDecisionWaitingWorkingDays?: number | null;

  @ApiPropertyOptional({ nullable: true, ...range('weeklyOverdueListDay') })
  @IsOptional()
  @IsInt()
  @Min(range('weeklyOverdueListDay').min)
  @Max(range('weeklyOverdueListDay').max)
  weeklyOverdueListDay?: number | null;
}
