/**
 * The numbers of the reminder rules: a deployment's defaults, and the overrides an assigning
 * body keeps in its agency stream (AgencyReminderSettingsChanged). As people enter them (an
 * administrator's form, the environment) each field is checked against a range that makes
 * sense and refused with its label.
 */
import { DomainError } from '../shared/domain-error';

/** The rules' numbers: a deployment's defaults, overridable per assigning body. */
export interface ReminderSettings {
  /** Working days before the deadline for the first reminder (3). */
  readonly beforeDeadlineWorkingDays: number;
  /** Remind on the deadline day itself (true). */
  readonly onDeadline: boolean;
  /** Calendar days between overdue reminders after day 1 (7). */
  readonly overdueEveryDays: number;
  /** Days overdue from which the agency's head and the leader in charge are told too (30). */
  readonly escalateAfterOverdueDays: number;
  /** Days with no report before a task with no deadline is flagged (90). */
  readonly noDeadlineSilentDays: number;
  /** Days with no report before any open task is flagged (30). */
  readonly openSilentDays: number;
  /** Working days a completion may wait for confirmation before the tracking office is reminded (3). */
  readonly confirmationWaitingWorkingDays: number;
  /** Working days a deadline change request may wait for a decision (3). */
  readonly deadlineDecisionWaitingWorkingDays: number;
  /** ISO day of the week the tracking office gets its weekly overdue list (1 = Monday). */
  readonly weeklyOverdueListDay: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  beforeDeadlineWorkingDays: 3,
  onDeadline: true,
  overdueEveryDays: 7,
  escalateAfterOverdueDays: 30,
  noDeadlineSilentDays: 90,
  openSilentDays: 30,
  confirmationWaitingWorkingDays: 3,
  deadlineDecisionWaitingWorkingDays: 3,
  weeklyOverdueListDay: 1,
};

/** What an assigning body changes: the fields it sets; the others follow the deployment. */
export type ReminderSettingsOverride = Partial<ReminderSettings>;

interface WholeField {
  readonly kind: 'whole';
  readonly min: number;
  readonly max: number;
}
interface BooleanField {
  readonly kind: 'boolean';
}
export type ReminderSettingField = (WholeField | BooleanField) & {
  /** How the settings form names it. */
  readonly labelVi: string;
  readonly labelEn: string;
  /** The environment variable holding the deployment's default (readReminderSettings). */
  readonly variable: string;
};

const whole = (
  min: number,
  max: number,
  [labelVi, labelEn]: readonly [string, string],
  variable: string,
): ReminderSettingField => ({ kind: 'whole', min, max, labelVi, labelEn, variable });

/**
 * Every setting with its range. Zero is allowed where it means something: no reminder before
 * the deadline, remind on the first working day after a completion is reported. The upper
 * bounds only catch slips (a year of working days before a deadline reminds nobody usefully).
 */
export const REMINDER_SETTING_FIELDS: Readonly<
  Record<keyof ReminderSettings, ReminderSettingField>
> = {
  beforeDeadlineWorkingDays: whole(
    0,
    30,
    ['Số ngày làm việc nhắc trước thời hạn', 'Working days before the deadline to remind'],
    'CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS',
  ),
  onDeadline: {
    kind: 'boolean',
    labelVi: 'Nhắc vào ngày đến hạn',
    labelEn: 'Remind on the deadline day',
    variable: 'CHIDAO_REMINDER_ON_DEADLINE',
  },
  overdueEveryDays: whole(
    1,
    90,
    ['Số ngày giữa hai lần nhắc nhiệm vụ quá hạn', 'Days between two reminders of an overdue task'],
    'CHIDAO_REMINDER_OVERDUE_EVERY_DAYS',
  ),
  escalateAfterOverdueDays: whole(
    1,
    730,
    [
      'Số ngày quá hạn thì báo thủ trưởng đơn vị và lãnh đạo phụ trách',
      'Days overdue before the agency head and the leader in charge are told',
    ],
    'CHIDAO_REMINDER_ESCALATE_AFTER_DAYS',
  ),
  noDeadlineSilentDays: whole(
    1,
    730,
    [
      'Số ngày nhiệm vụ không thời hạn không báo cáo tiến độ thì nhắc',
      'Days without a progress report before a task with no deadline is flagged',
    ],
    'CHIDAO_REMINDER_NO_DEADLINE_SILENT_DAYS',
  ),
  openSilentDays: whole(
    1,
    365,
    [
      'Số ngày nhiệm vụ đang thực hiện không báo cáo tiến độ thì nhắc',
      'Days without a progress report before an open task is flagged',
    ],
    'CHIDAO_REMINDER_OPEN_SILENT_DAYS',
  ),
  confirmationWaitingWorkingDays: whole(
    0,
    60,
    [
      'Số ngày làm việc chờ xác nhận hoàn thành thì nhắc',
      'Working days a completion may wait for confirmation',
    ],
    'CHIDAO_REMINDER_CONFIRMATION_WAITING_DAYS',
  ),
  deadlineDecisionWaitingWorkingDays: whole(
    0,
    60,
    [
      'Số ngày làm việc chờ quyết định điều chỉnh thời hạn thì nhắc',
      'Working days a deadline request may wait for a decision',
    ],
    'CHIDAO_REMINDER_DEADLINE_DECISION_WAITING_DAYS',
  ),
  weeklyOverdueListDay: whole(
    1,
    7,
    [
      'Ngày gửi danh sách nhiệm vụ quá hạn hằng tuần (1 = thứ Hai … 7 = Chủ nhật)',
      'Day of the weekly overdue list (1 = Monday … 7 = Sunday)',
    ],
    'CHIDAO_REMINDER_WEEKLY_LIST_DAY',
  ),
};

