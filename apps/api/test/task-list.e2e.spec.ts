import type { EventStore } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { Workbook } from 'exceljs';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { seedProvince, type Province } from './support/province';
import { asBuffer, asText } from './support/response-body';
import { appendTaskStories, type TaskStory } from './support/task-history';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The task list screen's API: a figure of the completion statistics and the list behind it are
 * the same tasks (a tile "69 quá hạn" opens a list of 69), pages go past 100, sorting, the
 * reader's scope, and the export as filtered.
 */

const DIRECTIVES = [
  { id: '0b7e4c8a-1f2d-4c3b-9a5e-000000000001', reference: '32/KH-UBND' },
  { id: '0b7e4c8a-1f2d-4c3b-9a5e-000000000002', reference: '415/UBND-TH1' },
];
const LEADS = ['STTTT', 'STC', 'SKHDT', 'PHONG-CNTT'];
const CLASSES = {
  done_on_time: (s: Stats) => s.done.onTime,
  done_late: (s: Stats) => s.done.late,
  done_no_deadline: (s: Stats) => s.done.noDeadline,
  not_done_within_deadline: (s: Stats) => s.notDone.withinDeadline,
  not_done_overdue: (s: Stats) => s.notDone.overdue,
  not_done_no_deadline: (s: Stats) => s.notDone.noDeadline,
} as const;
type Stats = {
  total: number;
  done: { onTime: number; late: number; noDeadline: number };
  notDone: {
    withinDeadline: number;
    overdue: number;
    noDeadline: number;
    awaitingConfirmation: number;
  };
};

const day = (offset: number): string =>
  new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

