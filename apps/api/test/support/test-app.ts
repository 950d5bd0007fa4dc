import type { INestApplication } from '@nestjs/common';
import type { LogLevel } from '@chidao/observability';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/clock';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config';
import { serveWebApp } from '../../src/web/serve-web-app';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

// Strong enough for the password policy, and without the username in it.
export const ADMIN = { username: 'admin', password: 'Quan-tri-Lo-Son-2024' };

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  clock: TestClock;
  config: AppConfig;
  dataDir: string;
  /** Logs in and returns the access token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app on a fresh temporary data directory, with the first admin bootstrapped. */
export async function startTestApp(
  options: {
    now?: string;
    env?: Record<string, string>;
    dataDir?: string;
    /** Serve the built web app at `/` as main.ts does (the browser suites). */
    serveWeb?: boolean;
    /** Default: errors only, to stdout. */
    log?: { level: LogLevel; write: (line: string) => void };
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-api-'));
  const config = loadAppConfig({
    CHIDAO_DATA_DIR: dataDir,
    CHIDAO_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}`,
    // Scheduled snapshots append to the log at start; suites that test them turn them on.
    CHIDAO_REPORT_SCHEDULES: 'none',
    ...options.env,
  });
  const clock = new TestClock(new Date(options.now ?? '2024-06-30T03:00:00Z'));
  const app = await createApp(config, {
    clock,
    logLevel: options.log?.level ?? 'error',
    logDestination: options.log && { write: options.log.write },
  });
  if (options.serveWeb) serveWebApp(app);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    clock,
    config,
    dataDir,
    async login(username, password) {
      const response = await http.post('/api/auth/login').send({ username, password });
      if (response.status !== 200) {
        throw new Error(
          `login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      return response.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