const FIELD_NAMES = Object.keys(REMINDER_SETTING_FIELDS) as (keyof ReminderSettings)[];

interface Problem {
  readonly field: string;
  readonly value: unknown;
  readonly en: string;
  readonly vi: string;
}

const shown = (value: unknown): string =>
  typeof value === 'string'
    ? `"${value}"`
    : typeof value === 'number'
      ? String(value)
      : (JSON.stringify(value) ?? String(value));

function fieldProblem(name: keyof ReminderSettings, value: unknown): Problem | null {
  const field = REMINDER_SETTING_FIELDS[name];
  if (field.kind === 'boolean') {
    if (typeof value === 'boolean') return null;
    return {
      field: name,
      value,
      en: `${field.labelEn} must be yes or no (got ${shown(value)})`,
      vi: `${field.labelVi} phải là có hoặc không (đã nhập: ${shown(value)})`,
    };
  }
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= field.min &&
    value <= field.max
  ) {
    return null;
  }
  return {
    field: name,
    value,
    en: `${field.labelEn} must be a whole number from ${field.min} to ${field.max} (got ${shown(value)})`,
    vi:
      `${field.labelVi} phải là số nguyên từ ${field.min} đến ${field.max} ` +
      `(đã nhập: ${shown(value)})`,
  };
}

/**
 * Reads the settings an assigning body overrides: only the fields present (null or absent
 * means "as the deployment's default"), each checked. Unknown fields are refused, so a
 * misspelt one is not silently ignored. Every problem is reported in one error.
 */
export function parseReminderSettingsOverride(
  input: Record<string, unknown>,
): Partial<ReminderSettings> | DomainError {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return new DomainError(
      'invalid_input',
      'invalid_reminder_settings',
      'Reminder settings must be an object of named values.',
      'Cài đặt nhắc việc phải là danh sách các mục có tên.',
    );
  }
  const problems: Problem[] = [];
  const settings: Partial<Record<keyof ReminderSettings, unknown>> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!Object.prototype.hasOwnProperty.call(REMINDER_SETTING_FIELDS, name)) {
      problems.push({
        field: name,
        value,
        en: `${name} is not a reminder setting (known: ${FIELD_NAMES.join(', ')})`,
        vi: `Không có mục cài đặt nhắc việc "${name}"`,
      });
      continue;
    }
    if (value === undefined || value === null) continue;
    const problem = fieldProblem(name as keyof ReminderSettings, value);
    if (problem) problems.push(problem);
    else settings[name as keyof ReminderSettings] = value;
  }
  if (problems.length > 0) {
    return new DomainError(
      'invalid_input',
      'invalid_reminder_settings',
      `Invalid reminder settings: ${problems.map((p) => p.en).join('; ')}.`,
      `Cài đặt nhắc việc không hợp lệ: ${problems.map((p) => p.vi).join('; ')}.`,
      { problems: problems.map(({ field, value }) => ({ field, value })) },
    );
  }
  return settings as Partial<ReminderSettings>;
}

/** Reads a whole set of settings: the fields given, the others from `defaults`. */
export function parseReminderSettings(
  input: Record<string, unknown>,
  defaults: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): ReminderSettings | DomainError {
  const override = parseReminderSettingsOverride(input);
  return override instanceof DomainError ? override : withSettingsOverride(defaults, override);
}

/**
 * The settings for the tasks of one assigning body: the deployment's defaults with that
 * body's overrides, if it has any. `overrides` is keyed by the agency id as the task's
 * `assigningAgency` holds it.
 */
export function settingsFor(
  assigningAgency: string,
  defaults: ReminderSettings,
  overrides: ReadonlyMap<string, Partial<ReminderSettings>>,
): ReminderSettings {
  const override = overrides.get(assigningAgency);
  return override ? withSettingsOverride(defaults, override) : defaults;
}

/** The deployment's defaults with a body's override; fields the override leaves out keep the default. */
export function withSettingsOverride(
  defaults: ReminderSettings,
  override: Partial<ReminderSettings>,
): ReminderSettings {
  const merged: Record<string, unknown> = { ...defaults };
  for (const name of FIELD_NAMES) {
    if (override[name] !== undefined) merged[name] = override[name];
  }
  return merged as unknown as ReminderSettings;
}
