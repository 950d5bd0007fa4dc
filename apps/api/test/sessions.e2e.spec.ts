import { parseNdjson } from '@chidao/audit/testing';
import { SignJWT } from 'jose';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { passwordOf, seedProvince, type Province } from './support/province';
import { asText } from './support/response-body';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const NOW = '2024-06-30T03:00:00Z';
const DAY = 24 * 3600;
const COOKIE_MODE = { 'X-Chidao-Session': 'cookie' };

interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}

/** The chidao_refresh cookie a response sets: its value and its attributes, lower-cased. */
function sessionCookie(response: Response): { value: string; attributes: string[] } | null {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const line = (header ?? []).find((cookie) => cookie.startsWith('chidao_refresh='));
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return {
    value: decodeURIComponent(pair.slice('chidao_refresh='.length)),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
  };
}

describe('login sessions: rotation, reuse, logout, revocation', () => {
  let t: TestApp;
  let p: Province;

  const login = async (name: string, userAgent = 'jest'): Promise<Tokens> =>
    (
      await t.http
        .post('/api/auth/login')
        .set('User-Agent', userAgent)
        .send({ username: name.toLowerCase(), password: passwordOf(name) })
        .expect(200)
    ).body;
  const refresh = (refreshToken: string) => t.http.post('/api/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => t.http.get('/api/auth/me').set(bearer(accessToken));
  /** That neither token of a session opens anything any more. */
  async function expectEnded(tokens: { accessToken: string; refreshToken: string }) {
    const refused = await me(tokens.accessToken).expect(401);
    expect(refused.body.code).toBe('unauthenticated');
    expect(refused.body.messageVi).toMatch(/đăng nhập lại/);
    await refresh(tokens.refreshToken).expect(401);
  }
  async function withClockAt(seconds: number, check: () => Promise<void>): Promise<void> {
    const before = t.clock.now().toISOString();
    t.clock.set(new Date(Date.parse(NOW) + seconds * 1000).toISOString());
    try {
      await check();
    } finally {
      t.clock.set(before);
    }
  }
  /** The log as an auditor replays it (a session of its own: one test logs auditors out). */
  async function logText(query: Record<string, string> = {}): Promise<string> {
    const auditor = await login('auditor');
    const res = await t.http
      .get('/api/audit/events')
      .query({ ...query, format: 'ndjson' })
      .set(bearer(auditor.accessToken))
      .buffer(true)
      .parse(asText)
      .expect(200);
    return res.body as string;
  }
  const userEvents = async (userId: string) =>
    parseNdjson<{ type: string; actor: string | null }>(
      await logText({ stream: `user-${userId}` }),
    );

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    p = await seedProvince(t);
  });
  afterAll(() => t.close());

  describe('refresh tokens rotate', () => {
    it('each refresh hands out a new refresh token and retires the one presented', async () => {
      const first = await login('staffTC');
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.sessionId).toBe(first.sessionId);
      const third = (await refresh(second.refreshToken).expect(200)).body as Tokens;
      await me(third.accessToken).expect(200);
    });

    it('a retired refresh token used again ends the whole session: the thief and the owner both log in again', async () => {
      const stolen = await login('staffTC');
      const owner = (await refresh(stolen.refreshToken).expect(200)).body as Tokens;
      await me(owner.accessToken).expect(200);

      const replay = await refresh(stolen.refreshToken).expect(401);
      expect(replay.body.messageVi).toMatch(/đã được dùng/);
      // The family is gone: the newest refresh token and its access token are refused too.
      await expectEnded(owner);
      // Other sessions of the same user are not touched.
      const other = await login('staffTC');
      await me(other.accessToken).expect(200);
    });

    it('two refreshes racing with one token: one wins, and the session ends as reused', async () => {
      const tokens = await login('staffKHDT');
      const answers = await Promise.all([
        refresh(tokens.refreshToken),
        refresh(tokens.refreshToken),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
      const winner = answers.find((answer) => answer.status === 200)!.body as Tokens;
      await expectEnded(winner);
    });

    it('a session ends after CHIDAO_REFRESH_TOKEN_TTL idle, and CHIDAO_SESSION_MAX_AGE after login however often refreshed', async () => {
      const idle = await login('staffTC');
      await withClockAt(t.config.refreshTokenTtlSeconds + 1, async () => {
        await refresh(idle.refreshToken).expect(401);
      });

      let tokens = await login('staffTC');
      const maxAge = t.config.sessionMaxAgeSeconds;
      for (let at = 6 * DAY; at < maxAge; at += 6 * DAY) {
        await withClockAt(at, async () => {
          tokens = (await refresh(tokens.refreshToken).expect(200)).body;
        });
      }
      await withClockAt(maxAge + 1, async () => {
        await refresh(tokens.refreshToken).expect(401);
      });
    });

    it('refuses a token issued before sessions existed (no session named): log in again', async () => {
      const secret = fs.readFileSync(path.join(t.dataDir, 'jwt-secret'), 'utf8').trim();
      const now = Math.floor(Date.parse(NOW) / 1000);
      const old = await new SignJWT({ typ: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('chidao')
        .setSubject(p.userIds.staffTC)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(secret));
      const refused = await me(old).expect(401);
      expect(refused.body.messageVi).toMatch(/đăng nhập lại/);
    });
  });

  describe('logout', () => {
    it('ends this session at once, and only this one', async () => {
      const here = await login('staffTTTT');
      const elsewhere = await login('staffTTTT');
      await t.http.post('/api/auth/logout').set(bearer(here.accessToken)).expect(204);
      await expectEnded(here);
      await me(elsewhere.accessToken).expect(200);
      await refresh(elsewhere.refreshToken).expect(200);
    });

    it('works with an expired access token or the refresh token alone, and twice', async () => {
      const tokens = await login('staffTTTT');
      await withClockAt(t.config.accessTokenTtlSeconds + 60, async () => {
        await t.http.post('/api/auth/logout').set(bearer(tokens.accessToken)).expect(204);
      });
      await expectEnded(tokens);

      const other = await login('staffTTTT');
      await t.http.post('/api/auth/logout').send({ refreshToken: other.refreshToken }).expect(204);
      await t.http.post('/api/auth/logout').send({ refreshToken: other.refreshToken }).expect(204);
      await expectEnded(other);
      // Nothing named, or garbage: nothing to end, and nothing told.
      await t.http.post('/api/auth/logout').expect(204);
      await t.http.post('/api/auth/logout').set(bearer('not-a-token')).expect(204);
    });

    it('logout-all ends every session of the caller, is recorded in the log in the caller’s name, and a new login works', async () => {
      const a = await login('leaderTTTT', 'Firefox (office desktop)');
      const b = await login('leaderTTTT', 'Chrome (phone)');
      await t.http.post('/api/auth/logout-all').set(bearer(a.accessToken)).expect(204);
      await expectEnded(a);
      await expectEnded(b);
      const events = await userEvents(p.userIds.leaderTTTT);
      const revoked = events.filter((event) => event.type === 'UserSessionsRevoked');
      expect(revoked).toHaveLength(1);
      expect(revoked[0].actor).toBe(p.userIds.leaderTTTT);
      const again = await login('leaderTTTT');
      await me(again.accessToken).expect(200);
    });

    it('an auditor, who writes nothing else, may log out everywhere', async () => {
      const tokens = await login('auditor');
      await t.http.post('/api/auth/logout-all').set(bearer(tokens.accessToken)).expect(204);
      await expectEnded(tokens);
    });
  });

  describe('the sessions a user sees and ends', () => {
    it('lists the open sessions with where and when, marks the current one, and ends another device', async () => {
      const other = await login('leaderKhac', 'Android phone');
      const here = await login('leaderKhac', 'Office desktop');
      const list = await t.http.get('/api/auth/sessions').set(bearer(here.accessToken)).expect(200);
      const byId = new Map(
        (list.body as { id: string; userAgent: string; current: boolean }[]).map((s) => [s.id, s]),
      );
      expect(byId.get(here.sessionId)).toMatchObject({
        userAgent: 'Office desktop',
        current: true,
        startedAt: NOW.replace('Z', '.000Z'),
      });
      expect(byId.get(other.sessionId)).toMatchObject({
        userAgent: 'Android phone',
        current: false,
      });
      expect(JSON.stringify(list.body)).not.toContain(here.refreshToken);

      await t.http
        .delete(`/api/auth/sessions/${other.sessionId}`)
        .set(bearer(here.accessToken))
        .expect(204);
      await expectEnded(other);
      const after = await t.http.get('/api/auth/sessions').set(bearer(here.accessToken));
      expect(after.body.map((s: { id: string }) => s.id)).not.toContain(other.sessionId);
    });

    it("cannot end someone else's session (404, as if it did not exist) nor name a session badly", async () => {
      const victim = await login('staffX');
      const intruder = await login('leaderKhac');
      const refused = await t.http
        .delete(`/api/auth/sessions/${victim.sessionId}`)
        .set(bearer(intruder.accessToken))
        .expect(404);
      expect(refused.body.code).toBe('session_not_found');
      await me(victim.accessToken).expect(200);
      await t.http
        .delete('/api/auth/sessions/not-a-session')
        .set(bearer(intruder.accessToken))
        .expect(400);
    });
  });

  describe('account changes end the sessions', () => {
    const patch = (name: keyof Province['userIds'], body: Record<string, unknown>) =>
      t.http.patch(`/api/users/${p.userIds[name]}`).set(p.headers('admin')).send(body);

    it('a new password ends every session of the user; the new password opens a new one', async () => {
      const tokens = await login('staffX');
      const password = 'Mat-khau-moi-Song-Lam-2024';
      await patch('staffX', { password }).expect(200);
      await expectEnded(tokens);
      const fresh = (
        await t.http.post('/api/auth/login').send({ username: 'staffx', password }).expect(200)
      ).body as Tokens;
      await me(fresh.accessToken).expect(200);
      await patch('staffX', { password: passwordOf('staffX') }).expect(200);
    });

    it.each([
      ['roles', { roles: ['tracker'] }, { roles: ['staff'] }],
      ['agency', { agency: 'SKHDT' }, { agency: 'STC' }],
    ])('a change of %s ends every session of the user', async (_what, change, back) => {
      const tokens = await login('staffTC');
      await patch('staffTC', change).expect(200);
      await expectEnded(tokens);
      await patch('staffTC', back).expect(200);
    });

    it('a new display name leaves the sessions alone', async () => {
      const tokens = await login('tracker');
      await patch('tracker', { displayName: 'Chuyên viên VP UBND tỉnh' }).expect(200);
      await me(tokens.accessToken).expect(200);
      await refresh(tokens.refreshToken).expect(200);
    });

    it('an administrator ends every session of a user (recorded in the administrator’s name); nobody else may', async () => {
      const tokens = await login('leader');
      const refused = await t.http
        .delete(`/api/users/${p.userIds.leader}/sessions`)
        .set(bearer((await login('leaderTTTT')).accessToken))
        .expect(403);
      expect(refused.body.messageVi).toMatch(/quản trị viên/);
      await me(tokens.accessToken).expect(200);

      const done = await t.http
        .delete(`/api/users/${p.userIds.leader}/sessions`)
        .set(p.headers('admin'))
        .expect(200);
      expect(done.body).toMatchObject({ id: p.userIds.leader, active: true });
      await expectEnded(tokens);
      const revoked = (await userEvents(p.userIds.leader)).filter(
        (event) => event.type === 'UserSessionsRevoked',
      );
      const admin = await t.http.get('/api/auth/me').set(p.headers('admin')).expect(200);
      expect(revoked.at(-1)!.actor).toBe(admin.body.id);
    });
  });

  describe('the session cookie (the web app)', () => {
    const cookieLogin = () =>
      t.http
        .post('/api/auth/login')
        .set(COOKIE_MODE)
        .send({ username: 'stafftc', password: passwordOf('staffTC') })
        .expect(200);
    const cookieRefresh = (cookie: string, headers: Record<string, string> = COOKIE_MODE) =>
      t.http
        .post('/api/auth/refresh')
        .set(headers)
        .set('Cookie', `chidao_refresh=${encodeURIComponent(cookie)}`);

    it('keeps the refresh token in an HttpOnly, Secure, SameSite=Strict cookie for /api/auth only, never in the body', async () => {
      const answer = await cookieLogin();
      expect(answer.body.refreshToken).toBeUndefined();
      expect(answer.body.accessToken).toEqual(expect.any(String));
      const cookie = sessionCookie(answer)!;
      expect(cookie.value).toEqual(expect.any(String));
      expect(cookie.attributes).toEqual(
        expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth']),
      );
      expect(cookie.attributes).toContain(`max-age=${t.config.refreshTokenTtlSeconds}`);

      const refreshed = await cookieRefresh(cookie.value).expect(200);
      expect(refreshed.body.refreshToken).toBeUndefined();
      expect(refreshed.body.user).toMatchObject({ username: 'stafftc' });
      const rotated = sessionCookie(refreshed)!;
      expect(rotated.value).not.toBe(cookie.value);
      await me(refreshed.body.accessToken).expect(200);

      // The retired cookie again: the session ends, and the answer tells the browser to drop it.
      const replay = await cookieRefresh(cookie.value).expect(401);
      expect(
        sessionCookie(replay)!.attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970')),
      ).toBe(true);
      await cookieRefresh(rotated.value).expect(401);
    });

    it('is not used without the X-Chidao-Session header, nor from a page of another site (CSRF)', async () => {
      const cookie = sessionCookie(await cookieLogin())!.value;
      const withoutHeader = await t.http
        .post('/api/auth/refresh')
        .set('Cookie', `chidao_refresh=${encodeURIComponent(cookie)}`)
        .expect(401);
      expect(withoutHeader.body.code).toBe('unauthenticated');
      const crossSite = await cookieRefresh(cookie, {
        ...COOKIE_MODE,
        Origin: 'https://evil.example',
      }).expect(403);
      expect(crossSite.body.code).toBe('cross_site_request');
      // Neither attempt used up the token: the browser's own refresh still works.
      await cookieRefresh(cookie, { ...COOKIE_MODE, Origin: 'http://127.0.0.1' }).expect(200);
    });

    it('logout ends the cookie’s session and clears the cookie', async () => {
      const answer = await cookieLogin();
      const cookie = sessionCookie(answer)!.value;
      const out = await t.http
        .post('/api/auth/logout')
        .set(COOKIE_MODE)
        .set('Cookie', `chidao_refresh=${encodeURIComponent(cookie)}`)
        .expect(204);
      expect(sessionCookie(out)!.value).toBe('');
      await cookieRefresh(cookie).expect(401);
      await me(answer.body.accessToken).expect(401);
    });

    it('without a cookie, refresh says to log in', async () => {
      const none = await t.http.post('/api/auth/refresh').set(COOKIE_MODE).expect(401);
      expect(none.body.messageVi).toMatch(/đăng nhập/);
    });
  });

  it('no token ever reaches the log', async () => {
    const tokens = await login('staffTC');
    const refreshed = (await refresh(tokens.refreshToken).expect(200)).body as Tokens;
    await t.http.post('/api/auth/logout-all').set(bearer(refreshed.accessToken)).expect(204);
    const log = await logText();
    for (const token of [tokens, refreshed].flatMap((x) => [x.accessToken, x.refreshToken])) {
      expect(log).not.toContain(token);
    }
    expect(log).toContain('UserSessionsRevoked');
  });
});
