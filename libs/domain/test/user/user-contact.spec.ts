import { authorizeContactChange } from '../../src/access/admin-permissions';
import type { Actor } from '../../src/shared/actor';
import type { CommandInput } from '../../src/shared/command';
import { DomainError, expectEvents, isDomainError } from '../../src/shared/domain-error';
import {
  decideUser,
  evolveUser,
  foldUser,
  initialUserState,
  parseContactChannels,
  parseUserCommand,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '../../src/user';

const TODAY = '2024-06-30';
const admin: Actor = { userId: 'admin-1', roles: ['admin'], agency: null };
const agencies = { get: (code: string) => (code === 'SO-TTTT' ? { active: true } : undefined) };

const input = (
  type: UserCommand['type'],
  data: Record<string, unknown>,
): CommandInput<UserCommand['type']> => ({
  type,
  data,
  meta: { actor: admin, occurredOn: TODAY, receivedAt: '2024-06-30T03:00:00Z' },
});

function decide(type: UserCommand['type'], data: Record<string, unknown>, state: UserState) {
  const parsed = parseUserCommand(input(type, data));
  return isDomainError(parsed) ? parsed : decideUser(parsed, state, agencies);
}

const accept = (state: UserState, data: Record<string, unknown>) => {
  const events = expectEvents(decide('ChangeUserContact', data, state));
  return { events, state: events.reduce(evolveUser, state) };
};

const refusal = (state: UserState, data: Record<string, unknown>): DomainError => {
  const decision = decide('ChangeUserContact', data, state);
  if (!isDomainError(decision)) throw new Error(`accepted: ${JSON.stringify(decision)}`);
  expect(decision.messageVi).not.toBe(decision.message);
  return decision;
};

const created = (extra: Record<string, unknown> = {}): UserState =>
  expectEvents(
    decide(
      'CreateUser',
      {
        userId: 'u-1',
        username: 'nguyenvana',
        displayName: 'Nguyễn Văn A',
        roles: ['staff'],
        agency: 'SO-TTTT',
        ...extra,
      },
      initialUserState,
    ),
  ).reduce(evolveUser, initialUserState);

describe('a user’s contact for reminders', () => {
  it('starts with no address and the default channels (e-mail once there is one, the app)', () => {
    expect(created()).toMatchObject({ email: null, phone: null, channels: ['email', 'in_app'] });
  });

  it('replays a UserCreated written before contacts existed with no contact', () => {
    const old: UserEvent = {
      type: 'UserCreated',
      schemaVersion: 1,
      occurredOn: '2023-01-02',
      data: { userId: 'u-0', username: 'cu', displayName: 'Cũ', roles: ['staff'], agency: 'X' },
    };
    expect(foldUser([old])).toMatchObject({
      exists: true,
      email: null,
      phone: null,
      channels: ['email', 'in_app'],
    });
  });

  it('sets the whole contact in one event, addresses in their stored form', () => {
    const { events, state } = accept(created(), {
      email: ' NguyenVanA@SoTTTT.Gov.VN ',
      phone: '0912 345 678',
      channels: ['sms', 'email'],
    });
    expect(events).toEqual([
      {
        type: 'UserContactChanged',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: {
          userId: 'u-1',
          email: 'NguyenVanA@sotttt.gov.vn',
          phone: '+84912345678',
          channels: ['email', 'sms', 'in_app'],
        },
      },
    ]);
    expect(state).toMatchObject({
      email: 'NguyenVanA@sotttt.gov.vn',
      phone: '+84912345678',
      channels: ['email', 'sms', 'in_app'],
    });
  });

  it('keeps the fields left out, and removes an address given as null or blank', () => {
    const set = accept(created(), { email: 'a@sotttt.gov.vn', phone: '0912345678' }).state;
    const phoneOnly = accept(set, { phone: '0987 654 321' }).state;
    expect(phoneOnly).toMatchObject({ email: 'a@sotttt.gov.vn', phone: '+84987654321' });
    const noPhone = accept(phoneOnly, { phone: '  ' }).state;
    expect(noPhone.phone).toBeNull();
    const noEmail = accept(noPhone, { email: null, channels: [] }).state;
    expect(noEmail).toMatchObject({ email: null, channels: ['in_app'] });
  });

  it('keeps the app among the channels whatever is sent', () => {
    expect(parseContactChannels([])).toEqual(['in_app']);
    expect(parseContactChannels(['in_app', 'email', 'email'])).toEqual(['email', 'in_app']);
    // Nothing changes: the app was already on.
    const withEmail = created({ email: 'a@sotttt.gov.vn' });
    expect(refusal(withEmail, { channels: ['email'] }).code).toBe('nothing_changed');
  });

  it('takes an address at creation, in its own event after UserCreated', () => {
    const events = expectEvents(
      decide(
        'CreateUser',
        {
          userId: 'u-2',
          username: 'tranthib',
          displayName: 'Trần Thị B',
          roles: ['staff'],
          agency: 'SO-TTTT',
          email: 'b@sotttt.gov.vn',
          phone: '',
          credentialId: 'cred-1',
        },
        initialUserState,
      ),
    );
    expect(events.map((e) => e.type)).toEqual([
      'UserCreated',
      'UserContactChanged',
      'UserPasswordSet',
    ]);
    expect(events[0].data).not.toHaveProperty('email');
    expect(events[1].data).toEqual({
      userId: 'u-2',
      email: 'b@sotttt.gov.vn',
      phone: null,
      channels: ['email', 'in_app'],
    });
  });

  it.each([
    ['a bad e-mail address', { email: 'nguyenvana@gmail' }, 'invalid_email_address', 'email'],
    ['a control character', { email: 'a\u0007@x.vn' }, 'invalid_email_address', 'email'],
    ['a bad phone number', { phone: '0123 456' }, 'invalid_phone_number', 'phone'],
    ['an unknown channel', { channels: ['zalo'] }, 'invalid_contact_channels', 'channels'],
    ['channels that are no list', { channels: 'email' }, 'invalid_contact_channels', 'channels'],
  ])('refuses %s, naming the field in Vietnamese', (_what, data, code, field) => {
    const error = refusal(created(), data);
    expect({ code: error.code, kind: error.kind, field: error.details?.field }).toEqual({
      code,
      kind: 'invalid_input',
      field,
    });
  });

  it('names the field in the Vietnamese message of a bad address', () => {
    expect(refusal(created(), { email: 'a@b' }).messageVi).toMatch(/^Địa chỉ thư điện tử "a@b"/);
    expect(refusal(created(), { phone: '12345' }).messageVi).toMatch(/^Số điện thoại "12345"/);
  });

  it('refuses e-mail chosen without an address, and SMS without a phone', () => {
    expect(refusal(created(), { channels: ['email'] })).toMatchObject({
      code: 'contact_channel_without_address',
      details: { field: 'email' },
    });
    expect(refusal(created(), { channels: ['sms'] })).toMatchObject({
      code: 'contact_channel_without_address',
      details: { field: 'phone' },
    });
    expect(refusal(created(), { channels: ['sms'] }).messageVi).toMatch(/tin nhắn SMS/);
  });

  it('refuses removing the address of a channel still chosen', () => {
    const both = accept(created(), {
      email: 'a@sotttt.gov.vn',
      phone: '0912345678',
      channels: ['email', 'sms'],
    }).state;
    expect(refusal(both, { phone: null }).code).toBe('contact_channel_without_address');
    expect(refusal(both, { email: '' }).code).toBe('contact_channel_without_address');
    // Unticking at the same time is fine.
    expect(accept(both, { phone: null, channels: ['email'] }).state.channels).toEqual([
      'email',
      'in_app',
    ]);
  });

  it('refuses SMS to a landline number, which cannot receive one', () => {
    const error = refusal(created(), { phone: '024 3823 4567', channels: ['sms'] });
    expect(error.code).toBe('sms_needs_mobile_number');
    expect(error.messageVi).toContain('02438234567');
    // A landline is fine for the record, without SMS.
    expect(accept(created(), { phone: '024 3823 4567' }).state.phone).toBe('+842438234567');
  });

  it('leaves the default e-mail channel alone when only the phone is set', () => {
    // No address and e-mail among the defaults: not chosen now, so not refused now.
    const { state } = accept(created(), { phone: '0912345678' });
    expect(state).toMatchObject({ email: null, channels: ['email', 'in_app'] });
  });

  it('refuses a change of nothing, and a disabled user', () => {
    const set = accept(created(), { email: 'a@sotttt.gov.vn' }).state;
    // The domain is stored lower-case: the same address typed otherwise changes nothing.
    expect(refusal(set, { email: 'a@SOTTTT.GOV.VN' }).code).toBe('nothing_changed');
    const disabled = expectEvents(decide('DisableUser', { reason: 'Nghỉ hưu' }, set)).reduce(
      evolveUser,
      set,
    );
    expect(refusal(disabled, { phone: '0912345678' }).code).toBe('user_disabled');
  });
});

describe('authorizeContactChange', () => {
  const staff: Actor = { userId: 'u-1', roles: ['staff'], agency: 'SO-TTTT' };
  const auditor: Actor = { userId: 'kt-1', roles: ['auditor'], agency: null };

  it('lets everyone set their own, and the administrator anyone’s', () => {
    expect(authorizeContactChange(staff, 'u-1')).toBeNull();
    expect(authorizeContactChange(auditor, 'kt-1')).toBeNull();
    expect(authorizeContactChange(admin, 'u-1')).toBeNull();
  });

  it('refuses someone else’s, in Vietnamese', () => {
    const error = authorizeContactChange(staff, 'u-2');
    expect(error).toMatchObject({ kind: 'forbidden', code: 'forbidden' });
    expect(error?.messageVi).toMatch(/^Chỉ quản trị viên/);
    expect(authorizeContactChange(auditor, 'u-1')?.kind).toBe('forbidden');
  });
});
