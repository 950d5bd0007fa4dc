import {
  DEFAULT_REMINDER_SETTINGS,
  REMINDER_SETTING_FIELDS,
  type ReminderSettings,
} from '@chidao/domain';

/**
 * Reads a deployment's default reminder settings from its environment. Each variable is
 * optional; unset or empty keeps the default (DEFAULT_REMINDER_SETTINGS):
 *
 * | variable | setting | values (default) |
 * | --- | --- | --- |
 * | CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS | beforeDeadlineWorkingDays | 0–30 working days, 0 = none (3) |
 * | CHIDAO_REMINDER_ON_DEADLINE | onDeadline | true or false (true) |
 * | CHIDAO_REMINDER_OVERDUE_EVERY_DAYS | overdueEveryDays | 1–90 days (7) |
 * | CHIDAO_REMINDER_ESCALATE_AFTER_DAYS | escalateAfterOverdueDays | 1–730 days overdue (30) |
 * | CHIDAO_REMINDER_NO_DEADLINE_SILENT_DAYS | noDeadlineSilentDays | 1–730 days (90) |
 * | CHIDAO_REMINDER_OPEN_SILENT_DAYS | openSilentDays | 1–365 days (30) |
 * | CHIDAO_REMINDER_CONFIRMATION_WAITING_DAYS | confirmationWaitingWorkingDays | 0–60 working days (3) |
 * | CHIDAO_REMINDER_DEADLINE_DECISION_WAITING_DAYS | deadlineDecisionWaitingWorkingDays | 0–60 working days (3) |
 * | CHIDAO_REMINDER_WEEKLY_LIST_DAY | weeklyOverdueListDay | 1 (Monday) – 7 (Sunday) (1) |
 *
 * Problems come back one line each naming the variable, for the caller's ConfigError (as
 * readWorkerSettings does); a variable in error keeps its default in `settings`.
 */
export function readReminderSettings(env: NodeJS.ProcessEnv): {
  settings: ReminderSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const settings: Record<string, unknown> = { ...DEFAULT_REMINDER_SETTINGS };
  for (const [name, field] of Object.entries(REMINDER_SETTING_FIELDS)) {
    const raw = env[field.variable]?.trim();
    if (!raw) continue;
    if (field.kind === 'boolean') {
      if (raw === 'true' || raw === 'false') settings[name] = raw === 'true';
      else problems.push(`${field.variable}="${raw}" must be true or false`);
      continue;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < field.min || value > field.max) {
      problems.push(
        `${field.variable}="${raw}" must be a whole number from ${field.min} to ${field.max}`,
      );
      continue;
    }
    settings[name] = value;
  }
  return { settings: settings as unknown as ReminderSettings, problems };
}

/** The variables readReminderSettings reads, for the list of known CHIDAO_* variables. */
export const REMINDER_SETTING_VARIABLES: readonly string[] = Object.values(
  REMINDER_SETTING_FIELDS,
).map((field) => field.variable);
