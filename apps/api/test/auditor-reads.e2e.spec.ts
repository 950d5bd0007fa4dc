import Database from 'better-sqlite3';
import {
  decodeEvent,
  openEventStore,
  type EventStore,
  type StoredEvent,
} from '@chidao/event-store';
import { directiveListProjection, taskTimelineProjection } from '@chidao/projections';
import { passwordOf, seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * Who looked at what: every read by an auditor, on any endpoint, is in the log before it is
 * served; nobody else's reads are; and a read that cannot be recorded is not served.
 */
describe('reads made by auditors are recorded in the log', () => {
  let t: TestApp;
  let p: Province;
  /** A second connection to the same log file, to read what the app wrote. */
  let log: EventStore;
  let inspector: { id: string; headers: Record<string, string> };
  let taskId: string;
  let reportId: string;

  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition as number;

  async function eventsAfter(position: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const batch of log.readAll({ after: position })) events.push(...batch);
    return events;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-07-20T03:00:00Z' });
    p = await seedProvince(t);
    log = await openEventStore({ kind: 'sqlite', path: t.config.eventStorePath });
    // An inspector of the provincial inspectorate: an auditor who belongs to an agency.
    const created = await t.http
      .post('/api/users')
      .set(p.headers('admin'))
      .send({
        username: 'thanhtra',
        password: passwordOf('thanhtra'),
        displayName: 'Thanh tra viên tỉnh',
        roles: ['auditor'],
        agency: 'UBND-TINH',
      })
      .expect(201);
    inspector = {
      id: created.body.id,
      headers: bearer(await t.login('thanhtra', passwordOf('thanhtra'))),
    };

    taskId = await assignReceivedTask(t, p, await registerDirective(t, p), {
      title: 'Kế hoạch chuyển đổi IPv6',
      leadAgency: 'STTTT',
      deadline: '2024-09-30',
      occurredOn: '2024-04-22',
    });
    const report = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    reportId = report.body.id;
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  it('records each read before serving it, with path, query, resource, actor and agency', async () => {
    const before = await head();
    await t.http.get(`/api/tasks/${taskId}`).set(inspector.headers).expect(200);
    await t.http
      .get('/api/stats/completion?from=2024-01-01&to=2024-12-31&groupBy=agency')
      .set(inspector.headers)
      .expect(200);
    await t.http.get(`/api/reports/${reportId}`).set(inspector.headers).expect(200);
    const verified = await t.http.get('/api/audit/verify').set(inspector.headers).expect(200);

    const events = await eventsAfter(before);
    expect(events.map((e) => e.data)).toEqual([
      {
        method: 'GET',
        path: `/api/tasks/${taskId}`,
        query: {},
        resource: { kind: 'task', id: taskId },
      },
      {
        method: 'GET',
        path: '/api/stats/completion',
        query: { from: '2024-01-01', to: '2024-12-31', groupBy: 'agency' },
      },
      {
        method: 'GET',
        path: `/api/reports/${reportId}`,
        query: {},
        resource: { kind: 'report', id: reportId },
      },
      { method: 'GET', path: '/api/audit/verify', query: {} },
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        type: 'AuditorReadRecorded',
        schemaVersion: 1,
        streamId: `auditor-reads-${inspector.id}`,
        occurredOn: '2024-07-20',
        metadata: { actor: inspector.id, agency: 'UBND-TINH', actorRoles: ['auditor'] },
      });
    }
    // Recorded before the handler ran: verify already walked its own read.
    expect(verified.body.eventsChecked).toBe(events[3].position);
  });

  it('records reads of files and streamed answers, and HEAD requests, without changing them', async () => {
    const before = await head();
    const text = await t.http.get(`/api/reports/${reportId}/text`).set(inspector.headers);
    expect(text.status).toBe(200);
    expect(text.text).toContain('Neo nhật ký: vị trí');
    await t.http.head(`/api/tasks/${taskId}`).set(inspector.headers).expect(200);

    const events = await eventsAfter(before);
    expect(events.map((e) => [e.data, e.streamId])).toEqual([
      [
        {
          method: 'GET',
          path: `/api/reports/${reportId}/text`,
          query: {},
          resource: { kind: 'report', id: reportId },
        },
        `auditor-reads-${inspector.id}`,
      ],
      [
        {
          method: 'HEAD',
          path: `/api/tasks/${taskId}`,
          query: {},
          resource: { kind: 'task', id: taskId },
        },
        `auditor-reads-${inspector.id}`,
      ],
    ]);
  });

  it('records neither the reads of other roles nor anonymous probes', async () => {
    const before = await head();
    await t.http.get(`/api/tasks/${taskId}`).set(p.headers('staffTTTT')).expect(200);
    await t.http.get('/api/stats/completion').set(p.headers('leader')).expect(200);
    await t.http.get('/api/projections').set(p.headers('admin')).expect(200);
    await t.http.get('/health').expect(200);
    await t.http.get('/ready').set(inspector.headers).expect(200);
    expect(await head()).toBe(before);
  });

  it('lists the recorded reads for auditors and administrators, filtered and paged', async () => {
    const all = await t.http
      .get(`/api/audit/reads?actor=${inspector.id}`)
      .set(p.headers('admin'))
      .expect(200);
    expect(all.body.nextAfter).toBeNull();
    expect(all.body.items.map((r: { path: string }) => r.path)).toEqual([
      `/api/tasks/${taskId}`,
      '/api/stats/completion',
      `/api/reports/${reportId}`,
      '/api/audit/verify',
      `/api/reports/${reportId}/text`,
      `/api/tasks/${taskId}`,
    ]);
    expect(all.body.items[0]).toMatchObject({
      actor: inspector.id,
      agency: 'UBND-TINH',
      occurredOn: '2024-07-20',
      method: 'GET',
      query: {},
      resource: { kind: 'task', id: taskId },
    });
    expect(all.body.items[1]).toMatchObject({
      query: { from: '2024-01-01', to: '2024-12-31', groupBy: 'agency' },
      resource: null,
    });

    // Pages: `after` is the last position of the previous page.
    const first = await t.http
      .get(`/api/audit/reads?actor=${inspector.id}&limit=4`)
      .set(p.headers('admin'))
      .expect(200);
    expect(first.body.items).toEqual(all.body.items.slice(0, 4));
    expect(first.body.nextAfter).toBe(all.body.items[3].position);
    const second = await t.http
      .get(`/api/audit/reads?actor=${inspector.id}&limit=4&after=${first.body.nextAfter}`)
      .set(p.headers('admin'))
      .expect(200);
    expect(second.body.items).toEqual(all.body.items.slice(4));
    expect(second.body.nextAfter).toBeNull();

    // An auditor's listing is itself a read, recorded before it is answered.
    const own = await t.http
      .get('/api/audit/reads?from=2024-07-20&to=2024-07-20')
      .set(inspector.headers)
      .expect(200);
    expect(own.body.items.at(-1)).toMatchObject({
      actor: inspector.id,
      path: '/api/audit/reads',
      query: { from: '2024-07-20', to: '2024-07-20' },
    });
    const later = await t.http
      .get('/api/audit/reads?from=2024-07-21')
      .set(p.headers('admin'))
      .expect(200);
    expect(later.body.items).toEqual([]);
    // The other auditor has read nothing.
    const other = await t.http
      .get(`/api/audit/reads?actor=${p.userIds.auditor}`)
      .set(p.headers('admin'))
      .expect(200);
    expect(other.body.items).toEqual([]);

    const refused = await t.http.get('/api/audit/reads').set(p.headers('staffTTTT')).expect(403);
    expect(refused.body.messageVi).toBeTruthy();
    await t.http.get('/api/audit/reads').set(p.headers('leader')).expect(403);
    const bad = await t.http
      .get('/api/audit/reads?from=2024-07-21&to=2024-07-20')
      .set(p.headers('admin'))
      .expect(400);
    expect(bad.body.code).toBe('invalid_date_range');
  });

  it('leaves the read models alone: they skip the reads and keep up with the log', async () => {
    const reads = (await eventsAfter(0)).filter((e) => e.type === 'AuditorReadRecorded');
    expect(reads.length).toBeGreaterThan(0);
    for (const event of reads.map(decodeEvent)) {
      expect(taskTimelineProjection.documents.idOf(event)).toBeNull();
      expect(directiveListProjection.documents.idOf(event)).toBeNull();
    }
    // Both runners pass over the reads: queries that wait for the head still answer.
    const position = await head();
    const tasks = await t.http
      .get(`/api/tasks?minPosition=${position}`)
      .set(p.headers('leader'))
      .expect(200);
    expect(tasks.body.items.map((i: { id: string }) => i.id)).toEqual([taskId]);
    await t.http
      .get(`/api/directives?minPosition=${position}`)
      .set(p.headers('leader'))
      .expect(200);
    // The user directory too: the auditor still logs in and reads.
    await t.login('thanhtra', passwordOf('thanhtra'));
  });

  it('refuses to serve a read it cannot record (503), and serves it once the log takes writes again', async () => {
    const before = await head();
    // Another connection holds the write lock longer than the store's busy timeout (5 s).
    const blocker = new Database(t.config.eventStorePath);
    let refused;
    try {
      blocker.exec('BEGIN IMMEDIATE');
      refused = await t.http.get(`/api/tasks/${taskId}`).set(inspector.headers);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('read_not_recorded');
    expect(refused.body.messageVi).toMatch(/nhật ký/);
    expect(refused.body.title).toBeUndefined();
    expect(await head()).toBe(before);

    const served = await t.http.get(`/api/tasks/${taskId}`).set(inspector.headers).expect(200);
    expect(served.body.title).toBe('Kế hoạch chuyển đổi IPv6');
    expect((await eventsAfter(before)).map((e) => e.data)).toEqual([
      expect.objectContaining({ path: `/api/tasks/${taskId}` }),
    ]);
  }, 30_000);
});
