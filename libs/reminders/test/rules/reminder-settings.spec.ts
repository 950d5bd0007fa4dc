import {
  DomainError,
  parseReminderSettings,
  parseReminderSettingsOverride,
  REMINDER_SETTING_FIELDS,
  settingsFor,
} from '@chidao/domain';
import {
  DEFAULT_REMINDER_SETTINGS,
  readReminderSettings,
  REMINDER_SETTING_VARIABLES,
  type ReminderSettings,
} from '../../src';

const refused = (value: unknown): DomainError => {
  if (!(value instanceof DomainError))
    throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
  return value;
};

describe('parseReminderSettings', () => {
  it('takes a whole set of settings', () => {
    const input = {
      beforeDeadlineWorkingDays: 5,
      onDeadline: false,
      overdueEveryDays: 14,
      escalateAfterOverdueDays: 60,
      noDeadlineSilentDays: 120,
      openSilentDays: 45,
      confirmationWaitingWorkingDays: 0,
      deadlineDecisionWaitingWorkingDays: 10,
      weeklyOverdueListDay: 5,
    };
    expect(parseReminderSettings(input)).toEqual(input);
  });

  it('keeps the defaults for fields absent or null', () => {
    expect(parseReminderSettings({})).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(parseReminderSettings({ overdueEveryDays: 3, openSilentDays: null })).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      overdueEveryDays: 3,
    });
    const base: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, openSilentDays: 60 };
    expect(parseReminderSettings({ onDeadline: false }, base)).toEqual({
      ...base,
      onDeadline: false,
    });
  });

  it.each([
    ['beforeDeadlineWorkingDays', 31, 'Số ngày làm việc nhắc trước thời hạn', '0 đến 30'],
    ['beforeDeadlineWorkingDays', -1, 'Số ngày làm việc nhắc trước thời hạn', '0 đến 30'],
    ['overdueEveryDays', 0, 'Số ngày giữa hai lần nhắc nhiệm vụ quá hạn', '1 đến 90'],
    ['overdueEveryDays', 91, 'Số ngày giữa hai lần nhắc nhiệm vụ quá hạn', '1 đến 90'],
    ['overdueEveryDays', 2.5, 'Số ngày giữa hai lần nhắc nhiệm vụ quá hạn', '1 đến 90'],
    ['overdueEveryDays', '7', 'Số ngày giữa hai lần nhắc nhiệm vụ quá hạn', '1 đến 90'],
    ['escalateAfterOverdueDays', 0, 'báo thủ trưởng đơn vị', '1 đến 730'],
    ['noDeadlineSilentDays', 731, 'nhiệm vụ không thời hạn', '1 đến 730'],
    ['openSilentDays', 366, 'nhiệm vụ đang thực hiện', '1 đến 365'],
    ['confirmationWaitingWorkingDays', 61, 'chờ xác nhận hoàn thành', '0 đến 60'],
    ['deadlineDecisionWaitingWorkingDays', Number.NaN, 'điều chỉnh thời hạn', '0 đến 60'],
    ['weeklyOverdueListDay', 8, 'danh sách nhiệm vụ quá hạn hằng tuần', '1 đến 7'],
    ['weeklyOverdueListDay', 0, 'danh sách nhiệm vụ quá hạn hằng tuần', '1 đến 7'],
  ])('refuses %s = %p, naming it in Vietnamese', (field, value, label, range) => {
    const error = refused(parseReminderSettings({ [field]: value }));
    expect(error.kind).toBe('invalid_input');
    expect(error.code).toBe('invalid_reminder_settings');
    expect(error.messageVi).toContain(label);
    expect(error.messageVi).toContain(`phải là số nguyên từ ${range}`);
    expect(error.message).toContain(
      REMINDER_SETTING_FIELDS[field as keyof typeof REMINDER_SETTING_FIELDS].labelEn,
    );
    expect(error.details).toEqual({ problems: [{ field, value }] });
  });

  it('refuses a yes/no setting given as anything else', () => {
    const error = refused(parseReminderSettings({ onDeadline: 'true' }));
    expect(error.messageVi).toBe(
      'Cài đặt nhắc việc không hợp lệ: Nhắc vào ngày đến hạn phải là có hoặc không (đã nhập: "true").',
    );
  });

  it('refuses an unknown setting and reports every problem at once', () => {
    const error = refused(
      parseReminderSettings({ overdueEveryDay: 7, openSilentDays: 0, weeklyOverdueListDay: 9 }),
    );
    expect(error.messageVi).toContain('Không có mục cài đặt nhắc việc "overdueEveryDay"');
    expect(error.messageVi).toContain('Số ngày nhiệm vụ đang thực hiện không báo cáo');
    expect(error.messageVi).toContain('(1 = thứ Hai … 7 = Chủ nhật)');
    expect((error.details?.problems as unknown[]).length).toBe(3);
  });

  it('refuses something that is not an object', () => {
    for (const input of [null, [], 'overdueEveryDays=7']) {
      expect(refused(parseReminderSettings(input as never)).messageVi).toBe(
        'Cài đặt nhắc việc phải là danh sách các mục có tên.',
      );
    }
  });

  it('reads an override as the fields given only', () => {
    expect(parseReminderSettingsOverride({ openSilentDays: 15, onDeadline: null })).toEqual({
      openSilentDays: 15,
    });
  });
});

