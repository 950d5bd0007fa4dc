/**
 * The API started on a data directory whose log holds version-1 reassignments (the frozen
 * fixture): it loads tasks, shows their history and decides new commands on them through the
 * same decoding reader, and what it writes now is version 2, beside the old bytes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '@chidao/audit/testing';
import { SQLITE_FILE } from '@chidao/runtime';
import { SqliteEventStore } from '@chidao/event-store';
import { ADMIN, startTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { FIXTURE_LOG_FILE, loadFixtureLog, readFixtureLog } from './support/fixture-log';
import { PROVINCE } from './support/province-register';
import { taskIdOf } from './support/task-life';

const T09 = taskIdOf('T09');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('the API on a log written before TaskReassigned version 2', () => {
  let dataDir: string;
  let t: TestApp;
  let tracker: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-api-v1-'));
    const clock = new ManualClock();
    const store = SqliteEventStore.open({ path: path.join(dataDir, SQLITE_FILE), now: clock.now });
    await loadFixtureLog(store, readFixtureLog(FIXTURE_LOG_FILE), clock);
    await store.close();
    t = await startTestApp({ dataDir, now: '2025-01-10T03:00:00Z' });
    const admin = bearer(await t.login(ADMIN.username, ADMIN.password));
    const created = await t.http
      .post('/api/users')
      .set(admin)
      .send({
        username: 'theodoi',
        password: 'Van-phong-Tinh-2025',
        displayName: 'Văn phòng UBND tỉnh',
        roles: ['tracker'],
        agency: PROVINCE,
      });
    expect(created.status).toBe(201);
    tracker = bearer(await t.login('theodoi', 'Van-phong-Tinh-2025'));
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads a task reassigned at version 1 with its new lead and supporters', async () => {
    const task = await t.http.get(`/api/tasks/${T09}`).set(tracker).expect(200);
    expect(task.body).toMatchObject({
      leadAgency: 'UBND-HUYEN-A',
      supportAgencies: ['STTTT'],
      reassignments: 1,
    });
  });

  it('shows the reassignment in the history in today’s shape', async () => {
    const history = await t.http.get(`/api/tasks/${T09}/history`).set(tracker).expect(200);
    const reassigned = history.body.filter(
      (entry: { type: string }) => entry.type === 'TaskReassigned',
    );
    expect(reassigned.map((entry: { data: unknown }) => entry.data)).toEqual([
      {
        from: { leadAgency: 'STTTT', supportAgencies: [] },
        to: { leadAgency: 'UBND-HUYEN-A', supportAgencies: ['STTTT'] },
        reason: 'Theo kết luận cuộc họp ngày 05/3/2024',
      },
    ]);
  });

  it('decides a new reassignment on it and stores that one at version 2', async () => {
    const version = (await t.http.get(`/api/tasks/${T09}`).set(tracker)).body.version as number;
    const reassigned = await t.http
      .post(`/api/tasks/${T09}/reassign`)
      .set(tracker)
      .set('If-Match', String(version))
      .send({ leadAgency: 'STC', reason: 'Giao Sở Tài chính chủ trì' })
      .expect(200);
    expect(reassigned.body).toMatchObject({
      leadAgency: 'STC',
      supportAgencies: ['STTTT'],
      reassignments: 2,
    });

    const readonly = SqliteEventStore.open({
      path: path.join(dataDir, SQLITE_FILE),
      readonly: true,
    });
    try {
      const stored = (await readonly.readStream(`task-${T09}`)).filter(
        (event) => event.type === 'TaskReassigned',
      );
      expect(stored.map((event) => event.schemaVersion)).toEqual([1, 2]);
      expect(stored[1].data).toEqual({
        from: { leadAgency: 'UBND-HUYEN-A', supportAgencies: ['STTTT'] },
        to: { leadAgency: 'STC', supportAgencies: ['STTTT'] },
        reason: 'Giao Sở Tài chính chủ trì',
      });
    } finally {
      await readonly.close();
    }
  });
});
