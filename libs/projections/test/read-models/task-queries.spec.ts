import {
  decideDirective,
  parseDirectiveCommand,
  evolveDirective,
  initialDirectiveState,
  isDomainError,
  type DirectiveCommand,
  type DirectiveState,
  type TaskTimeline,
} from '@chidao/domain';
import type { DocumentCollection } from '../../src/document-query';
import { ProjectionRunner } from '../../src/projection-runner';
import {
  directiveListProjection,
  findTasks,
  overdueTasks,
  searchText,
  taskTimelineProjection,
  tasksDueWithin,
  TaskQueryError,
  type TaskListFilter,
} from '../../src/read-models';
import { TempFiles, type TempStores } from '../support';
import { appendHistories, day, historyOf, random, randomSpec, TaskDriver } from './task-histories';

const files = new TempFiles();
afterAll(() => files.cleanup());

interface Story {
  id: string;
  on: number;
  lead: string;
  supporters?: string[];
  deadline: number | null;
  title: string;
  reference?: string;
  keyTask?: boolean;
  then?: (task: TaskDriver) => void;
}

function history(story: Story) {
  const task = new TaskDriver(story.id);
  const reference = story.reference ?? '2926/UBND-TH';
  task.run(
    'AssignTask',
    {
      taskId: story.id,
      directiveId: `dir-${reference}`,
      directiveReference: reference,
      assigningAgency: 'UBND-TINH',
      title: story.title,
      leadAgency: story.lead,
      supportAgencies: story.supporters ?? [],
      deadline: story.deadline === null ? null : day(story.deadline),
      keyTask: story.keyTask ?? false,
      leaderInCharge: null,
    },
    day(story.on),
  );
  story.then?.(task);
  return { id: story.id, events: task.events };
}

const STORIES: Story[] = [
  {
    id: 'a1',
    on: 0,
    lead: 'SO-TTTT',
    supporters: ['SO-TC'],
    deadline: 30,
    title: 'Kế hoạch ứng dụng IPv6',
    reference: '32/KH-UBND',
    keyTask: true,
    then: (t) => {
      t.run('ReceiveTask', {}, day(1));
      // Still awaiting a decision (a5's request was approved).
      t.run(
        'RequestDeadlineChange',
        { requestId: 'r-a1', kind: 'extension', proposedDeadline: day(40), reason: 'Chờ Bộ' },
        day(2),
      );
    },
  },
  {
    id: 'a2',
    on: 1,
    lead: 'SO-TC',
    supporters: ['SO-TTTT', 'SO_XD'],
    deadline: 10,
    title: 'Đề án chuyển đổi số',
    then: (t) => {
      t.run('ReceiveTask', {}, day(2));
      t.run('ReportCompletion', { completedOn: day(5), resultDocument: '1/BC-STC' }, day(5));
      t.run('ConfirmCompletion', {}, day(6));
    },
  },
  { id: 'a3', on: 2, lead: 'SO-XD', deadline: null, title: 'Báo cáo quy hoạch đường bộ' },
  {
    id: 'a4',
    on: 3,
    lead: 'SO_XD',
    supporters: ['SO-XD'],
    deadline: 12,
    title: 'Rà soát 50% thủ tục',
    then: (t) => t.run('CancelTask', { reason: 'Không thực hiện' }, day(4)),
  },
  {
    id: 'a5',
    on: 3,
    lead: 'SO-NV',
    deadline: 8,
    title: 'Sắp xếp đơn vị hành chính',
    then: (t) => {
      t.run('ReassignTask', { leadAgency: 'SO-TTTT', reason: 'Đúng chức năng' }, day(4));
      t.run('ReceiveTask', {}, day(4));
      const requestId = t.nextRequestId();
      t.run(
        'RequestDeadlineChange',
        { requestId, kind: 'extension', proposedDeadline: day(20), reason: 'Cần thêm thời gian' },
        day(5),
      );
      t.run('ApproveDeadlineChange', { requestId }, day(6));
    },
  },
  {
    id: 'a6',
    on: 0,
    lead: 'UBND-HH',
    deadline: 5,
    title: 'Tổng kết năm',
    then: (t) => {
      t.run('ReceiveTask', {}, day(1));
      t.run('ReportCompletion', { completedOn: day(9), resultDocument: '2/BC-HH' }, day(9));
      t.run('ConfirmCompletion', {}, day(10));
    },
  },
  {
    id: 'a7',
    on: 0,
    lead: 'SO-NV',
    deadline: 2,
    title: 'Tuyển dụng công chức',
    then: (t) => t.run('ReassignTask', { leadAgency: 'SO-TC', reason: 'Đúng chức năng' }, day(5)),
  },
];

