import type { DomainEvent } from '../../src/shared/domain-event';
import {
  createStatsAccumulator,
  foldTaskTimeline,
  type StatsOptions,
  type TaskTimeline,
} from '../../src/statistics';
import {
  foldTask,
  initialTaskState,
  type AssignTaskData,
  type TaskEvent,
  type TaskState,
} from '../../src/task';
import {
  assignData,
  command,
  expectOk,
  decide,
  type TaskCommandInput,
} from '../task/task.fixtures';

const LATER = '2025-12-31T03:00:00Z';

interface Life {
  readonly id: string;
  readonly assignedOn: string;
  readonly deadline: string | null;
  readonly data?: Partial<AssignTaskData>;
  /** Received the next day; then, if given, completed (work date), reported and confirmed. */
  readonly done?: { readonly on: string; readonly reported: string; readonly confirmed: string };
}

/** One task driven through decideTask and folded into its timeline. */
function timeline(life: Life): TaskTimeline {
  const cmds: TaskCommandInput[] = [
    command(
      'AssignTask',
      { ...assignData, taskId: life.id, deadline: life.deadline, ...life.data },
      life.assignedOn,
      LATER,
    ),
    command('ReceiveTask', {}, life.assignedOn, LATER),
  ];
  if (life.done) {
    const { on, reported, confirmed } = life.done;
    const data = { completedOn: on, resultDocument: `1/BC-UBND` };
    cmds.push(command('ReportCompletion', data, reported, LATER));
    cmds.push(command('ConfirmCompletion', {}, confirmed, LATER));
  }
  const log: DomainEvent[] = [];
  let state: TaskState = initialTaskState;
  for (const cmd of cmds) {
    const events: TaskEvent[] = expectOk(decide(cmd, state));
    log.push(...events);
    state = foldTask(events, state);
  }
  return foldTaskTimeline(log) as TaskTimeline;
}

function statsOf(options: StatsOptions, timelines: Iterable<TaskTimeline>) {
  const acc = createStatsAccumulator(options);
  for (const t of timelines) acc.add(t);
  return acc.result();
}

describe('Hà Tĩnh, Sở TT&TT, 2024: 27 tasks, 27/27 done as of 27/5/2024', () => {
  const tasks = Array.from({ length: 27 }, (_, i) => {
    const assignedOn =
      i === 0 ? '2024-01-19' : `2024-0${1 + (i % 4)}-${String(2 + i).padStart(2, '0')}`;
    return timeline({
      id: `ht-2024-${i + 1}`,
      assignedOn,
      // Some tasks are regular ones with no deadline (thường xuyên).
      deadline: i % 5 === 4 ? null : '2024-05-31',
      data: { directiveReference: i === 0 ? '24/CTr-UBND' : `${100 + i}/UBND-VX1` },
      done: { on: '2024-05-15', reported: '2024-05-16', confirmed: '2024-05-20' },
    });
  });
  const { scope } = statsOf({ asOf: '2024-05-27' }, tasks);

  it('reads "hoàn thành 27/27 nhiệm vụ, đạt 100%"', () => {
    expect(scope.total).toBe(27);
    expect(scope.done.total).toBe(27);
    expect(scope.notDone.total).toBe(0);
    expect(scope.rates.doneOfAssigned).toEqual({
      numerator: 27,
      denominator: 27,
      percent: 100,
      display: '100%',
    });
    expect(scope.summaryVi).toContain('hoàn thành 27/27 nhiệm vụ, đạt 100%');
    expect(scope.summaryVi).toBe('Tiếp nhận 27 nhiệm vụ; hoàn thành 27/27 nhiệm vụ, đạt 100%');
  });

  it('says "100%" for on time of done, leaving the tasks with no deadline out of it', () => {
    expect(scope.done).toEqual({ total: 27, onTime: 22, late: 0, noDeadline: 5 });
    expect(scope.rates.onTimeOfDone).toMatchObject({ numerator: 22, denominator: 22 });
    expect(scope.rates.doneOfDue.display).toBe('100%');
  });

  it('shows the same tasks as unfinished at the mid-May cut-off', () => {
    const mid = statsOf({ asOf: '2024-05-19' }, tasks).scope;
    expect(mid.done.total).toBe(0);
    expect(mid.notDone).toEqual({
      total: 27,
      withinDeadline: 22,
      overdue: 0,
      noDeadline: 5,
      awaitingConfirmation: 27,
    });
    expect(mid.summaryVi).toBe('Tiếp nhận 27 nhiệm vụ; hoàn thành 0/27 nhiệm vụ, đạt 0%');
  });
});

