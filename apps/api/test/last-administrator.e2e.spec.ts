/**
 * The last administrator (issue 16, item 6): the only active administrator cannot drop its own
 * admin role nor be disabled, by itself or anyone, and nothing is written; with two, one can go;
 * two administrators removing each other at the same moment leave one of them.
 */
import { ADMIN, startTestApp, type TestApp } from './support/test-app';
import { bearer } from './support/test-app';
import { DirectoryService } from '../src/directory/directory.service';

describe('the last active administrator', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let adminId: string;
  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition as number;

  const createAdmin = async (username: string, password: string): Promise<string> => {
    const response = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username, displayName: `Quản trị ${username}`, roles: ['admin'], password });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  beforeEach(async () => {
    t = await startTestApp();
    admin = bearer(await t.login(ADMIN.username, ADMIN.password));
    const users = await t.http.get('/api/users').set(admin).expect(200);
    adminId = users.body.find((u: { username: string }) => u.username === ADMIN.username).id;
  });
  afterEach(() => t.close());

  it.each([
    ['drop its own admin role', { roles: ['auditor'] }],
    ['disable itself', { active: false, reason: 'Nghỉ việc' }],
  ])('cannot %s: 422 in Vietnamese, nothing written', async (_, body) => {
    const before = await head();
    const response = await t.http.patch(`/api/users/${adminId}`).set(admin).send(body);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('last_administrator');
    expect(response.body.messageVi).toContain('quản trị viên cuối cùng');
    expect(await head()).toBe(before);
    const me = await t.http.get('/api/users').set(admin).expect(200);
    expect(me.body.find((u: { id: string }) => u.id === adminId)).toMatchObject({
      roles: ['admin'],
      active: true,
    });
  });

  it('can be removed by another administrator, who then cannot remove itself', async () => {
    const secondId = await createAdmin('quantri2', 'Thap-Rua-Hoan-Kiem-1428');
    const second = bearer(await t.login('quantri2', 'Thap-Rua-Hoan-Kiem-1428'));
    await t.http
      .patch(`/api/users/${adminId}`)
      .set(second)
      .send({ active: false, reason: 'Chuyển công tác' })
      .expect(200);
    const before = await head();
    const response = await t.http
      .patch(`/api/users/${secondId}`)
      .set(second)
      .send({ roles: ['auditor'] });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('last_administrator');
    expect(await head()).toBe(before);
  });

  it('two administrators removing each other at once leave at least one', async () => {
    const secondId = await createAdmin('quantri2', 'Thap-Rua-Hoan-Kiem-1428');
    const second = bearer(await t.login('quantri2', 'Thap-Rua-Hoan-Kiem-1428'));
    const [a, b] = await Promise.all([
      t.http
        .patch(`/api/users/${secondId}`)
        .set(admin)
        .send({ roles: ['auditor'] }),
      t.http.patch(`/api/users/${adminId}`).set(second).send({ active: false, reason: 'Thôi' }),
    ]);
    // The other is refused: its removal conflicts on the administrators' stream (409), or it is
    // decided after the first and refused by the rule (422), for want of an admin role (403), or
    // because losing it ended the caller's session (401).
    expect([a.status, b.status].filter((status) => status === 200)).toHaveLength(1);
    const refused = a.status === 200 ? b : a;
    expect([401, 403, 409, 422]).toContain(refused.status);
    if (refused.status === 409) {
      expect(refused.body.code).toBe('administrators_changed');
      expect(refused.body.messageVi).toContain('Quyền quản trị vừa được thay đổi');
    }
    const users = await t.http.get('/api/users').set(a.status === 200 ? admin : second);
    const admins = users.body.filter(
      (u: { roles: string[]; active: boolean }) => u.active && u.roles.includes('admin'),
    );
    expect(admins).toHaveLength(1);
  });

  it('two instances on one log, each removing the other administrator at once, leave one', async () => {
    const secondId = await createAdmin('quantri2', 'Thap-Rua-Hoan-Kiem-1428');
    const other = await startTestApp({ dataDir: t.dataDir });
    try {
      const second = bearer(await other.login('quantri2', 'Thap-Rua-Hoan-Kiem-1428'));
      const before = await head();
      const [a, b] = await Promise.all([
        t.http
          .patch(`/api/users/${secondId}`)
          .set(admin)
          .send({ roles: ['auditor'] }),
        other.http
          .patch(`/api/users/${adminId}`)
          .set(second)
          .send({ active: false, reason: 'Thôi' }),
      ]);
      expect([a.status, b.status].filter((status) => status === 200)).toHaveLength(1);
      expect([401, 403, 409, 422]).toContain(a.status === 200 ? b.status : a.status);
      // The user's event and the removal's entry on the administrators' stream: nothing else.
      expect(await head()).toBe(before + 2);
      await t.app.get(DirectoryService).catchUp();
      const admins = t.app
        .get(DirectoryService)
        .users.list()
        .filter((user) => user.active && user.roles.includes('admin'));
      expect(admins).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
