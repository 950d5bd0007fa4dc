import { seedProvince, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Contacts for reminders and agency heads, end to end on the real app: a user sets their own
 * e-mail, phone and channels and reads them back; a bad address is refused with the field named
 * in Vietnamese and nothing appended; nobody but an administrator changes someone else's; the
 * administrator sees everyone's and sets an agency's head, who must be a user of that agency.
 */
describe('contacts for reminders and agency heads', () => {
  let t: TestApp;
  let province: Province;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const contactOf = (who: UserName, userId: string, body: object) =>
    t.http.patch(`/api/users/${userId}/contact`).set(province.headers(who)).send(body);
  const me = async (who: UserName) =>
    (await t.http.get('/api/auth/me').set(province.headers(who)).expect(200)).body;
  const assignHead = (who: UserName, code: string, body: object) =>
    t.http.put(`/api/agencies/${code}/head`).set(province.headers(who)).send(body);

  /** The answer is a refusal with this status and code, and the log did not move. */
  async function expectRefused(
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
    code: string,
  ): Promise<{ message: string; messageVi: string; details?: Record<string, unknown> }> {
    const before = await headPosition();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.messageVi).not.toEqual(response.body.message);
    expect(await headPosition()).toBe(before);
    return response.body as never;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
  });
  afterAll(() => t.close());

  describe('a user’s own contact', () => {
    it('starts empty, with reminders by e-mail (once there is an address) and in the app', async () => {
      expect(await me('staffTTTT')).toMatchObject({
        email: null,
        phone: null,
        channels: ['email', 'in_app'],
      });
    });

    it('is set by the user and read back in its stored form', async () => {
      const before = await headPosition();
      const response = await contactOf('staffTTTT', province.userIds.staffTTTT, {
        email: ' NguyenVanA@SoTTTT.Gov.VN ',
        phone: '0912.345.678',
        channels: ['email', 'sms'],
      }).expect(200);
      const stored = {
        email: 'NguyenVanA@sotttt.gov.vn',
        phone: '+84912345678',
        channels: ['email', 'sms', 'in_app'],
      };
      expect(response.body).toMatchObject(stored);
      expect(await headPosition()).toBe(before + 1);
      expect(await me('staffTTTT')).toMatchObject(stored);
    });

    it('keeps the fields left out', async () => {
      await contactOf('staffTTTT', province.userIds.staffTTTT, { phone: '+84 987 654 321' }).expect(
        200,
      );
      expect(await me('staffTTTT')).toMatchObject({
        email: 'NguyenVanA@sotttt.gov.vn',
        phone: '+84987654321',
        channels: ['email', 'sms', 'in_app'],
      });
    });

    it.each([
      [
        'a bad e-mail address',
        { email: 'nguyenvana@gmail' },
        'invalid_email_address',
        /^Địa chỉ thư điện tử "nguyenvana@gmail" không hợp lệ: tên miền "gmail" thiếu dấu chấm/,
      ],
      [
        'two e-mail addresses',
        { email: 'a@sotttt.gov.vn, b@sotttt.gov.vn' },
        'invalid_email_address',
        /^Địa chỉ thư điện tử .* chỉ nhập một địa chỉ/,
      ],
      [
        'a bad phone number',
        { phone: '0123 456 78' },
        'invalid_phone_number',
        /^Số điện thoại "0123 456 78" không hợp lệ/,
      ],
      [
        'an old 11-digit mobile number',
        { phone: '0168 123 4567' },
        'invalid_phone_number',
        /đã đổi thành 0381234567/,
      ],
      [
        'a control character in the address',
        { email: 'nguyenvana\u0000@sotttt.gov.vn' },
        'invalid_email_address',
        /ký tự ẩn hoặc ký tự điều khiển \(U\+0000\)/,
      ],
      [
        'a control character in the phone',
        { phone: '0912\u0007345678' },
        'invalid_phone_number',
        /ký tự điều khiển \(U\+0007\)/,
      ],
      [
        'SMS chosen without a phone',
        { phone: null, channels: ['sms'] },
        'contact_channel_without_address',
        /^Muốn nhận nhắc việc qua tin nhắn SMS thì cần nhập số điện thoại di động/,
      ],
      [
        'e-mail chosen without an address',
        { email: '', channels: ['email'] },
        'contact_channel_without_address',
        /^Muốn nhận nhắc việc qua thư điện tử thì cần nhập địa chỉ thư điện tử/,
      ],
      [
        'SMS to a landline',
        { phone: '024 3823 4567', channels: ['sms'] },
        'sms_needs_mobile_number',
        /là số điện thoại cố định, không nhận được tin nhắn SMS/,
      ],
    ])(
      'refuses %s with 400, the field named in Vietnamese, nothing appended',
      async (_w, body, code, vi) => {
        const error = await expectRefused(
          () => contactOf('staffTTTT', province.userIds.staffTTTT, body),
          400,
          code,
        );
        expect(error.messageVi).toMatch(vi);
      },
    );

    it('refuses an unknown channel and an unknown field at the edge, each named in Vietnamese', async () => {
      const error = await expectRefused(
        () =>
          contactOf('staffTTTT', province.userIds.staffTTTT, {
            channels: ['zalo'],
            fax: '024 3823 4567',
          }),
        400,
        'validation_failed',
      );
      const fields = (error.details as { fields: { field: string; messageVi: string }[] }).fields;
      expect(fields.map((f) => f.field).sort()).toEqual(['channels', 'fax']);
      expect(fields.find((f) => f.field === 'channels')?.messageVi).toMatch(
        /^Mỗi mục của kênh nhận nhắc việc|^Kênh nhận nhắc việc/,
      );
    });

    it('refuses a change of nothing with 422', async () => {
      await expectRefused(
        () => contactOf('staffTTTT', province.userIds.staffTTTT, { phone: '0987654321' }),
        422,
        'nothing_changed',
      );
    });

    it('left the contact as it was after every refusal', async () => {
      expect(await me('staffTTTT')).toMatchObject({
        email: 'NguyenVanA@sotttt.gov.vn',
        phone: '+84987654321',
        channels: ['email', 'sms', 'in_app'],
      });
    });
  });

  describe('someone else’s contact', () => {
    it.each(['staffTTTT', 'leaderTTTT', 'tracker', 'auditor'] as const)(
      'refuses %s changing another user’s contact with 403; nothing appended',
      async (who) => {
        const error = await expectRefused(
          () => contactOf(who, province.userIds.staffTC, { email: 'x@stc.gov.vn' }),
          403,
          'forbidden',
        );
        expect(error.messageVi).toBe(
          'Chỉ quản trị viên được thay đổi thông tin liên hệ của người khác.',
        );
      },
    );

    it('lets an auditor set their own', async () => {
      await contactOf('auditor', province.userIds.auditor, { email: 'thanhtra@hatinh.gov.vn' })
        .expect(200)
        .expect((r) => expect(r.body.email).toBe('thanhtra@hatinh.gov.vn'));
    });

    it('lets the administrator set anyone’s, and answers 404 for an unknown user', async () => {
      const response = await contactOf('admin', province.userIds.staffTC, {
        email: 'chuyenvien@stc.gov.vn',
        phone: '0239 385 6789',
      }).expect(200);
      expect(response.body).toMatchObject({
        id: province.userIds.staffTC,
        email: 'chuyenvien@stc.gov.vn',
        phone: '+842393856789',
        channels: ['email', 'in_app'],
      });
      await expectRefused(
        () => contactOf('admin', '00000000-0000-4000-8000-000000000000', { phone: '0912345678' }),
        404,
        'user_not_found',
      );
    });

    it('shows every contact to the administrator in the user list, and the list to nobody else', async () => {
      const users = (await t.http.get('/api/users').set(province.headers('admin')).expect(200))
        .body as { username: string; email: string | null; phone: string | null }[];
      const byName = Object.fromEntries(users.map((u) => [u.username, u]));
      expect(byName.stafftttt).toMatchObject({
        email: 'NguyenVanA@sotttt.gov.vn',
        phone: '+84987654321',
        channels: ['email', 'sms', 'in_app'],
      });
      expect(byName.stafftc).toMatchObject({
        email: 'chuyenvien@stc.gov.vn',
        phone: '+842393856789',
      });
      expect(byName.leader).toMatchObject({ email: null, phone: null });
      for (const who of ['staffTTTT', 'leader', 'tracker'] as const) {
        await t.http.get('/api/users').set(province.headers(who)).expect(403);
      }
    });

    it('never shows one user’s contact in what other users read', async () => {
      // The register every user reads names heads by id, never their addresses.
      const agencies = await t.http.get('/api/agencies').set(province.headers('staffTC'));
      expect(JSON.stringify(agencies.body)).not.toMatch(/@|\+84/);
      // "me" is one's own.
      expect(await me('staffTC')).toMatchObject({ email: 'chuyenvien@stc.gov.vn' });
      expect(JSON.stringify(await me('staffKHDT'))).not.toMatch(/sotttt|stc\.gov/);
    });
  });

  describe('addresses at creation', () => {
    it('takes an e-mail and a phone when a user is created', async () => {
      const response = await t.http
        .post('/api/users')
        .set(province.headers('admin'))
        .send({
          username: 'giamdoc.stc',
          displayName: 'Giám đốc Sở Tài chính',
          roles: ['leader'],
          agency: 'STC',
          email: 'giamdoc@stc.gov.vn',
          phone: '0912 000 111',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        email: 'giamdoc@stc.gov.vn',
        phone: '+84912000111',
        channels: ['email', 'in_app'],
      });
    });

    it('refuses a bad address at creation, naming it, and creates nobody', async () => {
      const error = await expectRefused(
        () =>
          t.http
            .post('/api/users')
            .set(province.headers('admin'))
            .send({
              username: 'pho.giamdoc.stc',
              displayName: 'Phó Giám đốc',
              roles: ['leader'],
              agency: 'STC',
              email: 'Nguyễn Văn B <b@stc.gov.vn>',
            }),
        400,
        'invalid_email_address',
      );
      expect(error.messageVi).toMatch(/^Địa chỉ thư điện tử .* có dấu cách/);
      const users = (await t.http.get('/api/users').set(province.headers('admin'))).body as {
        username: string;
      }[];
      expect(users.map((u) => u.username)).not.toContain('pho.giamdoc.stc');
    });
  });

  describe('agency heads', () => {
    it('lets the administrator set the head of an agency, shown in the register', async () => {
      const before = await headPosition();
      const response = await assignHead('admin', 'STTTT', {
        userId: province.userIds.leaderTTTT,
      }).expect(200);
      expect(response.body).toMatchObject({
        code: 'STTTT',
        headUserId: province.userIds.leaderTTTT,
      });
      expect(await headPosition()).toBe(before + 1);
      const register = await t.http.get('/api/agencies').set(province.headers('staffTTTT'));
      expect(register.body.find((a: { code: string }) => a.code === 'STTTT').headUserId).toBe(
        province.userIds.leaderTTTT,
      );
    });

    it('refuses a head from another agency with 422 in Vietnamese; nothing appended', async () => {
      const error = await expectRefused(
        () => assignHead('admin', 'STTTT', { userId: province.userIds.staffTC }),
        422,
        'agency_head_outside_agency',
      );
      expect(error.messageVi).toMatch(/^Người đứng đầu cơ quan, đơn vị STTTT phải là người dùng/);
      // Nor a unit's user for the department above it.
      const cntt = await t.http
        .post('/api/users')
        .set(province.headers('admin'))
        .send({
          username: 'tp.cntt',
          displayName: 'Trưởng phòng',
          roles: ['leader'],
          agency: 'PHONG-CNTT',
        })
        .expect(201);
      await expectRefused(
        () => assignHead('admin', 'STTTT', { userId: cntt.body.id }),
        422,
        'agency_head_outside_agency',
      );
    });

    it.each([
      [
        'an unknown user',
        { userId: '00000000-0000-4000-8000-000000000000' },
        422,
        'agency_head_not_found',
      ],
      ['no user named', {}, 400, 'validation_failed'],
      ['an id that is no id', { userId: 'giamdoc' }, 400, 'validation_failed'],
    ])('refuses %s; nothing appended', async (_what, body, status, code) => {
      const error = await expectRefused(() => assignHead('admin', 'STTTT', body), status, code);
      if (code === 'validation_failed') expect(error.messageVi).toMatch(/Người đứng đầu/);
    });

    it('answers 404 for an unknown agency', async () => {
      await expectRefused(
        () => assignHead('admin', 'SO-KHONG-CO', { userId: province.userIds.leaderTTTT }),
        404,
        'agency_not_found',
      );
    });

    it.each(['leader', 'tracker', 'leaderTTTT', 'staffTTTT', 'auditor'] as const)(
      'refuses %s with 403; nothing appended',
      async (who) => {
        const error = await expectRefused(
          () => assignHead(who, 'STC', { userId: province.userIds.staffTC }),
          403,
          'forbidden',
        );
        expect(error.messageVi).toMatch(/^Chỉ quản trị viên|chỉ được xem/);
      },
    );

    it('removes the head with null', async () => {
      const response = await assignHead('admin', 'STTTT', { userId: null }).expect(200);
      expect(response.body.headUserId).toBeNull();
    });
  });
});
