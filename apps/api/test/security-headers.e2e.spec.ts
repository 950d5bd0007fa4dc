import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadAppConfig } from '../src/config/app-config';
import { serveWebApp } from '../src/web/serve-web-app';

/** Item 15 of issue 16: every answer carries the security headers, the web app's strictest. */
describe('security headers', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-headers-'));
  const dist = path.join(root, 'dist');
  let app: INestApplication;

  async function start(env: Record<string, string> = {}) {
    const config = loadAppConfig({
      CHIDAO_DATA_DIR: fs.mkdtempSync(path.join(root, 'data-')),
      CHIDAO_REPORT_SCHEDULES: 'none',
      ...env,
    });
    app = await createApp(config, { logLevel: 'error' });
    serveWebApp(app, dist);
    await app.init();
    return request(app.getHttpServer());
  }

  /** The CSP header as directive → sources. */
  const cspOf = (header: string | undefined): Record<string, string> =>
    Object.fromEntries(
      (header ?? '').split(';').map((part) => {
        const [name, ...sources] = part.trim().split(/\s+/);
        return [name, sources.join(' ')];
      }),
    );

  beforeAll(() => {
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  });
  afterEach(() => app.close());
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the web app, its assets, an API route and an API error: strict CSP, no framing, no sniffing', async () => {
    const http = await start();
    const answers = await Promise.all([
      http.get('/'),
      http.get('/tasks/some-screen'),
      http.get('/assets/index-abc.js'),
      http.get('/health'),
      http.get('/api/tasks'), // 401 without a token
      http.post('/api/auth/login').send({ username: 'nobody', password: 'wrong-password' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 401, 401]);
    for (const answer of answers) {
      const csp = cspOf(answer.headers['content-security-policy']);
      expect(csp).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
        'base-uri': "'none'",
      });
      expect(csp['script-src-attr']).toBe("'none'");
      expect(JSON.stringify(csp)).not.toContain('unsafe');
      expect(answer.headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      expect(answer.headers['x-powered-by']).toBeUndefined();
      // Plain HTTP, CHIDAO_BEHIND_TLS unset: no HSTS, which would lock browsers out for a year.
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('Swagger UI at /docs gets inline styles, its scripts still only from the server', async () => {
    const http = await start();
    const page = await http.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-init.js');
    // The page's scripts are all files, which script-src 'self' allows.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = cspOf(page.headers['content-security-policy']);
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(page.headers['x-powered-by']).toBeUndefined();

    const init = await http.get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.headers['x-content-type-options']).toBe('nosniff');
    // The JSON document stays under the app's strict policy.
    const json = await http.get('/docs-json');
    expect(json.status).toBe(200);
    expect(cspOf(json.headers['content-security-policy'])['style-src']).toBe("'self'");
  });

  it('HSTS when the deployment says it is reached only through https', async () => {
    const http = await start({ CHIDAO_BEHIND_TLS: 'true' });
    for (const url of ['/', '/health', '/docs']) {
      const answer = await http.get(url);
      expect(answer.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
  });

  it('refuses a CHIDAO_BEHIND_TLS that is neither true nor false', () => {
    expect(() =>
      loadAppConfig({ CHIDAO_DATA_DIR: path.join(root, 'never'), CHIDAO_BEHIND_TLS: 'yes' }),
    ).toThrow(/CHIDAO_BEHIND_TLS="yes" must be true or false/);
  });
});
