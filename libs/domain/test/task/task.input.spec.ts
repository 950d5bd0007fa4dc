/**
 * A task command as the API, the CLI and imports hand it to the domain: parsed, checked against
 * the permission table and the agencies' register, then decided; and a document's tasks
 * assigned all at once.
 */
import type { AgencyRegister } from '../../src/access/task-command-access';
import type { Actor } from '../../src/shared/actor';
import type { CommandInput } from '../../src/shared/command';
import { isDomainError } from '../../src/shared/domain-error';
import { STREAMS } from '../../src/streams';
import {
  decideTaskAssignments,
  decideTaskInput,
  parseAssignTasks,
  parseTaskCommand,
  taskDecider,
  type TaskCommandType,
} from '../../src/task';
import { foldDirective, parseDirectiveCommand, decideDirective } from '../../src/directive';
import { actor, scope } from '../access/two-provinces.fixture';
import { RECEIVED_AT, expectOk, expectRefused, run } from './task.fixtures';

const register: AgencyRegister = {
  get: (code) =>
    ['UBND-TINH', 'SO-TTTT', 'SO-TC', 'PHONG-CNTT', 'UBND-KHAC', 'SO-X'].includes(code)
      ? { active: true }
      : code === 'SO-CU'
        ? { active: false }
        : undefined,
  isSameOrBelow: (code, ancestor) => scope.isSameOrBelow(code, ancestor),
};

const TRACKER = actor('u-vp', ['tracker'], 'UBND-TINH');
const STAFF = actor('u-stttt', ['staff'], 'SO-TTTT');
const OTHER_STAFF = actor('u-stc', ['staff'], 'SO-TC');

const input = <T extends TaskCommandType>(
  type: T,
  data: object,
  who: Actor,
  occurredOn = '2024-02-01',
): CommandInput<T> => ({ type, data, meta: { actor: who, occurredOn, receivedAt: RECEIVED_AT } });

const assigned = () =>
  run(taskDecider.initialState, {
    type: 'AssignTask',
    data: {
      taskId: 't1',
      directiveId: 'd1',
      directiveReference: '24/CTr-UBND',
      assigningAgency: 'UBND-TINH',
      title: 'Kế hoạch chuyển đổi IPv6',
      leadAgency: 'SO-TTTT',
      supportAgencies: ['SO-TC'],
      deadline: '2024-03-31',
      keyTask: false,
      leaderInCharge: null,
    },
    meta: { actor: TRACKER, occurredOn: '2024-01-19', receivedAt: RECEIVED_AT },
  });
const received = () => run(assigned(), input('ReceiveTask', {}, STAFF, '2024-01-22'));
const reported = () =>
  run(
    received(),
    input('ReportTaskProgress', { agency: 'SO-TTTT', percent: 20, note: 'Dự thảo' }, STAFF),
  );

describe('parseTaskCommand', () => {
  it('names the field as the form labels it', () => {
    const refused = expectRefused(
      parseTaskCommand(input('ReassignTask', { leadAgency: '  ', reason: 'x' }, TRACKER)) as never,
      'invalid_field',
    );
    expect(refused.messageVi).toBe('Trường "Đơn vị chủ trì" không hợp lệ: bắt buộc phải nhập.');
    expect(refused.details).toEqual({ field: 'leadAgency' });
    expect(refused.kind).toBe('invalid_input');
  });

  it('refuses a command of no known type, and a meta the edge did not build', () => {
    expectRefused(parseTaskCommand({ type: 'DeleteTask', meta: {} }) as never, 'unknown_command');
    expectRefused(parseTaskCommand('ReceiveTask') as never, 'unknown_command');
    const noActor = {
      type: 'ReceiveTask',
      meta: { occurredOn: '2024-02-01', receivedAt: RECEIVED_AT },
    };
    expectRefused(parseTaskCommand(noActor) as never, 'invalid_command');
  });

  it('trims text, defaults what the form may omit, and keeps ids as given', () => {
    const parsed = parseTaskCommand(
      input('ReportTaskProgress', { agency: 'SO-TTTT', percent: 40, note: '  Đã xong  ' }, STAFF),
    );
    expect(parsed).toMatchObject({
      data: { agency: 'SO-TTTT', percent: 40, note: 'Đã xong', documents: [] },
    });
  });
});

describe('decideTaskInput: what a clerk is told first', () => {
  it('appends what the permission table and the rules allow', () => {
    const events = expectOk(
      decideTaskInput(
        input('RefuseTask', { reason: 'Không thuộc chức năng' }, STAFF),
        assigned(),
        register,
      ),
    );
    expect(events.map((event) => event.type)).toEqual(['TaskRefused']);
  });

  it('says "not yours" before anything about the form', () => {
    const refusal = decideTaskInput(
      input('RefuseTask', { reason: '   ' }, OTHER_STAFF),
      assigned(),
      register,
    );
    expectRefused(refusal, 'forbidden');
    const admin = actor('u-admin', ['admin'], null);
    expectRefused(
      decideTaskInput(
        input('ReportTaskProgress', { agency: '', percent: 5, note: 'x' }, admin),
        received(),
        register,
      ),
      'forbidden',
    );
  });

  it('says what the task’s state refuses before what the form gets wrong', () => {
    expectRefused(
      decideTaskInput(input('RefuseTask', { reason: '   ' }, STAFF), reported(), register),
      'progress_already_reported',
    );
    expectRefused(
      decideTaskInput(
        input('ReportCompletion', { completedOn: 'hôm qua' }, STAFF),
        assigned(),
        register,
      ),
      'task_not_received',
    );
  });

  it('reports the form once nothing else stands in the way', () => {
    expectRefused(
      decideTaskInput(input('RefuseTask', { reason: '   ' }, STAFF), assigned(), register),
      'reason_required',
    );
  });

  it('refuses a task that does not exist, and a reassignment to an agency not registered', () => {
    expectRefused(
      decideTaskInput(input('ReceiveTask', {}, STAFF), taskDecider.initialState, register),
      'task_not_found',
    );
    expectRefused(
      decideTaskInput(
        input('ReassignTask', { leadAgency: 'SO-MOI', reason: 'x' }, TRACKER),
        received(),
        register,
      ),
      'agency_not_found',
    );
    expectRefused(
      decideTaskInput(
        input('ReassignTask', { leadAgency: 'SO-X', reason: 'x' }, TRACKER),
        received(),
        register,
      ),
      'forbidden',
    );
  });
});

