import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app';

/** The samples of the exposition text whose line starts with `name{`. */
const samplesOf = (text: string, name: string): string[] =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`));

const UNKNOWN_TASK = '00000000-0000-4000-8000-000000000000';

/** GET /metrics on the real app: Prometheus text, by route template, command and outcome. */
describe('GET /metrics', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.login(ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<string> => {
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('times requests by route template and status, never by raw path', async () => {
    await t.http.get(`/api/tasks/${UNKNOWN_TASK}`).set(bearer(token)).expect(404);
    await t.http.get('/api/tasks').expect(401);
    await t.http.get('/no/such/path').expect(404);
    await scrape();
    const text = await scrape();

    const counts = samplesOf(text, 'chidao_http_request_duration_seconds_count');
    expect(counts).toEqual(
      expect.arrayContaining([
        'chidao_http_request_duration_seconds_count{method="GET",route="/api/tasks/:id",status="404"} 1',
        'chidao_http_request_duration_seconds_count{method="GET",route="/api/tasks",status="401"} 1',
        'chidao_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1',
        'chidao_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="200"} 1',
      ]),
    );
    expect(text).not.toContain(UNKNOWN_TASK);
    expect(text).not.toContain('/no/such/path');
    expect(counts.filter((line) => line.includes('route="/metrics"'))).toEqual([]);
    expect(text).toMatch(/^# HELP chidao_http_request_duration_seconds \w/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  it('counts commands by name and outcome, and times their appends', async () => {
    const user = {
      username: 'metrics-admin',
      displayName: 'Quản trị số liệu',
      roles: ['admin'],
      password: 'metrics-password-1',
    };
    await t.http.post('/api/users').set(bearer(token)).send(user).expect(201);
    await t.http.post('/api/users').set(bearer(token)).send(user).expect(409);
    await t.http.post(`/api/tasks/${UNKNOWN_TASK}/receive`).set(bearer(token)).send({}).expect(404);
    const text = await scrape();

    expect(samplesOf(text, 'chidao_commands_total')).toEqual(
      expect.arrayContaining([
        'chidao_commands_total{command="CreateUser",outcome="accepted"} 2',
        'chidao_commands_total{command="CreateUser",outcome="conflict"} 1',
        'chidao_commands_total{command="ReceiveTask",outcome="not_found"} 1',
      ]),
    );
    // The first administrator (bootstrap) and metrics-admin, one event each at least.
    const appends = samplesOf(text, 'chidao_event_append_duration_seconds_count');
    expect(appends).toEqual([
      expect.stringMatching(
        /^chidao_event_append_duration_seconds_count\{store="sqlite",outcome="appended"\} \d+$/,
      ),
    ]);
    const [events] = samplesOf(text, 'chidao_events_appended_total');
    expect(Number(events.split(' ')[1])).toBeGreaterThanOrEqual(2);
  });
});

describe('GET /metrics with CHIDAO_METRICS_TOKEN', () => {
  const metricsToken = 'scraper-token-0123456789';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { CHIDAO_METRICS_TOKEN: metricsToken } });
  });
  afterAll(() => t.close());

  it('answers only a scraper sending the token', async () => {
    const refused = await t.http.get('/metrics').expect(401);
    expect(refused.body).toMatchObject({ code: 'unauthenticated' });
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    const userToken = await t.login(ADMIN.username, ADMIN.password);
    await t.http.get('/metrics').set(bearer(userToken)).expect(401);

    const answered = await t.http.get('/metrics').set(bearer(metricsToken)).expect(200);
    expect(answered.text).toContain('# TYPE chidao_commands_total counter');
  });
});
