/**
 * `chidao admin reset` (issue 16, item 6) as an operator runs it on the server: a child process
 * on the API's data directory, then the real API on that directory again.
 */
import { SqliteEventStore } from '@chidao/event-store';
import { SqliteSessionStore } from '@chidao/runtime';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { passwordOf, seedProvince } from '../../api/test/support/province';
import { ADMIN, bearer, startTestApp } from '../../api/test/support/test-app';
import { runCli, TempDataDirs } from './support';

const NEW_PASSWORD = 'Cau-Rong-Da-Nang-2013';

describe('chidao admin reset', () => {
  const dirs = new TempDataDirs();
  afterAll(() => dirs.cleanup());

  const reset = (dir: string, args: readonly string[]) =>
    runCli(['admin', 'reset', ...args], [], { CHIDAO_DATA_DIR: dir });

  const headOf = async (dir: string): Promise<number> => {
    const store = SqliteEventStore.open({ path: path.join(dir, 'chidao.sqlite') });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  /**
   * A deployment where the user "stafftc" is disabled and holds no admin role, and the
   * administrator's session (a login of its own) is open.
   */
  async function deployment(): Promise<{
    dir: string;
    staffId: string;
    adminSession: { sessionId: string; refreshToken: string };
  }> {
    const { dir } = dirs.create();
    const t = await startTestApp({ dataDir: dir });
    try {
      const province = await seedProvince(t);
      const adminSession = (
        await t.http
          .post('/api/auth/login')
          .send({ username: ADMIN.username, password: ADMIN.password })
          .expect(200)
      ).body;
      const staffId = province.userIds.staffTC;
      await t.http
        .patch(`/api/users/${staffId}`)
        .set(province.headers('admin'))
        .send({ active: false, reason: 'Nghỉ phép dài ngày' })
        .expect(200);
      return { dir, staffId, adminSession };
    } finally {
      await t.close();
    }
  }

  it('lifts a login lock left by failed logins', async () => {
    const { dir } = dirs.create();
    const t = await startTestApp({ dataDir: dir });
    try {
      // Ten wrong passwords, each after the delay the last one set, lock the account
      // (login-throttle.e2e covers the throttle itself).
      for (let attempt = 0; attempt < 10; attempt++) {
        await t.http
          .post('/api/auth/login')
          .send({ username: ADMIN.username, password: `sai-mat-khau-${attempt}` })
          .expect(401);
        t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
      }
      await t.http
        .post('/api/auth/login')
        .send({ username: ADMIN.username, password: ADMIN.password })
        .expect(429);
    } finally {
      await t.close();
    }
    const run = await reset(dir, [ADMIN.username]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gỡ khóa đăng nhập / lifted the login lock');
    const again = await startTestApp({ dataDir: dir });
    try {
      await again.login(ADMIN.username, ADMIN.password);
    } finally {
      await again.close();
    }
  });

  it('gives a user the admin role back, enables it and sets a new password, in the log', async () => {
    const { dir, staffId } = await deployment();
    const passwordFile = path.join(dir, 'new-password.txt');
    fs.writeFileSync(passwordFile, `${NEW_PASSWORD}\n`, { mode: 0o600 });

    const run = await reset(dir, ['stafftc', '--password-file', passwordFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mở khóa tài khoản / enabled the account');
    expect(run.stdout).toContain('cấp vai trò admin / gave the admin role');
    expect(run.stdout).toContain('đặt mật khẩu mới / set a new password');
    expect(run.stdout).not.toContain(NEW_PASSWORD);

    const store = SqliteEventStore.open({ path: path.join(dir, 'chidao.sqlite') });
    const events = await store.readStream(`user-${staffId}`);
    await store.close();
    const resetEvents = events.filter((e) => e.metadata.actor === 'system:cli-admin-reset');
    expect(resetEvents.map((e) => e.type)).toEqual([
      'UserEnabled',
      'UserRolesChanged',
      'UserPasswordSet',
    ]);
    expect(JSON.stringify(resetEvents)).not.toContain('scrypt');

    const t = await startTestApp({ dataDir: dir });
    try {
      await expect(t.login('stafftc', passwordOf('staffTC'))).rejects.toThrow();
      const staff = bearer(await t.login('stafftc', NEW_PASSWORD));
      const users = await t.http.get('/api/users').set(staff).expect(200);
      expect(users.body.find((u: { id: string }) => u.id === staffId)).toMatchObject({
        roles: ['admin', 'staff'],
        active: true,
      });
    } finally {
      await t.close();
    }
  });

  it('gives the administrator a new password it has forgotten, and ends its sessions', async () => {
    const { dir, adminSession } = await deployment();
    const passwordFile = path.join(dir, 'new-password.txt');
    fs.writeFileSync(passwordFile, NEW_PASSWORD, { mode: 0o600 });
    const run = await reset(dir, [ADMIN.username, '--password-file', passwordFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('đặt mật khẩu mới / set a new password');
    expect(run.stdout).not.toContain('cấp vai trò admin');
    const sessions = SqliteSessionStore.open(path.join(dir, 'chidao.sqlite'));
    try {
      const ended = await sessions.get(adminSession.sessionId);
      expect(ended).toMatchObject({ endReason: 'superseded' });
    } finally {
      await sessions.close();
    }
    const t = await startTestApp({ dataDir: dir });
    try {
      await expect(t.login(ADMIN.username, ADMIN.password)).rejects.toThrow();
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: adminSession.refreshToken })
        .expect(401);
      await t.login(ADMIN.username, NEW_PASSWORD);
    } finally {
      await t.close();
    }
  });

  it('refuses a weak password, an unknown user and a password on the command line; writes nothing', async () => {
    const { dir } = await deployment();
    const before = await headOf(dir);
    const weak = path.join(dir, 'weak.txt');
    fs.writeFileSync(weak, 'stafftc2024');
    const refusedWeak = await reset(dir, ['stafftc', '--password-file', weak]);
    expect(refusedWeak.code).toBe(2);
    expect(refusedWeak.stderr).toContain('Mật khẩu');
    const unknown = await reset(dir, ['khongco']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có người dùng "khongco"');
    const inArgv = await reset(dir, ['stafftc', '--password', NEW_PASSWORD]);
    expect(inArgv.code).toBe(2);
    expect(await headOf(dir)).toBe(before);
  });
});