describe('decideTaskAssignments: a document gives its tasks all at once', () => {
  const directive = () => {
    const command = parseDirectiveCommand({
      type: 'RegisterDirective',
      data: {
        directiveId: 'd1',
        reference: '24/CTr-UBND',
        issuedOn: '2024-01-19',
        issuer: 'UBND tỉnh',
        title: 'Chương trình công tác năm 2024',
      },
      meta: { actor: TRACKER, occurredOn: '2024-01-19', receivedAt: RECEIVED_AT },
    });
    if (isDomainError(command)) throw new Error(command.message);
    const events = decideDirective(command, foldDirective([]));
    if (isDomainError(events)) throw new Error(events.message);
    return foldDirective(events);
  };
  const task = (taskId: string, extra: object = {}) => ({
    taskId,
    title: `Nhiệm vụ ${taskId}`,
    leadAgency: 'SO-TTTT',
    supportAgencies: [],
    deadline: null,
    keyTask: false,
    leaderInCharge: null,
    ...extra,
  });
  const assign = (tasks: object[], occurredOn = '2024-01-20') => {
    const command = parseAssignTasks({
      type: 'AssignTasks',
      data: { directiveId: 'd1', tasks },
      meta: { actor: TRACKER, occurredOn, receivedAt: RECEIVED_AT },
    });
    if (isDomainError(command)) return command;
    return decideTaskAssignments(command, directive(), register);
  };

  it('decides one stream per task, from the directive’s number and assigning body', () => {
    const assignments = assign([task('t1'), task('t2', { occurredOn: '2024-01-19' })]);
    if (isDomainError(assignments)) throw new Error(assignments.message);
    expect(assignments.map(({ taskId }) => STREAMS.task.of(taskId))).toEqual([
      'task-t1',
      'task-t2',
    ]);
    expect(assignments[1].events[0]).toMatchObject({
      occurredOn: '2024-01-19',
      data: { directiveReference: '24/CTr-UBND', assigningAgency: 'UBND-TINH', directiveId: 'd1' },
    });
  });

  it.each<[string, object[], string, string]>([
    ['a duplicate task id', [task('t1'), task('t1')], 'task_id_duplicate', 'Nhiệm vụ thứ 2: '],
    [
      'a date before the document',
      [task('t1', { occurredOn: '2024-01-18' })],
      'date_before_issue',
      'Ngày giao',
    ],
    [
      'an agency not registered',
      [task('t1'), task('t2', { leadAgency: 'SO-MOI' })],
      'agency_not_found',
      'Nhiệm vụ thứ 2: ',
    ],
    [
      'an agency of another province',
      [task('t1', { leadAgency: 'SO-X' }), task('t2')],
      'forbidden',
      'Nhiệm vụ thứ 1: ',
    ],
    [
      'a blank title',
      [task('t1'), task('t2', { title: '  ' })],
      'title_required',
      'Nhiệm vụ thứ 2: ',
    ],
    [
      'a title of zero-width spaces',
      [task('t1', { title: '\u200b\u200b' })],
      'title_required',
      'Chưa nhập nội dung',
    ],
    [
      'ids differing only in case',
      [task('T-1'), task('t-1')],
      'task_id_duplicate',
      'Nhiệm vụ thứ 2: ',
    ],
    [
      'a title with a control character',
      [task('t1'), task('t2', { title: 'Kế hoạch\u0007' })],
      'invalid_text',
      'Nhiệm vụ thứ 2: Trường "Nội dung nhiệm vụ" có ký tự điều khiển (U+0007',
    ],
    [
      'a deadline of 9999-12-31',
      [task('t1', { deadline: '9999-12-31' })],
      'date_out_of_range',
      'Trường "Thời hạn": ngày 31/12/9999 quá xa',
    ],
  ])('refuses them all for %s, naming the task', (_what, tasks, code, startsVi) => {
    const refused = expectRefused(assign(tasks) as never, code);
    expect(refused.messageVi.startsWith(startsVi)).toBe(true);
  });

  it('prints the dates of a refusal as a clerk reads them', () => {
    const refused = expectRefused(
      assign([task('t1', { occurredOn: '2024-01-18' })]) as never,
      'date_before_issue',
    );
    expect(refused.messageVi).toBe(
      'Ngày giao nhiệm vụ (18/01/2024) không được trước ngày ban hành văn bản (19/01/2024).',
    );
  });
});