/** 320 tasks over 2024: on time, late, open, overdue, awaiting confirmation, without deadline. */
function stories(): TaskStory[] {
  let seed = 17;
  const next = (n: number) => {
    // Park–Miller: exact in doubles.
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  return Array.from({ length: 320 }, (_, i) => {
    const assigned = next(300);
    const deadline = next(8) === 0 ? null : assigned + 5 + next(90);
    const completed = assigned + 3 + next(120);
    // Nothing is reported after the app's today (31/12/2024).
    const done = next(10) < 5 && completed + 6 < 365;
    const directive = DIRECTIVES[next(2)];
    return {
      id: `tl${String(i).padStart(4, '0')}`,
      leadAgency: LEADS[next(LEADS.length)],
      assigningAgency: 'UBND-TINH',
      assignedOn: day(assigned),
      deadline: deadline === null ? null : day(deadline),
      directiveId: directive.id,
      directiveReference: directive.reference,
      // One title a spreadsheet would run as a formula.
      title: i === 7 ? '=HYPERLINK("http://x.example","bấm")' : `Nhiệm vụ số ${i}`,
      completion: done
        ? {
            completedOn: day(completed),
            reportedOn: day(completed + 1),
            confirmedOn: next(4) === 0 ? undefined : day(completed + 2 + next(3)),
          }
        : undefined,
    };
  });
}

function describeTaskList(
  engine: string,
  env: () => Record<string, string>,
  cleanup = async () => {},
) {
  describe(`task list screen API on ${engine}`, () => {
    let t: TestApp;
    let p: Province;
    let head = 0;

    beforeAll(async () => {
      t = await startTestApp({ now: '2024-12-31T03:00:00Z', env: env() });
      p = await seedProvince(t);
      const store = t.app.get<EventStore>(EVENT_STORE);
      await appendTaskStories(store, stories(), { receivedAt: '2024-12-31T02:00:00Z' });
      // One task through the API, with a leader in charge and as a key task.
      const directive = await t.http
        .post('/api/directives')
        .set(p.headers('leader'))
        .send({
          reference: '99/KH-UBND',
          issuedOn: '2024-02-01',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Kế hoạch chuyển đổi số',
        })
        .expect(201);
      const assigned = await t.http
        .post(`/api/directives/${directive.body.id}/tasks`)
        .set(p.headers('tracker'))
        .send({
          tasks: [
            {
              title: 'Xây dựng kho dữ liệu dùng chung',
              leadAgency: 'SKHDT',
              deadline: '2024-03-15',
              keyTask: true,
              leaderInCharge: 'Phó Chủ tịch Trần Báu Hà',
              occurredOn: '2024-02-01',
            },
          ],
        })
        .expect(201);
      head = Math.max(await store.headPosition(), assigned.body.position ?? 0);
    }, 120_000);
    afterAll(async () => {
      await t.close();
      await cleanup();
    });

    const get = (who: Parameters<Province['headers']>[0], path: string) =>
      t.http.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`).set(p.headers(who));

    /** Every row of a list, page by page (100 a page). */
    async function allRows(who: Parameters<Province['headers']>[0], query: string) {
      const rows: Array<{ id: string }> = [];
      let total = -1;
      for (let page = 1; total === -1 || rows.length < total; page += 1) {
        const { body } = await get(who, `/api/tasks/list?${query}&size=100&page=${page}`).expect(
          200,
        );
        total = body.total;
        if (body.items.length === 0) break;
        rows.push(...body.items);
      }
      return { total, rows };
    }

    const PERIODS = [
      { scope: '', who: 'leader' as const },
      { scope: '&agency=STTTT&includeUnits=true', who: 'leader' as const },
      { scope: `&directive=${DIRECTIVES[1].id}`, who: 'tracker' as const },
      { scope: '', who: 'staffTC' as const },
    ];

    it('lists, for each class of a period at a cut-off, exactly the tasks the statistics count', async () => {
      for (const { scope, who } of PERIODS) {
        for (const at of ['2024-06-30', '2024-12-31']) {
          const period = `from=2024-01-01&to=2024-09-30&at=${at}${scope}`;
          const { body: stats } = await get(
            who,
            `/api/stats/completion?from=2024-01-01&to=2024-09-30&asOf=${at}${scope}`,
          ).expect(200);
          if (scope === '' && who === 'leader') {
            // Not a trivial equality: the period holds every kind of task.
            expect(Math.min(stats.scope.done.onTime, stats.scope.done.late)).toBeGreaterThan(0);
            expect(stats.scope.notDone.overdue).toBeGreaterThan(0);
            expect(stats.scope.notDone.awaitingConfirmation).toBeGreaterThan(0);
          }
          const all = await get(who, `/api/tasks/list?${period}`).expect(200);
          expect(all.body.total).toBe(stats.scope.total);
          for (const [cls, count] of Object.entries(CLASSES)) {
            const list = await get(who, `/api/tasks/list?${period}&class=${cls}&size=100`).expect(
              200,
            );
            expect({ scope, who, at, cls, total: list.body.total }).toEqual({
              scope,
              who,
              at,
              cls,
              total: count(stats.scope),
            });
            for (const item of list.body.items) expect(item.classAt.class).toBe(cls);
          }
          const awaiting = await get(who, `/api/tasks/list?${period}&awaiting=true`).expect(200);
          expect(awaiting.body.total).toBe(stats.scope.notDone.awaitingConfirmation);
        }
      }
    });

    it('pages past 100 without losing or repeating a task, and the pages add up to the total', async () => {
      const { total, rows } = await allRows('leader', 'sort=title');
      expect(total).toBe(321);
      expect(rows).toHaveLength(321);
      expect(new Set(rows.map((r) => r.id)).size).toBe(321);
      const overdue = await allRows('leader', 'class=not_done_overdue&at=2024-12-31');
      const { body: stats } = await get(
        'leader',
        '/api/stats/completion?from=2024-01-01&to=2024-12-31&asOf=2024-12-31',
      ).expect(200);
      expect(overdue.rows).toHaveLength(stats.scope.notDone.overdue);
    });

    it('lists newest first by default, in the order of the cursor-paged GET /api/tasks', async () => {
      for (const who of ['leader', 'staffTC', 'auditor'] as const) {
        const cursorIds: string[] = [];
        let cursor: string | null = null;
        do {
          const path: string = `/api/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
          const { body } = await get(who, path).expect(200);
          cursorIds.push(...body.items.map((i: { id: string }) => i.id));
          cursor = body.nextCursor;
        } while (cursor !== null);
        const { total, rows } = await allRows(who, '');
        expect({ who, total }).toEqual({ who, total: cursorIds.length });
        expect(rows.map((r) => r.id)).toEqual(cursorIds);
      }
    });

    it('sorts by deadline, days overdue, agency name and title, either way', async () => {
      const deadlines = (
        await get('leader', '/api/tasks/list?sort=deadline&dir=asc&size=100').expect(200)
      ).body.items.map((i: { deadline: string | null }) => i.deadline);
      const dated = deadlines.filter((d: string | null) => d !== null);
      expect(dated).toEqual([...dated].sort());
      const overdue = (
        await get(
          'leader',
          '/api/tasks/list?class=not_done_overdue&sort=daysOverdue&dir=desc&size=50',
        ).expect(200)
      ).body.items.map((i: { daysOverdue: number }) => i.daysOverdue);
      expect(overdue[0]).toBeGreaterThan(0);
      expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
      const names = (
        await get('leader', '/api/tasks/list?sort=agency&dir=desc&size=100').expect(200)
      ).body.items.map((i: { leadAgencyName: string }) => i.leadAgencyName);
      expect(names[0]).toBe('Sở Thông tin và Truyền thông');
      expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'vi')));
    });

    it('answers a leader in charge filter, a deadline range and a key-task filter', async () => {
      const range = await get(
        'leader',
        '/api/tasks/list?deadlineFrom=2024-03-01&deadlineTo=2024-03-31&size=100',
      ).expect(200);
      expect(range.body.total).toBeGreaterThan(0);
      for (const item of range.body.items) {
        expect(item.deadline >= '2024-03-01' && item.deadline <= '2024-03-31').toBe(true);
      }
      const nobody = await get(
        'leader',
        `/api/tasks/list?leader=${encodeURIComponent('Ông Không Có')}`,
      ).expect(200);
      expect(nobody.body.total).toBe(0);
      const key = await get('leader', '/api/tasks/list?keyTask=true').expect(200);
      expect(key.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Xây dựng kho dữ liệu dùng chung',
      ]);
      const leader = await get(
        'leader',
        `/api/tasks/list?leader=${encodeURIComponent('Phó Chủ tịch Trần Báu Hà')}&class=not_done_overdue`,
      ).expect(200);
      expect(leader.body.items).toMatchObject([
        { leaderInCharge: 'Phó Chủ tịch Trần Báu Hà', leadAgencyName: 'Sở Kế hoạch và Đầu tư' },
      ]);
      expect(leader.body.items[0].daysOverdue).toBe(291);
    });

    it('keeps a reader to their scope, and refuses a period given by half', async () => {
      const staff = await get('staffTC', '/api/tasks/list?size=100').expect(200);
      for (const item of staff.body.items) expect(item.leadAgency).toBe('STC');
      expect(staff.body.items[0].leadAgencyName).toBe('Sở Tài chính');
      await get('staffTC', '/api/tasks/list?agency=STTTT').expect(403);
      await get('leaderKhac', '/api/tasks/list?agency=STTTT').expect(403);
      await get('staffTC', '/api/tasks/list/export?agency=STTTT&format=csv').expect(403);
      await t.http.get('/api/tasks/list').expect(401);
      await t.http.get('/api/tasks/list/export').expect(401);
      const half = await get('leader', '/api/tasks/list?from=2024-01-01').expect(400);
      expect(half.body.messageVi).toContain('ngày kết thúc');
      await get('leader', '/api/tasks/list?size=101').expect(400);
      await get('leader', '/api/tasks/list?sort=id').expect(400);
    });

    it('exports the list as filtered to CSV and .xlsx: Vietnamese headers, names, dd/mm/yyyy, no formulas', async () => {
      const query =
        'from=2024-01-01&to=2024-09-30&at=2024-12-31&class=not_done_overdue,done_late&sort=title';
      const list = await get('leader', `/api/tasks/list?${query}&size=100`).expect(200);
      const csv = await get('leader', `/api/tasks/list/export?${query}&format=csv`)
        .buffer(true)
        .parse(asText)
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('danh-sach-nhiem-vu-2024-12-31.csv');
      const lines = (csv.body as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'STT,Nhiệm vụ,Văn bản chỉ đạo,Ngày ban hành,Cơ quan chủ trì,Cơ quan phối hợp,Lãnh đạo phụ trách,Ngày giao,Thời hạn,Tình hình thực hiện,Trạng thái,Phân loại tại ngày lọc,Số ngày quá hạn,Tiến độ (%),Ngày hoàn thành,Văn bản kết quả,Trọng tâm',
      );
      expect(lines).toHaveLength(list.body.total + 1);
      expect(lines[1]).toContain(list.body.items[0].title.replace(/"/g, '""'));
      expect(csv.body).toMatch(/\d{2}\/\d{2}\/2024/);
      expect(csv.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(csv.body).not.toMatch(/,(STTTT|STC|SKHDT|PHONG-CNTT),/);

      const xlsx = await get('leader', `/api/tasks/list/export?${query}&format=xlsx`)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.body);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('Danh sách nhiệm vụ');
      expect(sheet.getRow(2).getCell(1).text).toContain('Tính đến ngày 31/12/2024');
      expect(sheet.getRow(3).getCell(2).text).toBe('Nhiệm vụ');
      expect(sheet.rowCount).toBe(3 + list.body.total);
      const titles: string[] = [];
      for (let r = 4; r <= sheet.rowCount; r += 1) titles.push(sheet.getRow(r).getCell(2).text);
      expect(titles.slice(0, 3)).toEqual(
        list.body.items
          .slice(0, 3)
          .map((i: { title: string }) => (i.title.startsWith('=') ? `'${i.title}` : i.title)),
      );

      // The formula title, in every export, starts with an apostrophe.
      const all = await get('leader', '/api/tasks/list/export?format=csv&q=HYPERLINK')
        .buffer(true)
        .parse(asText)
        .expect(200);
      expect(all.body).toContain(`"'=HYPERLINK(""http://x.example"",""bấm"")"`);
    });
  });
}

describeTaskList('SQLite', () => ({}));

const schema = uniqueSchema('tasklist');
describeWithPostgres('task list on PostgreSQL', (url) => {
  describeTaskList(
    'PostgreSQL',
    () => ({
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-for-the-task-list-suite-0123456789',
    }),
    () => dropSchema(url, schema),
  );
});
