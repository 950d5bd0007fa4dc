import { type ReportTaskProgressData } from '../../src/task';
import {
  assignedTask,
  awaitingTask,
  command,
  expectOk,
  expectRefused,
  onHoldTask,
  receivedTask,
  run,
  decide,
  type Input,
} from './task.fixtures';

const report = (data: Input<ReportTaskProgressData> = {}, on = '2024-02-15') =>
  command(
    'ReportTaskProgress',
    { agency: 'STTTT', percent: 60, note: ' Đã trình dự thảo kế hoạch ', ...data },
    on,
  );

describe('ReportTaskProgress', () => {
  it("records the lead agency's percent as the task's progress", () => {
    const cmd = report({ documents: ['123/STTTT-CNTT'] });
    expect(expectOk(decide(cmd, receivedTask()))).toEqual([
      {
        type: 'TaskProgressReported',
        schemaVersion: 1,
        occurredOn: '2024-02-15',
        data: {
          agency: 'STTTT',
          role: 'lead',
          percent: 60,
          note: 'Đã trình dự thảo kế hoạch',
          documents: ['123/STTTT-CNTT'],
        },
      },
    ]);
    expect(run(receivedTask(), cmd)).toMatchObject({
      progress: 60,
      lastReportedOn: '2024-02-15',
      supportProgress: {},
    });
  });

  it("records a supporting agency's part separately", () => {
    const cmd = report({ agency: 'STC', percent: 100 });
    const [event] = expectOk(decide(cmd, receivedTask()));
    expect(event.data).toMatchObject({ agency: 'STC', role: 'support', documents: [] });
    expect(run(receivedTask(), cmd)).toMatchObject({
      progress: null,
      lastReportedOn: null,
      supportProgress: { STC: 100 },
    });
  });

  it('lets supporting agencies report before the lead receives it and while awaiting confirmation', () => {
    expectOk(decide(report({ agency: 'SKHDT' }), assignedTask()));
    expectOk(decide(report({ agency: 'SKHDT' }, '2024-03-21'), awaitingTask()));
  });

  it('lets the lead report on a returned task', () => {
    const returned = run(
      awaitingTask(),
      command('ReturnCompletion', { reason: 'Thiếu số liệu' }, '2024-03-21'),
    );
    expect(run(returned, report({ percent: 90 }, '2024-03-25')).progress).toBe(90);
  });

  it.each([0, 100])('accepts %d percent', (percent) => {
    expectOk(decide(report({ percent }), receivedTask()));
  });

  it.each([
    ['invalid_progress', () => decide(report({ percent: 101 }), receivedTask())],
    ['invalid_progress', () => decide(report({ percent: -1 }), receivedTask())],
    ['invalid_progress', () => decide(report({ percent: 50.5 }), receivedTask())],
    [
      'invalid_progress',
      () => decide(report({ percent: '50' as unknown as number }), receivedTask()),
    ],
    ['agency_not_involved', () => decide(report({ agency: 'SYT' }), receivedTask())],
    ['task_not_received', () => decide(report(), assignedTask())],
    [
      'task_not_received',
      () =>
        decide(
          report(),
          run(assignedTask(), command('RefuseTask', { reason: 'Không đúng chức năng' })),
        ),
    ],
    ['completion_already_reported', () => decide(report({}, '2024-03-21'), awaitingTask())],
    ['task_on_hold', () => decide(report(), onHoldTask())],
    ['task_on_hold', () => decide(report({ agency: 'STC' }), onHoldTask())],
    ['note_required', () => decide(report({ note: '  ' }), receivedTask())],
    ['invalid_field', () => decide(report({ agency: '' }), receivedTask())],
    ['invalid_field', () => decide(report({ documents: [''] }), receivedTask())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});
