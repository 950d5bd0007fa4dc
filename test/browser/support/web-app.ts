/**
 * The real API serving the real web build on an ephemeral port, and the browser-side steps every
 * suite shares: logging in through the login page and saving a screenshot of a screen.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium-test-env';
import { startTestApp, type TestApp } from '../../../apps/api/test/support/test-app';
import { WEB_DIST_DIR } from '../../../apps/api/src/web/serve-web-app';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test/browser/screenshots');

/** Builds apps/web/dist when it is missing (once per run: later suites find it). */
export function ensureWebBuild(): void {
  if (fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) return;
  console.warn('apps/web/dist is missing: running `npm run build:web` for the browser suites');
  const result = spawnSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

export interface WebApp extends TestApp {
  baseUrl: string;
}

/** startTestApp serving the web build, listening on a port the system picks. */
export async function startWebApp(
  options: Parameters<typeof startTestApp>[0] = {},
): Promise<WebApp> {
  ensureWebBuild();
  const t = await startTestApp({ ...options, serveWeb: true });
  const server = t.app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/** Logs in through the login page and waits for the role's first screen. */
export async function logInAs(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** Saves a full-page screenshot as test/browser/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * The app and Chromium for one suite: started before its tests, each browser a test opens
 * closed after it, both stopped after the suite. `seed` prepares the province once.
 */
export function browserSuite(
  executablePath: string,
  options: { now?: string; seed?: (t: WebApp) => Promise<void> } = {},
) {
  let app: WebApp | undefined;
  let chromium: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    [app, chromium] = await Promise.all([
      startWebApp(options.now ? { now: options.now } : {}),
      launchChromium(executablePath),
    ]);
    await options.seed?.(app);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
  });
  return {
    get t(): WebApp {
      return app!;
    },
    /** A browser of its own (a device) whose clock shows the server's day. */
    async newPage(): Promise<Page> {
      const context = await chromium!.newContext();
      open.push(context);
      await context.clock.setFixedTime(app!.clock.now());
      return context.newPage();
    },
  };
}