describe('Hà Tĩnh, Sở TT&TT, 2021: programme 04/CTr-UBND gave 3 tasks', () => {
  // DOMAIN.md dates the programme 06/01/2020; the year does not change the count.
  const programme = { directiveId: 'ctr-04-2021', directiveReference: '04/CTr-UBND' };
  const tasks = [
    timeline({
      id: 'ipv6',
      assignedOn: '2020-01-06',
      deadline: '2021-03-31',
      data: { ...programme, title: 'Kế hoạch chuyển đổi IPv6' },
      done: { on: '2021-02-02', reported: '2021-02-03', confirmed: '2021-02-05' }, // 32/KH-UBND
    }),
    timeline({
      id: 'digital-government',
      assignedOn: '2020-01-06',
      deadline: '2021-06-30',
      data: { ...programme, title: 'Nghị quyết chuyên đề về chính quyền số' },
      done: { on: '2021-06-25', reported: '2021-06-25', confirmed: '2021-06-28' },
    }),
    timeline({
      id: 'amend-56-2016',
      assignedOn: '2020-01-06',
      deadline: '2021-09-30',
      data: { ...programme, title: 'Sửa đổi Quyết định 56/2016/QĐ-UBND' },
      done: { on: '2021-09-20', reported: '2021-09-21', confirmed: '2021-09-24' },
    }),
  ];

  it('reads "hoàn thành 3/3", all on time', () => {
    const result = statsOf({ asOf: '2021-12-14', groupBy: 'directive' }, tasks);
    expect(result.scope.summaryVi).toBe('Tiếp nhận 3 nhiệm vụ; hoàn thành 3/3 nhiệm vụ, đạt 100%');
    expect(result.scope.rates.onTimeOfDone.display).toBe('100%');
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({ key: 'ctr-04-2021', label: '04/CTr-UBND' });
    expect(result.groups[0].stats.summaryVi).toContain('hoàn thành 3/3');
  });
});

describe('Government tracking office, 2017, to 25/12/2017', () => {
  // Synthetic timelines with the reported counts: 21.914 tasks, 14.068 on time, 1.983 late,
  // 5.640 within deadline, 223 overdue (200 of them long overdue). Streamed, never held.
  function* tasks2017(): Generator<TaskTimeline> {
    const agencies = ['BO-TC', 'BO-KHDT', 'BO-CT'];
    const lives: Array<[number, (i: number) => Omit<Life, 'id'>]> = [
      [14068, () => ({ assignedOn: '2017-02-06', deadline: '2017-06-30', done: d('2017-06-20') })],
      [1983, () => ({ assignedOn: '2017-02-06', deadline: '2017-03-31', done: d('2017-05-02') })],
      [5640, () => ({ assignedOn: '2017-10-02', deadline: '2018-03-31' })],
      [23, () => ({ assignedOn: '2017-09-04', deadline: '2017-12-01' })],
      [200, () => ({ assignedOn: '2017-03-01', deadline: '2017-08-01' })],
    ];
    let n = 0;
    for (const [count, life] of lives) {
      for (let i = 0; i < count; i += 1, n += 1) {
        const data = { leadAgency: agencies[n % 3], supportAgencies: [] };
        yield timeline({ id: `cp-2017-${n}`, ...life(i), data });
      }
    }
  }
  const d = (on: string) => ({ on, reported: on, confirmed: on });
  const result = statsOf({ asOf: '2017-12-25', groupBy: 'agency' }, tasks2017());
  const { scope } = result;

  it('counts as the report does', () => {
    expect(scope.total).toBe(21914);
    expect(scope.done).toEqual({ total: 16051, onTime: 14068, late: 1983, noDeadline: 0 });
    expect(scope.notDone).toEqual({
      total: 5863,
      withinDeadline: 5640,
      overdue: 223,
      noDeadline: 0,
      awaitingConfirmation: 0,
    });
    expect(scope.overdueOver30Days).toBe(200);
    expect(scope.overdueOver120Days).toBe(200);
  });

  it('cuts the rates: 98,62% of due tasks, 73,24% of assigned, 87,64% on time', () => {
    // 16051/16274 = 0.986297…, 16051/21914 = 0.732454…, 14068/16051 = 0.876456…
    expect(scope.rates.doneOfDue).toEqual({
      numerator: 16051,
      denominator: 16274,
      percent: 98.62,
      display: '98,62%',
    });
    expect(scope.rates.doneOfAssigned).toMatchObject({ percent: 73.24, display: '73,24%' });
    expect(scope.rates.onTimeOfDone).toMatchObject({
      numerator: 14068,
      denominator: 16051,
      percent: 87.64,
      display: '87,64%',
    });
  });

  it('writes the summary with thousands dots and the late and overdue parts', () => {
    expect(scope.summaryVi).toBe(
      'Tiếp nhận 21.914 nhiệm vụ; hoàn thành 16.051/21.914 nhiệm vụ, đạt 73,24%; ' +
        '1.983 nhiệm vụ hoàn thành quá hạn; 223 nhiệm vụ quá hạn chưa hoàn thành; ' +
        'nhiệm vụ đến hạn đã hoàn thành đạt 98,62%',
    );
  });

  it('splits by the lead agency, sorted by key, adding up to the scope', () => {
    expect(result.groups.map((g) => g.key)).toEqual(['BO-CT', 'BO-KHDT', 'BO-TC']);
    const sum = result.groups.reduce((s, g) => s + g.stats.total, 0);
    expect(sum).toBe(21914);
  });
});

