/**
 * A PostgreSQL deployment without Kafka can still take the projections out of the API: the API
 * with CHIDAO_PROJECTIONS=off and a projector whose runners follow the store (CHIDAO_BUS left
 * in process). Queries with `?minPosition=` then wait for the projector's runners.
 */
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { ADMIN } from '../../apps/api/test/support/test-app';
import {
  ENTRY,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
  type Running,
} from './support/processes';
import { walkIds, walkProvince } from './support/province-walk';

describeWithPostgres('api and projector on PostgreSQL, events in process', (url) => {
  const schema = uniqueSchema('apart');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-apart-'));
  const deployment = {
    CHIDAO_EVENT_STORE: 'postgres',
    CHIDAO_DATABASE_URL: url,
    CHIDAO_DATABASE_SCHEMA: schema,
    CHIDAO_DATA_DIR: dataDir,
  };
  let api: Running;
  let projector: Running;
  let projectorPort: number;

  beforeAll(async () => {
    expect(await runToExit([...ENTRY.chidao, 'migrate'], deployment)).toMatchObject({ code: 0 });
    const [apiPort, port] = await Promise.all([freePort(), freePort()]);
    projectorPort = port;
    [api, projector] = await Promise.all([
      startProcess(
        'api',
        ENTRY.api,
        {
          ...deployment,
          PORT: String(apiPort),
          CHIDAO_PROJECTIONS: 'off',
          CHIDAO_REPORT_SCHEDULES: 'none',
          CHIDAO_JWT_SECRET: 'a-secret-shared-by-every-api-instance-0123456789',
          CHIDAO_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}`,
        },
        /Chidao API on http/,
      ),
      startProcess(
        'projector',
        ENTRY.projector,
        { ...deployment, PORT: String(projectorPort) },
        /Chidao projector:/,
      ),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const { child } of [api, projector]) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await dropSchema(url, schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers queries from the read models the projector keeps', async () => {
    expect(projector.startLine).toContain(
      'runners of tasks, directives, reminder_messages, task_reminders, urge_counts following the store',
    );
    const http = request(api.startLine.match(/http:\/\/localhost:\d+/)![0]);
    const walked = await walkProvince(http, walkIds());
    const stats = await http
      .get(`/api/stats/completion?asOf=2024-12-31&minPosition=${walked.position}`)
      .set(walked.headers('leader'))
      .expect(200);
    expect(stats.body.scope).toMatchObject({ total: 10, done: { total: 8 } });

    // The API runs no runner: it reports the projector's stored progress.
    const { body: views } = await http
      .get('/api/projections')
      .set(walked.headers('auditor'))
      .expect(200);
    const tasks = (views as { name: string; phase: string; position: number }[]).find(
      (view) => view.name === 'tasks',
    );
    expect(tasks).toMatchObject({ phase: 'external' });
    expect(tasks!.position).toBeGreaterThanOrEqual(walked.position);
    const ready = await fetch(`http://127.0.0.1:${projectorPort}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      workers: [
        { name: 'projection tasks', state: 'running', phase: 'live' },
        { name: 'projection directives', state: 'running', phase: 'live' },
        { name: 'projection reminder_messages', state: 'running', phase: 'live' },
        { name: 'projection task_reminders', state: 'running', phase: 'live' },
        { name: 'projection urge_counts', state: 'running', phase: 'live' },
      ],
    });
  });

  it('stops the projector cleanly on SIGTERM', async () => {
    expect(await stopProcess(projector)).toEqual({ code: 0, signal: null });
    expect(projector.output.stderr).toBe('');
  });
});
