import { parseCsvExport, parseNdjson } from '@chidao/audit/testing';
import type { EventStore } from '@chidao/event-store';
import type { Response } from 'supertest';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { seedProvince, type Province, type UserName } from './support/province';
import { asText } from './support/response-body';
import { appendTaskStories } from './support/task-history';
import { registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

interface Exported {
  position: number;
  recordedAt: string;
  occurredOn: string;
  streamId: string;
  streamVersion: number;
  type: string;
  actor: string;
  agency: string | null;
  agencies: string[];
  data: Record<string, unknown>;
}

const TITLE_A = 'Kế hoạch chuyển đổi IPv6 của tỉnh, giai đoạn 2024–2025';
const NOTE = 'Sở Tài chính đã bố trí kinh phí, "đủ" cho năm 2024';
const STORIES = 1200;

describe('GET /api/audit/events: replay a period of the log', () => {
  let t: TestApp;
  let p: Province;
  let taskA: string;
  let taskB: string;

  const get = (query: Record<string, string>, user: UserName = 'auditor', accept?: string) => {
    const request = t.http.get('/api/audit/events').query(query).set(p.headers(user));
    if (accept) request.set('Accept', accept);
    return request.buffer(true).parse(asText);
  };
  const ndjson = async (query: Record<string, string>): Promise<Exported[]> => {
    const res = await get(query).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    return parseNdjson<Exported>(res.body as string);
  };

  beforeAll(async () => {
    // VN 10:00 on 30/06/2024.
    t = await startTestApp({
      now: '2024-06-30T03:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    const directiveId = await registerDirective(t, p);
    const assigned = await t.http
      .post(`/api/directives/${directiveId}/tasks`)
      .set(p.headers('leader'))
      .send({
        tasks: [
          {
            title: TITLE_A,
            leadAgency: 'STTTT',
            supportAgencies: ['STC'],
            deadline: '2024-09-30',
            occurredOn: '2024-06-28',
          },
          { title: 'Đề án chính quyền số', leadAgency: 'SKHDT', deadline: '2024-12-31' },
        ],
      })
      .expect(201);
    [taskA, taskB] = assigned.body.tasks.map((task: { id: string }) => task.id);
    await t.http
      .post(`/api/tasks/${taskA}/receive`)
      .set(p.headers('staffTTTT'))
      .send({ occurredOn: '2024-06-29' })
      .expect(200);
    await t.http
      .post(`/api/tasks/${taskA}/progress`)
      .set(p.headers('staffTC'))
      .send({ agency: 'STC', percent: 50, note: NOTE, occurredOn: '2024-06-30' })
      .expect(200);
    // Typed on 1 July (VN 09:00, within the token's day), done on 29 June: back-dated.
    t.clock.set('2024-07-01T02:00:00Z');
    await t.http
      .post(`/api/tasks/${taskA}/completion`)
      .set(p.headers('staffTTTT'))
      .send({ completedOn: '2024-06-29', resultDocument: '32/KH-UBND', occurredOn: '2024-06-29' })
      .expect(200);
    // Bulk history written the way the domain decides it, so the export spans several batches.
    const store = t.app.get<EventStore>(EVENT_STORE);
    await appendTaskStories(
      store,
      Array.from({ length: STORIES }, (_, i) => ({
        id: `bulk-${i}`,
        leadAgency: i % 2 === 0 ? 'STC' : 'SKHDT',
        assignedOn: '2024-05-02',
        deadline: '2024-06-30',
        completion: { completedOn: '2024-06-10', reportedOn: '2024-06-11' },
      })),
      { receivedAt: '2024-07-02T02:00:00.000Z' },
    );
  });
  afterAll(() => t.close());

  it('filters on the business date (by=occurred) and on the day typed (by=recorded)', async () => {
    const june = { from: '2024-06-01', to: '2024-06-30', stream: `task-${taskA}` };
    const byOccurred = await ndjson({ ...june, by: 'occurred' });
    expect(byOccurred.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
      'TaskCompletionReported',
    ]);
    const completion = byOccurred[3];
    expect(completion).toMatchObject({ occurredOn: '2024-06-29' });
    expect(completion.recordedAt).toBe('2024-07-01T02:00:00.000Z');
    // Default basis is the business date.
    expect(await ndjson(june)).toEqual(byOccurred);

    const byRecorded = await ndjson({ ...june, by: 'recorded' });
    expect(byRecorded.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
    ]);
    const july = await ndjson({
      from: '2024-07-01',
      to: '2024-07-31',
      by: 'recorded',
      stream: `task-${taskA}`,
    });
    expect(july.map((e) => e.position)).toEqual([completion.position]);
  });

  it('filters by agency concerned, actor, type and stream, in log order', async () => {
    const stc = await ndjson({ agency: 'STC', stream: 'task-*' });
    expect(stc.every((e) => e.agency === 'STC' || e.agencies.includes('STC'))).toBe(true);
    const stcStreams = new Set(stc.map((e) => e.streamId));
    expect(stcStreams.has(`task-${taskA}`)).toBe(true); // supporting agency
    expect(stcStreams.has(`task-${taskB}`)).toBe(false);
    expect(stc.filter((e) => e.streamId.startsWith('task-bulk-'))).toHaveLength(
      (STORIES / 2) * 3, // assigned, received, completion reported, for each story STC leads
    );

    const staff = await ndjson({ actor: p.userIds.staffTTTT });
    expect(staff.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      `task-${taskA}:TaskReceived`,
      `task-${taskA}:TaskCompletionReported`,
    ]);
    expect(staff.every((e) => e.agency === 'STTTT')).toBe(true);

    const types = await ndjson({ type: 'TaskAssigned,TaskReceived', stream: `task-${taskA}` });
    expect(types.map((e) => e.type)).toEqual(['TaskAssigned', 'TaskReceived']);
    const repeated = await t.http
      .get(`/api/audit/events?type=TaskAssigned&type=TaskReceived&stream=task-${taskA}`)
      .set(p.headers('auditor'))
      .buffer(true)
      .parse(asText)
      .expect(200);
    expect(parseNdjson<Exported>(repeated.body as string)).toEqual(types);
    const assignments = await ndjson({ stream: 'task-*', type: 'TaskAssigned' });
    expect(assignments).toHaveLength(STORIES + 2);

    const stream = await ndjson({ stream: `task-${taskA}` });
    expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect(stream.map((e) => e.position)).toEqual(
      [...stream.map((e) => e.position)].sort((a, b) => a - b),
    );
  });

  it('streams the whole log in order up to the position it names in X-Chidao-Log-Position', async () => {
    const res = await get({}).expect(200);
    const upTo = Number(res.headers['x-chidao-log-position']);
    const all = parseNdjson<Exported>(res.body as string);
    expect(all.length).toBeGreaterThan(STORIES * 3);
    // Every position once, in log order: nothing skipped between batches.
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: upTo }, (_, i) => i + 1));
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="chidao-events-all-all.ndjson"',
    );
    // A screen's first page: the first `limit` events of the same filter, nothing after.
    const first = await ndjson({ limit: '5' });
    expect(first).toEqual(all.slice(0, 5));
  });

  it('writes CSV (format=csv or Accept: text/csv) that a spreadsheet reads back, Vietnamese intact', async () => {
    const query = { from: '2024-06-01', to: '2024-06-30', stream: `task-${taskA}` };
    const res = await get({ ...query, format: 'csv' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="chidao-events-2024-06-01-2024-06-30.csv"',
    );
    const rows = parseCsvExport(res.body as string);
    const records = await ndjson(query);
    expect(rows.map((row) => Number(row.position))).toEqual(records.map((e) => e.position));
    expect(JSON.parse(rows[0].data)).toEqual(records[0].data);
    expect(JSON.parse(rows[0].data).title).toBe(TITLE_A);
    expect(rows[0].agencies).toBe('STC;STTTT;UBND-TINH');
    const progress = rows.find((row) => row.type === 'TaskProgressReported');
    expect(JSON.parse(progress!.data).note).toBe(NOTE);
    expect(progress!.actor).toBe(p.userIds.staffTC);

    const negotiated = await get(query, 'auditor', 'text/csv').expect(200);
    expect(negotiated.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(parseCsvExport(negotiated.body as string)).toEqual(rows);
  });

  it('is for auditors and administrators only', async () => {
    await get({ stream: `task-${taskA}` }, 'admin').expect(200);
    for (const user of ['staffTTTT', 'leader'] as const) {
      const refused = await get({}, user).expect(403);
      expect(JSON.parse(refused.body as string).messageVi).toBeTruthy();
    }
  });

  it('refuses impossible dates, an unknown basis, a reversed period and unknown parameters', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2024-02-30' }, 'validation_failed'],
      [{ by: 'created' }, 'validation_failed'],
      [{ format: 'xml' }, 'validation_failed'],
      [{ foo: '1' }, 'validation_failed'],
      [{ limit: '0' }, 'validation_failed'],
      [{ limit: 'mười' }, 'validation_failed'],
      [{ from: '2024-07-01', to: '2024-06-30' }, 'invalid_period'],
      [{ stream: 'task-*-x' }, 'invalid_stream_pattern'],
      [{ agency: 'sở x' }, 'invalid_agency_code'],
    ];
    for (const [query, code] of cases) {
      const res: Response = await get(query).expect(400);
      const body = JSON.parse(res.body as string);
      expect(body.code).toBe(code);
      expect(body.messageVi).toBeTruthy();
    }
  });
});