describe('createStatsAccumulator', () => {
  const base = { assignedOn: '2024-01-19', deadline: '2024-03-31' };
  const tasks = [
    timeline({ id: 'a', ...base, data: { leaderInCharge: null } }),
    timeline({ id: 'b', ...base, data: { leaderInCharge: 'Chủ tịch' } }),
    timeline({ id: 'c', ...base, assignedOn: '2024-02-05', data: { keyTask: false } }),
    timeline({ id: 'd', ...base, assignedOn: '2024-05-05', deadline: null }),
  ];

  it('groups by leader in charge, naming the unknown one', () => {
    const { groups } = statsOf({ asOf: '2024-04-10', groupBy: 'leader' }, tasks);
    expect(groups.map((g) => [g.key, g.stats.total])).toEqual([
      ['Chủ tịch', 1],
      ['Phó Chủ tịch UBND tỉnh', 1],
      ['không xác định', 1],
    ]);
  });

  it('groups by month of assignment', () => {
    const { groups } = statsOf({ asOf: '2024-06-30', groupBy: 'month' }, tasks);
    expect(groups.map((g) => [g.key, g.label, g.stats.total])).toEqual([
      ['2024-01', '2024-01', 2],
      ['2024-02', '2024-02', 1],
      ['2024-05', '2024-05', 1],
    ]);
  });

  it('takes a custom grouping and a scope filter', () => {
    const result = statsOf(
      {
        asOf: '2024-04-10',
        groupKeyOf: (t) =>
          t.keyTask ? { key: 'key', label: 'Nhiệm vụ trọng tâm' } : { key: 'other', label: 'Khác' },
        include: (_t, c) => c.class === 'not_done_overdue',
      },
      tasks,
    );
    expect(result.groupBy).toBe('custom');
    expect(result.scope.total).toBe(3);
    expect(result.groups.map((g) => [g.label, g.stats.total])).toEqual([
      ['Nhiệm vụ trọng tâm', 2],
      ['Khác', 1],
    ]);
    expect(result.scope.summaryVi).toBe(
      'Tiếp nhận 3 nhiệm vụ; hoàn thành 0/3 nhiệm vụ, đạt 0%; ' +
        '3 nhiệm vụ quá hạn chưa hoàn thành; nhiệm vụ đến hạn đã hoàn thành đạt 0%',
    );
  });

  it('shows a dash for rates with nothing to divide by', () => {
    const { scope, groups } = statsOf({ asOf: '2023-12-31', groupBy: 'agency' }, tasks);
    expect(scope.total).toBe(0);
    expect(groups).toEqual([]);
    expect(scope.rates.doneOfAssigned).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
      display: '—',
    });
    expect(scope.summaryVi).toBe('Tiếp nhận 0 nhiệm vụ');
  });

  it('returns what it counted, and refuses a malformed cut-off', () => {
    const acc = createStatsAccumulator({ asOf: '2024-01-18' });
    expect(acc.add(tasks[0])).toBeNull();
    expect(() => createStatsAccumulator({ asOf: '2024-02-30' })).toThrow();
    expect(() => createStatsAccumulator({ asOf: '30/01/2024' })).toThrow();
  });
});