function projected(stores: TempStores) {
  return new ProjectionRunner(taskTimelineProjection, stores.domain, { batchSize: 5 }).start();
}

describe('task queries', () => {
  let stores: TempStores;
  let tasks: DocumentCollection<TaskTimeline>;

  beforeAll(async () => {
    stores = await files.open();
    const head = await appendHistories(stores.eventStore, STORIES.map(history));
    const runner = projected(stores);
    await runner.waitFor(head);
    await runner.stop();
    tasks = stores.readStore.documents<TaskTimeline>('tasks');
  });

  const ids = async (filter: TaskListFilter, limit = 200) =>
    (await findTasks(tasks, filter, { limit })).items.map((item) => item.id);

  it('lists newest assignment first, with the list item fields', async () => {
    expect(await ids({})).toEqual(['a5', 'a4', 'a3', 'a2', 'a7', 'a6', 'a1']);
    const [a5] = (await findTasks(tasks, {}, { limit: 1 })).items;
    expect(a5).toEqual({
      id: 'a5',
      title: 'Sắp xếp đơn vị hành chính',
      directiveId: 'dir-2926/UBND-TH',
      directiveReference: '2926/UBND-TH',
      assigningAgency: 'UBND-TINH',
      leadAgency: 'SO-TTTT',
      supportAgencies: [],
      status: 'in_progress',
      assignedOn: day(3),
      originalDeadline: day(8),
      deadline: day(20),
      deadlineChanges: 1,
      keyTask: false,
      leaderInCharge: null,
      progress: null,
      completedOn: null,
      confirmedOn: null,
      resultDocument: null,
      pendingRequest: null,
    });
    const a2 = (await findTasks(tasks, { statuses: ['completed'] }, { limit: 1 })).items[0];
    expect(a2).toMatchObject({ id: 'a2', completedOn: day(5), confirmedOn: day(6) });
  });

  it('finds text without diacritics, every word in any order, exactly', async () => {
    expect(await ids({ text: 'ke hoach' })).toEqual(['a1']);
    expect(await ids({ text: '  KẾ   HOẠCH ' })).toEqual(['a1']);
    expect(await ids({ text: 'ipv6 ke' })).toEqual(['a1']);
    expect(await ids({ text: '32/kh-ubnd' })).toEqual(['a1']);
    expect(await ids({ text: 'duong bo' })).toEqual(['a3']);
    expect(await ids({ text: 'Đường' })).toEqual(['a3']);
    expect(await ids({ text: 'chuyen doi so' })).toEqual(['a2']);
    // `%` and `_` are no wildcards: only the title holding "50%" matches.
    expect(await ids({ text: '50%' })).toEqual(['a4']);
    expect(await ids({ text: '%' })).toEqual(['a4']);
    expect(await ids({ text: '_' })).toEqual([]);
    expect(await ids({ text: 'ke hoach tuyen' })).toEqual([]);
    expect(await ids({ text: '   ' })).toHaveLength(7);
    expect(searchText('Đề ÁN  Chuyển đổi')).toBe('de an chuyen doi');
  });

  it('filters by role: lead, support or any, one agency or several', async () => {
    expect(await ids({ agencies: ['SO-TTTT'], role: 'lead' })).toEqual(['a5', 'a1']);
    expect(await ids({ agencies: ['SO-TTTT'], role: 'support' })).toEqual(['a2']);
    expect(await ids({ agencies: ['SO-TTTT'], role: 'any' })).toEqual(['a5', 'a2', 'a1']);
    expect(await ids({ agencies: ['SO-TTTT'] })).toEqual(['a5', 'a2', 'a1']);
    // SO-NV led a5 and a7 once, but leads neither now.
    expect(await ids({ agencies: ['SO-TTTT', 'SO-NV'], role: 'any' })).toEqual(['a5', 'a2', 'a1']);
    expect(await ids({ agencies: ['SO-TC', 'UBND-HH'], role: 'lead' })).toEqual(['a2', 'a7', 'a6']);
    expect(await ids({ agencies: ['SO-TC', 'SO_XD'], role: 'support' })).toEqual(['a2', 'a1']);
    // `_` in a code is no wildcard: SO_XD is not SO-XD.
    expect(await ids({ agencies: ['SO_XD'], role: 'lead' })).toEqual(['a4']);
    expect(await ids({ agencies: ['SO_XD'], role: 'support' })).toEqual(['a2']);
    expect(await ids({ agencies: ['SO_XD'], role: 'any' })).toEqual(['a4', 'a2']);
    expect(await ids({ agencies: ['SO-XD'], role: 'support' })).toEqual(['a4']);
    expect(await ids({ agencies: ['SO-XD'], role: 'any' })).toEqual(['a4', 'a3']);
    expect(await ids({ agencies: [] })).toEqual([]);
  });

  it('restricts to a scope of current lead agencies', async () => {
    expect(await ids({ leadAgencies: ['SO-TC'] })).toEqual(['a2', 'a7']);
    expect(await ids({ leadAgencies: ['SO-TC'], agencies: ['SO-TTTT'] })).toEqual(['a2']);
    expect(await ids({ leadAgencies: ['SO-TC'], agencies: ['SO-TTTT'], role: 'lead' })).toEqual([]);
    expect(
      await ids({ leadAgencies: ['SO-TC', 'SO-TTTT'], agencies: ['SO-TTTT'], role: 'lead' }),
    ).toEqual(['a5', 'a1']);
    expect(await ids({ leadAgencies: [] })).toEqual([]);
  });

  it('filters by deadline range, key task, status, directive', async () => {
    expect(await ids({ deadlineFrom: day(10), deadlineTo: day(20) })).toEqual(['a5', 'a4', 'a2']);
    expect(await ids({ deadlineFrom: day(21) })).toEqual(['a1']);
    expect(await ids({ deadlineTo: day(5) })).toEqual(['a7', 'a6']);
    expect(await ids({ keyTask: true })).toEqual(['a1']);
    expect(await ids({ keyTask: false })).toEqual(['a5', 'a4', 'a3', 'a2', 'a7', 'a6']);
    expect(await ids({ statuses: ['cancelled'] })).toEqual(['a4']);
    expect(await ids({ statuses: ['completed', 'in_progress'] })).toEqual(['a5', 'a2', 'a6', 'a1']);
    expect(await ids({ statuses: [] })).toEqual([]);
    expect(await ids({ directiveId: 'dir-32/KH-UBND' })).toEqual(['a1']);
  });

  it('lists the tasks whose deadline change request awaits a decision', async () => {
    expect(await ids({ pendingRequest: true })).toEqual(['a1']);
    expect(await ids({ pendingRequest: false })).toEqual(['a5', 'a4', 'a3', 'a2', 'a7', 'a6']);
    const [a1] = (await findTasks(tasks, { pendingRequest: true }, { limit: 1 })).items;
    expect(a1.pendingRequest).toEqual({
      requestId: 'r-a1',
      kind: 'extension',
      agency: 'SO-TTTT',
      proposedDeadline: day(40),
      reason: 'Chờ Bộ',
      requestedOn: day(2),
    });
  });

  it('classifies at a past date from the timeline, not the current status', async () => {
    const overdueAt7 = await findTasks(
      tasks,
      { classAt: { date: day(7), classes: ['not_done_overdue'] } },
      { limit: 10 },
    );
    expect(overdueAt7.items.map((i) => [i.id, i.status, i.classAt?.daysOverdue])).toEqual([
      ['a7', 'assigned', 5],
      ['a6', 'completed', 2],
    ]);
    expect(await ids({ classAt: { date: day(11), classes: ['done_late'] } })).toEqual(['a6']);
    expect(await ids({ classAt: { date: day(11), classes: ['done_on_time'] } })).toEqual(['a2']);
    expect(await ids({ classAt: { date: day(3), classes: ['not_done_no_deadline'] } })).toEqual([
      'a3',
    ]);
  });

  it('lists overdue tasks at a cut-off, most overdue first, scoped by the lead then', async () => {
    const at7 = await overdueTasks(tasks, { asOf: day(7), limit: 10 });
    expect(at7.total).toBe(2);
    expect(at7.items.map((i) => [i.id, i.daysOverdue, i.deadline, i.classAt.leadAgency])).toEqual([
      ['a7', 5, day(2), 'SO-TC'],
      ['a6', 2, day(5), 'UBND-HH'],
    ]);
    const limited = await overdueTasks(tasks, { asOf: day(7), limit: 1 });
    expect([limited.total, limited.items.map((i) => i.id)]).toEqual([2, ['a7']]);
    // a7 moved from SO-NV to SO-TC on day 5.
    expect(
      (await overdueTasks(tasks, { asOf: day(4), leadAgencies: ['SO-NV'], limit: 5 })).items.map(
        (i) => i.id,
      ),
    ).toEqual(['a7']);
    expect(
      (await overdueTasks(tasks, { asOf: day(4), leadAgencies: ['SO-TC'], limit: 5 })).total,
    ).toBe(0);
    expect(
      (await overdueTasks(tasks, { asOf: day(7), leadAgencies: ['SO-TC'], limit: 5 })).items.map(
        (i) => i.id,
      ),
    ).toEqual(['a7']);
    expect(
      (
        await overdueTasks(tasks, { asOf: day(31), agencies: ['SO-TC'], role: 'support', limit: 5 })
      ).items.map((i) => i.id),
    ).toEqual(['a1']);
    // On day 31 a5's extended deadline (20) and a1's (30) have passed; a2, a6 are done.
    expect(
      (await overdueTasks(tasks, { asOf: day(31), limit: 5 })).items.map((i) => [
        i.id,
        i.daysOverdue,
      ]),
    ).toEqual([
      ['a7', 29],
      ['a5', 11],
      ['a1', 1],
    ]);
  });

  it('lists open tasks coming due, nearest deadline first', async () => {
    const due = await tasksDueWithin(tasks, { today: day(8), days: 25 });
    expect(due.until).toBe(day(33));
    expect(due.items.map((i) => [i.id, i.deadline, i.daysLeft])).toEqual([
      ['a5', day(20), 12],
      ['a1', day(30), 22],
    ]);
    expect(
      (await tasksDueWithin(tasks, { today: day(8), days: 12 })).items.map((i) => i.id),
    ).toEqual(['a5']);
    expect((await tasksDueWithin(tasks, { today: day(9), days: 5 })).items).toEqual([]);
    expect(
      (await tasksDueWithin(tasks, { today: day(8), days: 25, leadAgencies: ['SO-TC'] })).items,
    ).toEqual([]);
    expect(
      (
        await tasksDueWithin(tasks, {
          today: day(8),
          days: 25,
          agencies: ['SO-TC'],
          role: 'support',
        })
      ).items.map((i) => i.id),
    ).toEqual(['a1']);
    // The deadline day itself is within.
    expect(
      (await tasksDueWithin(tasks, { today: day(20), days: 0 })).items.map((i) => i.id),
    ).toEqual(['a5']);
  });

  it('refuses malformed pages, cursors and dates', async () => {
    await expect(findTasks(tasks, {}, { limit: 0 })).rejects.toThrow(TaskQueryError);
    await expect(findTasks(tasks, {}, { limit: 201 })).rejects.toThrow(TaskQueryError);
    await expect(findTasks(tasks, {}, { limit: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    await expect(
      findTasks(tasks, { deadlineFrom: '2024-02-30' }, { limit: 5 }),
    ).rejects.toMatchObject({ code: 'invalid_filter' });
    await expect(overdueTasks(tasks, { asOf: 'yesterday', limit: 5 })).rejects.toThrow(
      TaskQueryError,
    );
  });
});

describe('keyset paging while tasks are appended', () => {
  it('visits every task that matched at the start exactly once, with no duplicates', async () => {
    const stores = await files.open();
    const next = random(7);
    const initial = Array.from({ length: 120 }, (_, i) =>
      historyOf(randomSpec(next, `p${String(i).padStart(3, '0')}`, 60)),
    );
    let head = await appendHistories(stores.eventStore, initial);
    const runner = new ProjectionRunner(taskTimelineProjection, stores.domain, {
      batchSize: 50,
    }).start();
    await runner.waitFor(head);
    const tasks = stores.readStore.documents<TaskTimeline>('tasks');

    for (const filter of [
      {},
      { agencies: ['SO-TTTT', 'SO-TC'], role: 'any' as const },
      { text: 'ke hoach' },
    ]) {
      const before = (await findTasks(tasks, filter, { limit: 200 })).items.map((i) => i.id);
      expect(before.length).toBeGreaterThan(10);
      const seen: string[] = [];
      let cursor: string | null = null;
      let added = 0;
      do {
        const page: Awaited<ReturnType<typeof findTasks>> = await findTasks(tasks, filter, {
          limit: 7,
          cursor,
        });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        // New tasks, some assigned before the cursor's date (they may still show up), some after.
        const more = Array.from({ length: 3 }, () =>
          historyOf(
            randomSpec(
              next,
              `n${String(added++).padStart(3, '0')}-${seen.length}-${JSON.stringify(filter).length}`,
              60,
            ),
          ),
        );
        head = await appendHistories(stores.eventStore, more);
        await runner.waitFor(head);
      } while (cursor !== null);

      expect(new Set(seen).size).toBe(seen.length);
      const seenSet = new Set(seen);
      expect(before.filter((id) => !seenSet.has(id))).toEqual([]);
      // Pages are in sort order throughout.
      const keys = await Promise.all(
        seen.map(async (id) => {
          const t = (await tasks.get(id))!;
          return `${t.assignedOn}|${t.id}`;
        }),
      );
      expect([...keys].sort().reverse()).toEqual(keys);
    }
    await runner.stop();
  });
});

describe('directives read model', () => {
  it('keeps one document per directive with its list columns', async () => {
    const stores = await files.open();
    const writes: Array<{ streamId: string; events: unknown[] }> = [];
    const directive = (
      id: string,
      commands: Array<{ type: DirectiveCommand['type']; data: object; on: string }>,
    ) => {
      let state: DirectiveState = initialDirectiveState;
      const events = [];
      for (const { on, ...command } of commands) {
        const parsed = parseDirectiveCommand({
          ...command,
          meta: {
            actor: { userId: 'u', roles: ['tracker'], agency: 'UBND-TINH' },
            occurredOn: on,
            receivedAt: '2031-01-01T00:00:00Z',
          },
        });
        if (isDomainError(parsed)) throw new Error(parsed.message);
        const decision = decideDirective(parsed, state);
        if (isDomainError(decision)) throw new Error(decision.message);
        events.push(...decision);
        state = decision.reduce(evolveDirective, state);
      }
      writes.push({
        streamId: `directive-${id}`,
        events: events.map((e) => ({
          ...e,
          metadata: { actor: 'u', agency: null, correlationId: 'c', causationId: null },
        })),
      });
      return state;
    };
    directive('d1', [
      {
        type: 'RegisterDirective',
        data: {
          directiveId: 'd1',
          reference: '24/CTr-UBND',
          issuedOn: '2024-01-19',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Chương trình công tác năm 2024',
        },
        on: '2024-01-19',
      },
      {
        type: 'CorrectDirectiveDetails',
        data: { title: 'Chương trình khung năm 2024' },
        on: '2024-01-20',
      },
    ]);
    directive('d2', [
      {
        type: 'RegisterDirective',
        data: {
          directiveId: 'd2',
          reference: '32/KH-UBND',
          issuedOn: '2021-02-02',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Kế hoạch IPv6',
        },
        on: '2021-02-02',
      },
      { type: 'RevokeDirective', data: { reason: 'Thay thế' }, on: '2021-03-01' },
    ]);
    const results = await stores.eventStore.appendMany(writes as never);
    const runner = new ProjectionRunner(directiveListProjection, stores.domain, {
      batchSize: 1,
    }).start();
    await runner.waitFor(Math.max(...results.map((r) => r.lastPosition)));
    await runner.stop();

    const directives = stores.readStore.documents<DirectiveState>('directives');
    expect(await directives.count()).toBe(2);
    const d1 = await directives.get('d1');
    expect(d1).toMatchObject({
      status: 'active',
      title: 'Chương trình khung năm 2024',
      programmeYear: 2024,
      kind: 'programme',
    });
    const byText = await directives.find({ where: { search: { like: '%ke hoach%' } } });
    expect(byText.map((d) => d.id)).toEqual(['d2']);
    expect((await directives.find({ where: { status: 'revoked' } })).map((d) => d.id)).toEqual([
      'd2',
    ]);
    expect(
      (
        await directives.find({ where: { reference_text: '24/CTr-UBND', programme_year: 2024 } })
      ).map((d) => d.id),
    ).toEqual(['d1']);
    expect(
      (await directives.find({ orderBy: [{ column: 'sort_key', direction: 'desc' }] })).map(
        (d) => d.id,
      ),
    ).toEqual(['d1', 'd2']);
    expect(
      (
        await directives.find({ where: { issued_on: { gte: '2024-01-01' }, kind: 'programme' } })
      ).map((d) => d.id),
    ).toEqual(['d1']);
  });
});
