/**
 * The password policy (issue 16, item 5): passwords that are too short, common, containing the
 * username (case and accents aside) or too easy to guess are refused wherever a password is
 * set, with the rule that failed named in Vietnamese, and nothing is written to the log.
 */
import { passwordOf, seedProvince, type Province } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

describe('the password policy', () => {
  let t: TestApp;
  let province: Province;
  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition as number;

  beforeAll(async () => {
    t = await startTestApp();
    province = await seedProvince(t);
  });
  afterAll(() => t.close());

  it.each([
    ['ten spaces', ' '.repeat(10), 'password_too_weak', 'quá dễ đoán'],
    ['one letter repeated', 'aaaaaaaaaa', 'password_too_weak', 'quá dễ đoán'],
    ['a common password', 'password123', 'password_common', 'mật khẩu phổ biến'],
    ['a keyboard walk', 'qwertyuiop', 'password_common', 'mật khẩu phổ biến'],
    ['the username', 'nguyenvana', 'password_contains_username', 'tên đăng nhập'],
    [
      'the username with accents and capitals',
      'NGUYỄNVĂNA-Sở-2024',
      'password_contains_username',
      'tên đăng nhập',
    ],
  ])('refuses %s for a new user, says why, and writes nothing', async (_, password, code, vi) => {
    const before = await head();
    const response = await t.http
      .post('/api/users')
      .set(province.headers('admin'))
      .send({
        username: 'nguyenvana',
        displayName: 'Nguyễn Văn A',
        roles: ['staff'],
        agency: 'STC',
        password,
      });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(response.body.messageVi).toContain('Mật khẩu');
    expect(response.body.messageVi).toContain(vi);
    expect(await head()).toBe(before);
  });

  it('refuses a weak new password for an existing user, and the old one still works', async () => {
    const before = await head();
    const response = await t.http
      .patch(`/api/users/${province.userIds.staffTC}`)
      .set(province.headers('admin'))
      .send({ password: 'StaffTC-2024-moi' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('password_contains_username');
    expect(await head()).toBe(before);
    await t.login('stafftc', passwordOf('staffTC'));
  });

  it('accepts a long, unpredictable password', async () => {
    const response = await t.http
      .post('/api/users')
      .set(province.headers('admin'))
      .send({
        username: 'nguyenvanb',
        displayName: 'Nguyễn Văn B',
        roles: ['staff'],
        agency: 'STC',
        password: 'Chim-lac-bay-qua-Ha-Giang',
      });
    expect(response.status).toBe(201);
    await t.login('nguyenvanb', 'Chim-lac-bay-qua-Ha-Giang');
  });
});
