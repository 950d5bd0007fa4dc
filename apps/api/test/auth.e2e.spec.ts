import type { LoggerService } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request, { type Response } from 'supertest';
import { createApp } from '../src/app.factory';
import { loadAppConfig } from '../src/config/app-config';
import { passwordOf, seedProvince, USERS, type Province } from './support/province';
import { ADMIN, bearer, startTestApp, TestClock, type TestApp } from './support/test-app';

const NOW = '2024-06-30T03:00:00Z';
const OIDC_ISSUER = 'https://sso.hatinh.gov.vn/realms/chidao';
const OIDC_AUDIENCE = 'chidao-api';

/** No answer about users may carry a password or its hash. */
function expectNoSecrets(response: Response, ...passwords: string[]): void {
  const text = `${JSON.stringify(response.body)} ${response.text ?? ''}`;
  expect(text).not.toMatch(/scrypt\$|passwordHash/);
  for (const password of passwords) expect(text).not.toContain(password);
}

describe('authentication and the user register', () => {
  let t: TestApp;
  let p: Province;
  let jwks: http.Server;
  let jwksUrl: string;
  let signingKey: KeyLike;
  let intruderKey: KeyLike;

  const login = (username: string, password: string) =>
    t.http.post('/api/auth/login').send({ username, password });
  const me = (token: string) => t.http.get('/api/auth/me').set(bearer(token));
  const createUser = (body: Record<string, unknown>) =>
    t.http.post('/api/users').set(p.headers('admin')).send(body);
  const patchUser = (id: string, body: Record<string, unknown>) =>
    t.http.patch(`/api/users/${id}`).set(p.headers('admin')).send(body);
  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  /** Runs `check` with the server clock moved by `seconds`, then puts the clock back. */
  async function withClockMoved(seconds: number, check: () => Promise<void>): Promise<void> {
    const before = t.clock.now().toISOString();
    t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000).toISOString());
    try {
      await check();
    } finally {
      t.clock.set(before);
    }
  }

  beforeAll(async () => {
    // The provider publishes the public half of signingKey only; intruderKey is anyone else's.
    intruderKey = (await generateKeyPair('RS256')).privateKey;
    const signing = await generateKeyPair('RS256');
    signingKey = signing.privateKey;
    const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'sso-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((req, res) => {
      if (req.url === '/realms/chidao/certs') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/realms/chidao/certs`;

    t = await startTestApp({
      now: NOW,
      env: {
        CHIDAO_OIDC_JWKS_URL: jwksUrl,
        CHIDAO_OIDC_ISSUER: OIDC_ISSUER,
        CHIDAO_OIDC_AUDIENCE: OIDC_AUDIENCE,
      },
    });
    p = await seedProvince(t);
  });
  afterAll(async () => {
    await t.close();
    jwks.closeAllConnections();
    await new Promise((resolve) => jwks.close(resolve));
  });

  describe('login', () => {
    it('answers 200 with an access token, a refresh token and the user, never the hash', async () => {
      const response = await login(ADMIN.username, ADMIN.password).expect(200);
      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: t.config.accessTokenTtlSeconds,
        user: { username: 'admin', roles: ['admin'], active: true, hasPassword: true },
      });
      expect(response.body.accessToken).not.toBe(response.body.refreshToken);
      expectNoSecrets(response, ADMIN.password);
      await me(response.body.accessToken).expect(200);
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrongPassword = await login('leader', 'not-the-password').expect(401);
      const unknownUser = await login('khongtontai', 'not-the-password').expect(401);
      expect(wrongPassword.body.code).toBe('unauthenticated');
      expect(wrongPassword.body.messageVi).toEqual(expect.any(String));
      expect(unknownUser.body).toEqual(wrongPassword.body);
      expect(wrongPassword.body.accessToken).toBeUndefined();
    });
  });

  describe('tokens', () => {
    it('a refresh token gives new tokens that work', async () => {
      const first = await login('stafftc', passwordOf('staffTC')).expect(200);
      const refreshed = await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(refreshed.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
      });
      expect(refreshed.body.accessToken).not.toBe(first.body.accessToken);
      expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
      const who = await me(refreshed.body.accessToken).expect(200);
      expect(who.body).toMatchObject({ id: p.userIds.staffTC, roles: ['staff'], agency: 'STC' });
    });

    it('a refresh token cannot call the API, and an access token cannot refresh', async () => {
      const tokens = (await login('stafftc', passwordOf('staffTC')).expect(200)).body;
      const asBearer = await me(tokens.refreshToken).expect(401);
      expect(asBearer.body.code).toBe('unauthenticated');
      await t.http.get('/api/agencies').set(bearer(tokens.refreshToken)).expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: tokens.accessToken }).expect(401);
    });

    it('refuses an access token once CHIDAO_ACCESS_TOKEN_TTL has passed; the refresh token still works', async () => {
      const ttl = t.config.accessTokenTtlSeconds;
      const tokens = (await login('stafftc', passwordOf('staffTC')).expect(200)).body;
      await withClockMoved(ttl - 5, async () => {
        await me(tokens.accessToken).expect(200);
      });
      await withClockMoved(ttl + 1, async () => {
        const expired = await me(tokens.accessToken).expect(401);
        expect(expired.body.code).toBe('unauthenticated');
        expect(expired.body.messageVi).toMatch(/hết hạn/);
        const renewed = await t.http
          .post('/api/auth/refresh')
          .send({ refreshToken: tokens.refreshToken })
          .expect(200);
        await me(renewed.body.accessToken).expect(200);
      });
    });

    it('refuses a tampered or foreign token', async () => {
      const token = p.tokens.staffTC;
      const [h, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: p.userIds.admin })).toString(
        'base64url',
      );
      await me(`${h}.${forged}.${signature}`).expect(401);
      await me('not-a-token').expect(401);
      await t.http.get('/api/auth/me').set('Authorization', `Basic ${token}`).expect(401);
    });
  });

  describe('account changes take effect at the next call', () => {
    it('a disabled user is refused at once, even with a valid token, and can log in again when re-enabled', async () => {
      const password = 'tam-nghi-password';
      const created = await createUser({
        username: 'tamnghi',
        displayName: 'Cán bộ tạm nghỉ',
        roles: ['staff'],
        agency: 'STC',
        password,
      }).expect(201);
      expectNoSecrets(created, password);
      const tokens = (await login('tamnghi', password).expect(200)).body;
      await me(tokens.accessToken).expect(200);

      const disabled = await patchUser(created.body.id, {
        active: false,
        reason: 'Nghỉ việc từ 01/7/2024',
      }).expect(200);
      expect(disabled.body).toMatchObject({ id: created.body.id, active: false });
      expectNoSecrets(disabled, password);

      const refused = await me(tokens.accessToken).expect(401);
      expect(refused.body.code).toBe('unauthenticated');
      await t.http.get('/api/agencies').set(bearer(tokens.accessToken)).expect(401);
      await login('tamnghi', password).expect(401);
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: tokens.refreshToken })
        .expect(401);

      const enabled = await patchUser(created.body.id, { active: true }).expect(200);
      expect(enabled.body.active).toBe(true);
      const again = await login('tamnghi', password).expect(200);
      await me(again.body.accessToken).expect(200);
    });

    it('a role change ends the session: the next login has the new roles', async () => {
      const password = 'doi-vai-tro-password';
      const created = await createUser({
        username: 'doivaitro',
        displayName: 'Chuyên viên Sở Tài chính',
        roles: ['staff'],
        agency: 'STC',
        password,
      }).expect(201);
      const token = await t.login('doivaitro', password);
      const directive = {
        reference: '15/KH-STC',
        issuedOn: '2024-06-01',
        issuer: 'Sở Tài chính',
        title: 'Kế hoạch kiểm tra công tác tài chính năm 2024',
      };
      const asStaff = await t.http
        .post('/api/directives')
        .set(bearer(token))
        .send(directive)
        .expect(403);
      expect(asStaff.body.code).toBe('forbidden');

      await patchUser(created.body.id, { roles: ['tracker'] }).expect(200);
      const ended = await me(token).expect(401);
      expect(ended.body.messageVi).toMatch(/vai trò/);
      const asTrackerToken = await t.login('doivaitro', password);
      expect((await me(asTrackerToken).expect(200)).body.roles).toEqual(['tracker']);
      const asTracker = await t.http
        .post('/api/directives')
        .set(bearer(asTrackerToken))
        .send(directive)
        .expect(201);
      expect(asTracker.body.assigningAgency).toBe('STC');

      await patchUser(created.body.id, { roles: ['staff'] }).expect(200);
      await t.http
        .post('/api/directives')
        .set(bearer(await t.login('doivaitro', password)))
        .send({ ...directive, reference: '16/KH-STC' })
        .expect(403);
    });
  });

  describe('the user register', () => {
    it('refuses a second user with an existing username with 409 and appends nothing', async () => {
      const before = await head();
      for (const username of ['stafftttt', 'StaffTTTT', ' stafftttt ']) {
        const response = await createUser({
          username,
          displayName: 'Trùng tên',
          roles: ['staff'],
          agency: 'STC',
          password: 'another-password',
        }).expect(409);
        expect(response.body.code).toBe('username_taken');
      }
      expect(await head()).toBe(before);
      // The original account is untouched.
      await t.login('stafftttt', passwordOf('staffTTTT'));
    });

    it('stores users as events: creating one appends to the log', async () => {
      const before = await head();
      const created = await createUser({
        username: 'nguoimoi',
        displayName: 'Người mới',
        roles: ['auditor'],
        password: 'nguoi-moi-password',
      }).expect(201);
      expect(await head()).toBeGreaterThan(before);
      const listed = await t.http.get('/api/users').set(p.headers('admin')).expect(200);
      expect(listed.body).toContainEqual(
        expect.objectContaining({ id: created.body.id, username: 'nguoimoi', roles: ['auditor'] }),
      );
    });

    it('lists every user to the admin only, without hashes', async () => {
      const listed = await t.http.get('/api/users').set(p.headers('admin')).expect(200);
      expectNoSecrets(listed, ADMIN.password, ...Object.keys(USERS).map(passwordOf));
      const byName = new Map(
        listed.body.map((u: { username: string; id: string }) => [u.username, u.id]),
      );
      for (const name of Object.keys(USERS)) {
        expect(byName.get(name.toLowerCase())).toBe(p.userIds[name as keyof typeof USERS]);
      }
      for (const user of listed.body) {
        expect(Object.keys(user).sort()).toEqual(
          [
            'active',
            'agency',
            'channels',
            'displayName',
            'email',
            'hasPassword',
            'id',
            'loginLockedUntil',
            'phone',
            'roles',
            'username',
          ].sort(),
        );
      }
      for (const name of ['leader', 'tracker', 'staffTTTT', 'auditor'] as const) {
        const refused = await t.http.get('/api/users').set(p.headers(name)).expect(403);
        expect(refused.body.code).toBe('forbidden');
      }
      await t.http.get('/api/users').expect(401);
      const notAdmin = await t.http
        .post('/api/users')
        .set(p.headers('leader'))
        .send({
          username: 'boi',
          displayName: 'B',
          roles: ['admin'],
          password: 'Ba-Vi-may-phu-2024',
        })
        .expect(403);
      expect(notAdmin.body.code).toBe('forbidden');
    });

    it('GET /api/auth/me never shows the hash either', async () => {
      for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) {
        const response = await me(p.tokens[name]).expect(200);
        expect(response.body).toMatchObject({ id: p.userIds[name], hasPassword: true });
        expectNoSecrets(response, passwordOf(name));
      }
    });
  });

  describe('tokens from the OpenID Connect provider', () => {
    const now = () => Math.floor(t.clock.now().getTime() / 1000);

    function oidcToken(
      claims: JWTPayload,
      options: {
        key?: KeyLike;
        issuer?: string;
        audience?: string;
        expiresAt?: number;
        kid?: string;
      } = {},
    ): Promise<string> {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'sso-1' })
        .setIssuer(options.issuer ?? OIDC_ISSUER)
        .setAudience(options.audience ?? OIDC_AUDIENCE)
        .setSubject('a1b2c3')
        .setIssuedAt(now() - 60)
        .setExpirationTime(options.expiresAt ?? now() + 300)
        .sign(options.key ?? signingKey);
    }

    it("accepts a token for an existing user and acts with that user's roles", async () => {
      const leaderToken = await oidcToken({ preferred_username: 'leader' });
      const who = await me(leaderToken).expect(200);
      expect(who.body).toMatchObject({ id: p.userIds.leader, roles: ['leader'] });
      const directive = await t.http
        .post('/api/directives')
        .set(bearer(leaderToken))
        .send({
          reference: '88/KH-UBND',
          issuedOn: '2024-06-20',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Kế hoạch chuyển đổi số năm 2024',
        })
        .expect(201);
      expect(directive.body.assigningAgency).toBe('UBND-TINH');

      const staffToken = await oidcToken({ preferred_username: 'stafftttt' });
      await t.http.get('/api/users').set(bearer(staffToken)).expect(403);
      await t.http
        .post('/api/directives')
        .set(bearer(staffToken))
        .send({
          reference: '89/KH-UBND',
          issuedOn: '2024-06-20',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Không được phép',
        })
        .expect(403);
      const adminToken = await oidcToken({ preferred_username: 'admin' });
      await t.http.get('/api/users').set(bearer(adminToken)).expect(200);
    });

    it.each([
      ['the wrong audience', { preferred_username: 'leader' }, { audience: 'other-app' }],
      ['the wrong issuer', { preferred_username: 'leader' }, { issuer: 'https://evil.example' }],
      ['an unknown username', { preferred_username: 'khongco' }, {}],
      ['no username claim', { email: 'leader@hatinh.gov.vn' }, {}],
      ['another key under the same kid', { preferred_username: 'leader' }, { key: 'intruder' }],
      [
        'another key under an unknown kid',
        { preferred_username: 'leader' },
        { key: 'intruder', kid: 'x' },
      ],
    ] as const)('refuses a token with %s with 401', async (_, claims, options) => {
      const token = await oidcToken(
        { ...claims },
        {
          ...options,
          key: 'key' in options && options.key === 'intruder' ? intruderKey : undefined,
        },
      );
      const response = await me(token).expect(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it('refuses an expired token by the server clock', async () => {
      const expired = await oidcToken({ preferred_username: 'leader' }, { expiresAt: now() - 120 });
      await me(expired).expect(401);
      const valid = await oidcToken({ preferred_username: 'leader' }, { expiresAt: now() + 60 });
      await me(valid).expect(200);
      await withClockMoved(600, async () => {
        await me(valid).expect(401);
      });
    });

    it('refuses a token of a disabled user', async () => {
      const created = await createUser({
        username: 'sso-only',
        displayName: 'Chỉ đăng nhập qua SSO',
        roles: ['staff'],
        agency: 'SKHDT',
      }).expect(201);
      expect(created.body.hasPassword).toBe(false);
      const token = await oidcToken({ preferred_username: 'sso-only' });
      await me(token).expect(200);
      await patchUser(created.body.id, { active: false, reason: 'Chuyển công tác' }).expect(200);
      await me(token).expect(401);
    });
  });
});

describe('bootstrap of the first administrator', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-bootstrap-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** Captures what the app logs. */
  class CapturingLogger implements LoggerService {
    readonly lines: { level: string; message: string }[] = [];
    log = (message: unknown) => this.push('log', message);
    warn = (message: unknown) => this.push('warn', message);
    error = (message: unknown) => this.push('error', message);
    private push(level: string, message: unknown) {
      this.lines.push({ level, message: String(message) });
    }
  }

  it('without CHIDAO_BOOTSTRAP_ADMIN, an empty store gets no user and the log says what to do', async () => {
    const config = loadAppConfig({ CHIDAO_DATA_DIR: dataDir, CHIDAO_REPORT_SCHEDULES: 'none' });
    expect(config.bootstrapAdmin).toBeNull();
    const app = await createApp(config, {
      clock: new TestClock(new Date(NOW)),
      logLevel: 'silent',
    });
    const logger = new CapturingLogger();
    app.useLogger(logger);
    await app.init();
    try {
      const agent = request(app.getHttpServer());
      const warning = logger.lines.find((line) => line.message.includes('CHIDAO_BOOTSTRAP_ADMIN'));
      expect(warning).toMatchObject({ level: 'warn' });
      expect(warning!.message).toMatch(/No users yet/);
      const refused = await agent
        .post('/api/auth/login')
        .send({ username: ADMIN.username, password: ADMIN.password })
        .expect(401);
      expect(refused.body.code).toBe('unauthenticated');
      await agent.get('/api/users').expect(401);
      expect((await agent.get('/ready').expect(200)).body.headPosition).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('the next start with CHIDAO_BOOTSTRAP_ADMIN creates the admin; restarts keep users and never add a second admin', async () => {
    const first = await startTestApp({ dataDir, now: NOW });
    let adminToken: string;
    let headAfterFirst: number;
    try {
      adminToken = await first.login(ADMIN.username, ADMIN.password);
      await first.http
        .post('/api/users')
        .set(bearer(adminToken))
        .send({
          username: 'conlai',
          displayName: 'Người dùng còn lại',
          roles: ['auditor'],
          password: 'con-lai-password',
        })
        .expect(201);
      headAfterFirst = (await first.http.get('/ready')).body.headPosition;
    } finally {
      await first.close();
    }
    expect(fs.existsSync(dataDir)).toBe(true);

    // Same CHIDAO_BOOTSTRAP_ADMIN: the admin exists, nothing is created.
    const second = await startTestApp({ dataDir, now: NOW });
    try {
      expect((await second.http.get('/ready')).body.headPosition).toBe(headAfterFirst);
      // The token signed before the restart still works: the secret is kept in the data dir.
      await second.http.get('/api/auth/me').set(bearer(adminToken)).expect(200);
      await second.login('conlai', 'con-lai-password');
    } finally {
      await second.close();
    }

    // Another CHIDAO_BOOTSTRAP_ADMIN on a store that has users: ignored.
    const third = await startTestApp({
      dataDir,
      now: NOW,
      env: { CHIDAO_BOOTSTRAP_ADMIN: 'admin2:another-admin-password' },
    });
    try {
      expect((await third.http.get('/ready')).body.headPosition).toBe(headAfterFirst);
      await third.http
        .post('/api/auth/login')
        .send({ username: 'admin2', password: 'another-admin-password' })
        .expect(401);
      const token = await third.login(ADMIN.username, ADMIN.password);
      const users = await third.http.get('/api/users').set(bearer(token)).expect(200);
      expect(users.body.map((u: { username: string }) => u.username).sort()).toEqual([
        'admin',
        'conlai',
      ]);
      expect(users.body.filter((u: { roles: string[] }) => u.roles.includes('admin'))).toHaveLength(
        1,
      );
    } finally {
      await third.close();
    }
  });
});
