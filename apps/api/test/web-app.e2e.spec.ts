import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadAppConfig } from '../src/config/app-config';
import { serveWebApp } from '../src/web/serve-web-app';

/** The API serves the built web app at `/` without taking any of its own paths. */
describe('web app served by the API', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-web-'));
  const dist = path.join(root, 'dist');
  let app: INestApplication;

  async function start(distDir: string): Promise<{ served: boolean }> {
    const config = loadAppConfig({
      CHIDAO_DATA_DIR: fs.mkdtempSync(path.join(root, 'data-')),
      CHIDAO_REPORT_SCHEDULES: 'none',
    });
    app = await createApp(config, { logLevel: 'error' });
    const served = serveWebApp(app, distDir);
    await app.init();
    return { served };
  }

  beforeAll(() => {
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  });
  afterEach(() => app.close());
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers / and any screen path with index.html, and assets as files', async () => {
    expect((await start(dist)).served).toBe(true);
    const http = request(app.getHttpServer());

    const home = await http.get('/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.text).toContain('<div id="root">');

    const deepLink = await http.get('/tasks/7861340a-3595-4700-8a7a-71e5c4679b2c');
    expect(deepLink.status).toBe(200);
    expect(deepLink.text).toContain('<div id="root">');

    const asset = await http.get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('leaves the API, health and docs paths to the API', async () => {
    await start(dist);
    const http = request(app.getHttpServer());

    const unknownApi = await http.get('/api/no-such-thing');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toMatchObject({ code: 'not_found' });

    expect((await http.get('/health')).status).toBe(200);
    expect((await http.get('/docs-json')).body).toHaveProperty('openapi');
    expect((await http.get('/api/auth/me')).status).toBe(401);
  });

  it('serves nothing at / when the web app is not built', async () => {
    expect((await start(path.join(root, 'missing'))).served).toBe(false);
    const response = await request(app.getHttpServer()).get('/');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found' });
  });
});
