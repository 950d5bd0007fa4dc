import { parseNdjson } from '@chidao/audit/testing';
import { asText } from './support/response-body';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app';

type LogLine = Record<string, unknown> & { msg?: string; reqId?: string };

/**
 * What the API writes to its log, read from the app's destination: one JSON object per line,
 * request ids, the caller, and no secrets. One app per file: nestjs-pino keeps the first app's
 * logger for the lines logged outside a request.
 */
describe('request logs', () => {
  const raw: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ log: { level: 'info', write: (line) => raw.push(line) } });
  });
  afterAll(() => t.close());

  const lines = (): LogLine[] => raw.map((line) => JSON.parse(line) as LogLine);
  const linesOf = (reqId: string) => lines().filter((line) => line.reqId === reqId);

  it('writes JSON lines with ISO time, level words and the service, without colour codes', () => {
    expect(raw.length).toBeGreaterThan(0);
    for (const line of lines()) {
      expect(line).toMatchObject({ service: 'api', level: expect.stringMatching(/^[a-z]+$/) });
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
    // eslint-disable-next-line no-control-regex
    expect(raw.join('')).not.toMatch(/\u001b\[/);
    // Nest's start-up chatter (a line per module and route) is below info.
    expect(lines().filter((line) => line.context === 'RouterExplorer')).toEqual([]);
  });

  it('gives each request an id, echoed in X-Request-Id, and names the caller once known', async () => {
    const token = await t.login(ADMIN.username, ADMIN.password);
    const response = await t.http.get('/api/users').set(bearer(token)).expect(200);
    const reqId = response.headers['x-request-id'];
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);

    expect(linesOf(reqId)).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'GET /api/users 200',
        req: expect.objectContaining({ method: 'GET', url: '/api/users' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        actor: {
          userId: expect.any(String),
          username: ADMIN.username,
          roles: ['admin'],
          agency: null,
        },
      }),
    ]);
  });

  it("keeps a caller's sane X-Request-Id and replaces one that is not", async () => {
    const kept = await t.http.get('/api/users').set('X-Request-Id', 'edge-7f3a.42').expect(401);
    expect(kept.headers['x-request-id']).toBe('edge-7f3a.42');
    expect(linesOf('edge-7f3a.42')).toEqual([
      expect.objectContaining({ msg: 'GET /api/users 401', res: { statusCode: 401 } }),
    ]);
    expect(linesOf('edge-7f3a.42')[0]).not.toHaveProperty('actor');

    for (const forged of ['x"} {"level":"fatal', 'a'.repeat(65)]) {
      const replaced = await t.http.get('/health').set('X-Request-Id', forged).expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('logs no body, no Authorization header, no password and no token', async () => {
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: ADMIN.username, password: ADMIN.password })
      .expect(200);
    const { accessToken, refreshToken } = login.body as {
      accessToken: string;
      refreshToken: string;
    };
    await t.http.get('/api/users').set(bearer(accessToken)).expect(200);
    await t.http.post('/api/auth/refresh').send({ refreshToken }).expect(200);

    const text = raw.join('');
    expect(text).not.toContain(ADMIN.password);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(refreshToken);
    expect(text).not.toMatch(/bearer/i);
    expect(text).not.toMatch(/authorization/i);
    expect(linesOf(login.headers['x-request-id'])).toEqual([
      expect.objectContaining({ msg: 'POST /api/auth/login 200' }),
    ]);
  });

  it('logs no session cookie, and warns with the user and session when a refresh token is used again', async () => {
    const cookieMode = { 'X-Chidao-Session': 'cookie' };
    const login = await t.http
      .post('/api/auth/login')
      .set(cookieMode)
      .send({ username: ADMIN.username, password: ADMIN.password })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await t.http.post('/api/auth/refresh').set(cookieMode).set('Cookie', cookie).expect(200);
    const replay = await t.http
      .post('/api/auth/refresh')
      .set(cookieMode)
      .set('Cookie', cookie)
      .expect(401);

    const text = raw.join('');
    expect(text).not.toContain(cookie.split('=')[1]);
    expect(text).not.toMatch(/chidao_refresh/);
    expect(linesOf(replay.headers['x-request-id'])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'warn',
          msg: 'refresh token used again: session ended',
          sessionId: login.body.sessionId,
          userId: login.body.user.id,
        }),
      ]),
    );
  });

  it('keeps probes and scrapes below info while they succeed', async () => {
    const probes = await Promise.all(
      ['/health', '/ready', '/metrics'].map((path) => t.http.get(path).expect(200)),
    );
    for (const probe of probes) expect(linesOf(probe.headers['x-request-id'])).toEqual([]);
  });

  it("records a request's id as the correlation id of the events it appends", async () => {
    const token = await t.login(ADMIN.username, ADMIN.password);
    await t.http
      .post('/api/users')
      .set(bearer(token))
      .set('X-Request-Id', 'create-user-7')
      .send({ username: 'traced', displayName: 'Traced', roles: ['admin'] })
      .expect(201);
    const exported = await t.http
      .get('/api/audit/events')
      .query({ format: 'ndjson' })
      .set(bearer(token))
      .buffer(true)
      .parse(asText)
      .expect(200);
    const events = parseNdjson<{ type: string; correlationId: string }>(exported.body as string);
    expect(
      events.filter((event) => event.correlationId === 'create-user-7').map((event) => event.type),
    ).toEqual(['UserCreated', 'UsernameReserved']);
  });
});
