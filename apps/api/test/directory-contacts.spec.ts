import type { AgencyEvent, UserEvent } from '@chidao/domain';
import { DirectoryService } from '../src/directory/directory.service';

/**
 * Whom reminders reach, as the in-memory directory answers it from the log's user and agency
 * events: users of an agency (by role), its tracking office, its head while still one of it,
 * each with the contact the log last recorded.
 */
describe('the directory’s lookups for reminders', () => {
  const on = '2024-06-30';
  const agency = (type: AgencyEvent['type'], data: object) =>
    ({ type, schemaVersion: 1, occurredOn: on, data }) as AgencyEvent;
  const user = (type: UserEvent['type'], data: object) =>
    ({ type, schemaVersion: 1, occurredOn: on, data }) as UserEvent;
  const created = (userId: string, roles: string[], agencyCode: string | null) =>
    user('UserCreated', {
      userId,
      username: userId,
      displayName: userId,
      roles,
      agency: agencyCode,
    });

  // Not subscribed to a log: the events are applied by hand, as the subscription would.
  const directory = new DirectoryService(null as never);
  const apply = (...events: (AgencyEvent | UserEvent)[]) => {
    for (const event of events) {
      if (event.type.startsWith('Agency')) directory.agencies.apply(event as AgencyEvent);
      else directory.users.apply(event as UserEvent);
    }
  };

  beforeAll(() => {
    apply(
      agency('AgencyRegistered', {
        code: 'UBND-TINH',
        name: 'UBND tỉnh',
        parent: null,
        kind: null,
      }),
      agency('AgencyRegistered', {
        code: 'STTTT',
        name: 'Sở TT&TT',
        parent: 'UBND-TINH',
        kind: null,
      }),
      agency('AgencyRegistered', {
        code: 'PHONG-CNTT',
        name: 'Phòng',
        parent: 'STTTT',
        kind: null,
      }),
      created('vp-tinh', ['tracker'], 'UBND-TINH'),
      created('vp-tinh-2', ['leader', 'tracker'], 'UBND-TINH'),
      created('vp-nghi', ['tracker'], 'UBND-TINH'),
      user('UserDisabled', { userId: 'vp-nghi', reason: 'Nghỉ hưu' }),
      created('gd-tttt', ['leader'], 'STTTT'),
      created('cv-tttt', ['staff'], 'STTTT'),
      created('cv-cntt', ['staff'], 'PHONG-CNTT'),
      user('UserContactChanged', {
        userId: 'cv-tttt',
        email: 'cv@sotttt.gov.vn',
        phone: '+84912345678',
        channels: ['email', 'sms', 'in_app'],
      }),
      agency('AgencyHeadAssigned', { code: 'STTTT', headUserId: 'gd-tttt' }),
    );
  });

  it('lists the enabled users of the agency itself, by role when asked, with their contact', () => {
    const ids = (users: { userId: string }[]) => users.map((u) => u.userId);
    expect(ids(directory.usersOfAgency('STTTT'))).toEqual(['cv-tttt', 'gd-tttt']);
    expect(ids(directory.usersOfAgency('STTTT', 'staff'))).toEqual(['cv-tttt']);
    // Not the unit below.
    expect(ids(directory.usersOfAgency('STTTT', 'staff'))).not.toContain('cv-cntt');
    expect(directory.usersOfAgency('STTTT', 'staff')[0]).toMatchObject({
      email: 'cv@sotttt.gov.vn',
      phone: '+84912345678',
      channels: ['email', 'sms', 'in_app'],
    });
    // No contact recorded: none, and the default channels.
    expect(directory.usersOfAgency('STTTT', 'leader')[0]).toMatchObject({
      email: null,
      phone: null,
      channels: ['email', 'in_app'],
    });
    expect(directory.usersOfAgency('KHONG-CO')).toEqual([]);
  });

  it('names the tracking office of an agency: its enabled trackers', () => {
    expect(directory.trackersOf('UBND-TINH').map((u) => u.userId)).toEqual([
      'vp-tinh',
      'vp-tinh-2',
    ]);
    expect(directory.trackersOf('STTTT')).toEqual([]);
  });

  it('answers the head while they are an enabled user of the agency, and no head otherwise', () => {
    expect(directory.headOf('STTTT')?.userId).toBe('gd-tttt');
    expect(directory.agencies.get('STTTT')?.headUserId).toBe('gd-tttt');
    expect(directory.headOf('UBND-TINH')).toBeNull();
    expect(directory.headOf('KHONG-CO')).toBeNull();

    apply(user('UserAgencyChanged', { userId: 'gd-tttt', agency: 'UBND-TINH' }));
    expect(directory.headOf('STTTT')).toBeNull();
    apply(user('UserAgencyChanged', { userId: 'gd-tttt', agency: 'STTTT' }));
    expect(directory.headOf('STTTT')?.userId).toBe('gd-tttt');
    apply(user('UserDisabled', { userId: 'gd-tttt', reason: 'Nghỉ hưu' }));
    expect(directory.headOf('STTTT')).toBeNull();
  });

  it('offers the agency rules the users as head candidates', () => {
    expect(directory.agencyRegister.get('STTTT')?.active).toBe(true);
    expect(directory.agencyRegister.user?.('cv-tttt')).toMatchObject({
      active: true,
      agency: 'STTTT',
    });
    expect(directory.agencyRegister.user?.('khong-co')).toBeUndefined();
  });
});