describe('settingsFor', () => {
  const overrides = new Map<string, Partial<ReminderSettings>>([
    ['UBND-TINH', { overdueEveryDays: 3, escalateAfterOverdueDays: undefined }],
    ['SO-TTTT', {}],
  ]);

  it('applies the assigning body’s overrides over the defaults', () => {
    expect(settingsFor('UBND-TINH', DEFAULT_REMINDER_SETTINGS, overrides)).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      overdueEveryDays: 3,
    });
  });

  it('gives the defaults to a body without overrides', () => {
    expect(settingsFor('UBND-HUYEN-A', DEFAULT_REMINDER_SETTINGS, overrides)).toBe(
      DEFAULT_REMINDER_SETTINGS,
    );
    expect(settingsFor('SO-TTTT', DEFAULT_REMINDER_SETTINGS, overrides)).toEqual(
      DEFAULT_REMINDER_SETTINGS,
    );
  });
});

describe('readReminderSettings', () => {
  it('gives the defaults when no variable is set (or set empty)', () => {
    expect(readReminderSettings({})).toEqual({ settings: DEFAULT_REMINDER_SETTINGS, problems: [] });
    expect(readReminderSettings({ CHIDAO_REMINDER_OVERDUE_EVERY_DAYS: ' ' }).settings).toEqual(
      DEFAULT_REMINDER_SETTINGS,
    );
  });

  it('reads every variable', () => {
    const { settings, problems } = readReminderSettings({
      CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS: '5',
      CHIDAO_REMINDER_ON_DEADLINE: 'false',
      CHIDAO_REMINDER_OVERDUE_EVERY_DAYS: '14',
      CHIDAO_REMINDER_ESCALATE_AFTER_DAYS: '60',
      CHIDAO_REMINDER_NO_DEADLINE_SILENT_DAYS: '120',
      CHIDAO_REMINDER_OPEN_SILENT_DAYS: ' 45 ',
      CHIDAO_REMINDER_CONFIRMATION_WAITING_DAYS: '0',
      CHIDAO_REMINDER_DEADLINE_DECISION_WAITING_DAYS: '10',
      CHIDAO_REMINDER_WEEKLY_LIST_DAY: '5',
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      beforeDeadlineWorkingDays: 5,
      onDeadline: false,
      overdueEveryDays: 14,
      escalateAfterOverdueDays: 60,
      noDeadlineSilentDays: 120,
      openSilentDays: 45,
      confirmationWaitingWorkingDays: 0,
      deadlineDecisionWaitingWorkingDays: 10,
      weeklyOverdueListDay: 5,
    });
  });

  it('names each variable in error, keeping its default', () => {
    const { settings, problems } = readReminderSettings({
      CHIDAO_REMINDER_OVERDUE_EVERY_DAYS: 'weekly',
      CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS: '2.5',
      CHIDAO_REMINDER_WEEKLY_LIST_DAY: '0',
      CHIDAO_REMINDER_ON_DEADLINE: 'yes',
      CHIDAO_REMINDER_OPEN_SILENT_DAYS: '1e2',
    });
    expect(problems.sort()).toEqual([
      'CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS="2.5" must be a whole number from 0 to 30',
      'CHIDAO_REMINDER_ON_DEADLINE="yes" must be true or false',
      'CHIDAO_REMINDER_OPEN_SILENT_DAYS="1e2" must be a whole number from 1 to 365',
      'CHIDAO_REMINDER_OVERDUE_EVERY_DAYS="weekly" must be a whole number from 1 to 90',
      'CHIDAO_REMINDER_WEEKLY_LIST_DAY="0" must be a whole number from 1 to 7',
    ]);
    expect(settings).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  it('has one variable per setting, each with the CHIDAO_REMINDER_ prefix', () => {
    expect(REMINDER_SETTING_VARIABLES.length).toBe(Object.keys(REMINDER_SETTING_FIELDS).length);
    expect(new Set(REMINDER_SETTING_VARIABLES).size).toBe(REMINDER_SETTING_VARIABLES.length);
    expect(Object.keys(REMINDER_SETTING_FIELDS).sort()).toEqual(
      Object.keys(DEFAULT_REMINDER_SETTINGS).sort(),
    );
    for (const name of REMINDER_SETTING_VARIABLES)
      expect(name).toMatch(/^CHIDAO_REMINDER_[A-Z_]+$/);
  });
});
