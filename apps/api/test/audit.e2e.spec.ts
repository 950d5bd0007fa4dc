import { SqliteLogTamper } from '@chidao/event-store/testing';
import { AnchorSchedulerService } from '../src/audit/anchor-scheduler.service';
import { seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /api/audit/verify: the log proves it was not altered', () => {
  let t: TestApp;
  let p: Province;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestApp({
      now: '2024-06-30T03:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    taskId = await assignReceivedTask(t, p, await registerDirective(t, p), {
      title: 'Kế hoạch chuyển đổi IPv6',
      leadAgency: 'STTTT',
      deadline: '2024-09-30',
      occurredOn: '2024-01-22',
    });
    // Just after midnight in Hà Nội: the new day's anchor covers everything so far.
    t.clock.set('2024-06-30T17:30:00Z');
    await t.app.get(AnchorSchedulerService).tick();
  });
  afterAll(() => t.close());

  it('checks every chain, position and daily anchor, for auditors and administrators only', async () => {
    const { body } = await t.http.get('/api/audit/verify').set(p.headers('auditor')).expect(200);
    expect(body).toMatchObject({ ok: true, firstBreak: null });
    expect(body.eventsChecked).toBe((await t.http.get('/ready')).body.headPosition);
    expect(body.anchorsChecked).toBeGreaterThanOrEqual(1);
    await t.http.get('/api/audit/verify').set(p.headers('admin')).expect(200);
    const refused = await t.http.get('/api/audit/verify').set(p.headers('leader')).expect(403);
    expect(refused.body.messageVi).toBeTruthy();
  });

  it('names the stream and version of an event edited in the file', async () => {
    new SqliteLogTamper(t.config.eventStorePath).run(
      `UPDATE event_log SET data = json_set(data, '$.title', 'Đã sửa') WHERE stream_id = ? AND stream_version = 1`,
      `task-${taskId}`,
    );
    const { body } = await t.http.get('/api/audit/verify').set(p.headers('auditor')).expect(200);
    expect(body.ok).toBe(false);
    expect(body.firstBreak).toMatchObject({
      kind: 'hash_mismatch',
      streamId: `task-${taskId}`,
      streamVersion: 1,
    });
  });
});
