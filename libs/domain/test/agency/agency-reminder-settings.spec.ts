import type { Actor } from '../../src/shared/actor';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import {
  decideAgency,
  evolveAgency,
  foldAgency,
  parseAgencyCommand,
  type AgencyEvent,
  type AgencyRegisterView,
  type AgencyState,
} from '../../src/agency';
import { DEFAULT_REMINDER_SETTINGS, settingsFor } from '../../src/reminder';

const ADMIN: Actor = { userId: 'admin', roles: ['admin'], agency: null };
const meta = { actor: ADMIN, occurredOn: '2027-03-01', receivedAt: '2027-03-01T03:00:00Z' };
const register: AgencyRegisterView = { get: () => ({ parent: null, active: true }) };

const registered = (events: AgencyEvent[] = []): AgencyState =>
  foldAgency([
    {
      type: 'AgencyRegistered',
      schemaVersion: 1,
      occurredOn: '2027-01-04',
      data: { code: 'UBND-TINH', name: 'UBND tỉnh', parent: null, kind: 'province' },
    },
    ...events,
  ]);

function set(state: AgencyState, settings: unknown) {
  const parsed = parseAgencyCommand({
    type: 'SetAgencyReminderSettings',
    data: { settings },
    meta,
  });
  return parsed instanceof DomainError ? parsed : decideAgency(parsed, state, register);
}

describe('SetAgencyReminderSettings', () => {
  it('records the fields the body sets, and the register folds them', () => {
    const events = expectEvents(
      set(registered(), { beforeDeadlineWorkingDays: 5, onDeadline: false }),
    );
    expect(events).toEqual([
      {
        type: 'AgencyReminderSettingsChanged',
        schemaVersion: 1,
        occurredOn: '2027-03-01',
        data: { code: 'UBND-TINH', settings: { beforeDeadlineWorkingDays: 5, onDeadline: false } },
      },
    ]);
    const state = events.reduce(evolveAgency, registered());
    expect(state.reminderSettings).toEqual({ beforeDeadlineWorkingDays: 5, onDeadline: false });
    // The run's settings for the body's tasks: its fields over the deployment's.
    expect(
      settingsFor(
        'UBND-TINH',
        DEFAULT_REMINDER_SETTINGS,
        new Map([['UBND-TINH', state.reminderSettings]]),
      ),
    ).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      beforeDeadlineWorkingDays: 5,
      onDeadline: false,
    });
  });

  it('keeps null fields out of the log: they follow the deployment', () => {
    const events = expectEvents(set(registered(), { overdueEveryDays: 14, openSilentDays: null }));
    expect(events[0].data).toEqual({ code: 'UBND-TINH', settings: { overdueEveryDays: 14 } });
  });

  it('replaces the earlier override, and {} goes back to the deployment', () => {
    const before = registered(expectEvents(set(registered(), { overdueEveryDays: 14 })));
    const events = expectEvents(set(before, {}));
    expect(events.reduce(evolveAgency, before).reminderSettings).toEqual({});
  });

  it('refuses what changes nothing', () => {
    const before = registered(expectEvents(set(registered(), { overdueEveryDays: 14 })));
    expect((set(before, { overdueEveryDays: 14 }) as DomainError).code).toBe('nothing_changed');
    expect((set(registered(), {}) as DomainError).code).toBe('nothing_changed');
  });

  it('refuses values out of range and unknown fields with their labels, all at once', () => {
    const refusal = set(registered(), {
      overdueEveryDays: 0,
      onDeadline: 'yes',
      everyHour: 1,
    }) as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.messageVi).toContain(
      'Số ngày giữa hai lần nhắc nhiệm vụ quá hạn phải là số nguyên từ 1 đến 90',
    );
    expect(refusal.messageVi).toContain('Nhắc vào ngày đến hạn phải là có hoặc không');
    expect(refusal.messageVi).toContain('Không có mục cài đặt nhắc việc "everyHour"');
    expect(refusal.message).toContain(
      'Days between two reminders of an overdue task must be a whole number from 1 to 90',
    );
  });

  it('refuses settings that are not an object, and an inactive body', () => {
    expect(set(registered(), [1, 2])).toBeInstanceOf(DomainError);
    expect(set(registered(), 'beforeDeadlineWorkingDays=5')).toBeInstanceOf(DomainError);
    const inactive = registered([
      {
        type: 'AgencyDeactivated',
        schemaVersion: 1,
        occurredOn: '2027-02-01',
        data: { code: 'UBND-TINH', reason: null },
      },
    ]);
    expect((set(inactive, { overdueEveryDays: 14 }) as DomainError).code).toBe('agency_inactive');
  });
});
