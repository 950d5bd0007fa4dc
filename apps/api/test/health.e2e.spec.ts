import { performance } from 'node:perf_hooks';
import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince } from './support/province';

describe('the app on an empty store', () => {
  let t: TestApp;
  let startedInMs: number;

  beforeAll(async () => {
    const started = performance.now();
    t = await startTestApp();
    startedInMs = performance.now() - started;
  });
  afterAll(() => t.close());

  it('starts in under 3 seconds', () => {
    expect(startedInMs).toBeLessThan(3000);
  });

  it('answers liveness and readiness without a token', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const ready = await t.http.get('/ready').expect(200);
    expect(ready.body.status).toBe('ready');
  });

  it('serves the OpenAPI UI and JSON', async () => {
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.paths['/api/tasks/{id}/receive']).toBeDefined();
  });

  it('refuses calls without a token with a reason in both languages', async () => {
    const response = await t.http.get('/api/agencies').expect(401);
    expect(response.body).toMatchObject({ code: 'unauthenticated' });
    expect(response.body.messageVi).toMatch(/đăng nhập/);
  });

  it('seeds a province through the API', async () => {
    const province = await seedProvince(t);
    const agencies = await t.http
      .get('/api/agencies')
      .set(province.headers('staffTTTT'))
      .expect(200);
    expect(agencies.body.map((a: { code: string }) => a.code)).toContain('PHONG-CNTT');
  });
});
