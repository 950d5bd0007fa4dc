import { type ReportCompletionData } from '../../src/task';
import {
  assignedTask,
  awaitingTask,
  command,
  expectOk,
  expectRefused,
  onHoldTask,
  receivedTask,
  run,
  withPendingExtension,
  decide,
  type Input,
} from './task.fixtures';

const report = (data: Input<ReportCompletionData> = {}, on = '2024-03-20') =>
  command(
    'ReportCompletion',
    { completedOn: '2024-03-18', resultDocument: ' 32/KH-UBND ', note: ' Đã ban hành ', ...data },
    on,
  );
const confirm = (on = '2024-03-25') => command('ConfirmCompletion', {}, on);
const giveBack = (on = '2024-03-22', reason = 'Kế hoạch chưa có lộ trình cụ thể') =>
  command('ReturnCompletion', { reason }, on);

describe('ReportCompletion', () => {
  it('records the work date and result document; the task awaits confirmation', () => {
    expect(expectOk(decide(report(), receivedTask()))).toEqual([
      {
        type: 'TaskCompletionReported',
        schemaVersion: 1,
        occurredOn: '2024-03-20',
        data: {
          agency: 'STTTT',
          completedOn: '2024-03-18',
          resultDocument: '32/KH-UBND',
          note: 'Đã ban hành',
        },
      },
    ]);
    expect(run(receivedTask(), report())).toMatchObject({
      status: 'awaiting_confirmation',
      lastReportedOn: '2024-03-20',
      completion: {
        reportedOn: '2024-03-20',
        completedOn: '2024-03-18',
        resultDocument: '32/KH-UBND',
        confirmedOn: null,
      },
    });
  });

  it('accepts a report without note, work done on the assignment day or the report day', () => {
    const [event] = expectOk(decide(report({ note: undefined }), receivedTask()));
    expect(event.data).toMatchObject({ note: null });
    expectOk(decide(report({ completedOn: '2024-01-19' }), receivedTask()));
    expectOk(decide(report({ completedOn: '2024-03-20' }), receivedTask()));
  });

  it('leaves a pending deadline request pending', () => {
    const state = run(withPendingExtension(), report());
    expect(state).toMatchObject({ status: 'awaiting_confirmation', pendingRequestId: 'r-1' });
  });

  it.each([
    ['task_not_received', () => decide(report(), assignedTask())],
    ['completion_already_reported', () => decide(report({}, '2024-03-21'), awaitingTask())],
    ['task_on_hold', () => decide(report(), onHoldTask())],
    [
      'business_date_in_future',
      () => decide(report({ completedOn: '2024-07-01' }), receivedTask()),
    ],
    ['invalid_date', () => decide(report({ completedOn: '18/03/2024' }), receivedTask())],
    ['date_before_assignment', () => decide(report({ completedOn: '2024-01-18' }), receivedTask())],
    [
      'completion_after_report_date',
      () => decide(report({ completedOn: '2024-03-21' }), receivedTask()),
    ],
    ['result_document_required', () => decide(report({ resultDocument: ' ' }), receivedTask())],
    [
      'invalid_document_reference',
      () => decide(report({ resultDocument: 'Văn bản kết quả' }), receivedTask()),
    ],
    [
      'invalid_document_reference',
      () => decide(report({ resultDocument: 'KQ-1' }), receivedTask()),
    ],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});

describe('ReportCompletion: the result document', () => {
  it('is a document number and symbol, kept in its canonical spelling', () => {
    const [event] = expectOk(decide(report({ resultDocument: '32/kh-ubnd' }), receivedTask()));
    expect(event.data).toMatchObject({ resultDocument: '32/KH-UBND' });
  });

  it('names the field and the form a clerk must use when it is not one', () => {
    const refusal = expectRefused(
      decide(report({ resultDocument: 'Văn bản kết quả' }), receivedTask()),
      'invalid_document_reference',
    );
    expect(refusal.messageVi).toMatch(/^Văn bản kết quả: Số, ký hiệu văn bản/);
    expect(refusal.details).toMatchObject({ field: 'resultDocument' });
  });
});

describe('ConfirmCompletion', () => {
  it('confirms a completion done by the deadline as on time', () => {
    expect(expectOk(decide(confirm(), awaitingTask()))).toEqual([
      {
        type: 'TaskCompletionConfirmed',
        schemaVersion: 1,
        occurredOn: '2024-03-25',
        data: {
          completedOn: '2024-03-18',
          resultDocument: '32/KH-UBND',
          deadlineInForce: '2024-03-31',
          onTime: true,
        },
      },
    ]);
    expect(run(awaitingTask(), confirm())).toMatchObject({
      status: 'completed',
      closedOn: '2024-03-25',
      completion: {
        reportedOn: '2024-03-20',
        completedOn: '2024-03-18',
        resultDocument: '32/KH-UBND',
        confirmedOn: '2024-03-25',
      },
    });
  });

  it('counts work done on the deadline day as on time and the day after as late', () => {
    const onDeadline = run(receivedTask(), report({ completedOn: '2024-03-31' }, '2024-04-02'));
    expect(expectOk(decide(confirm('2024-04-03'), onDeadline))[0].data).toMatchObject({
      onTime: true,
    });
    const late = run(receivedTask(), report({ completedOn: '2024-04-01' }, '2024-04-02'));
    expect(expectOk(decide(confirm('2024-04-03'), late))[0].data).toMatchObject({
      onTime: false,
    });
  });

  it('judges against the deadline in force, not the original one', () => {
    const extended = run(
      withPendingExtension(),
      command('ApproveDeadlineChange', { requestId: 'r-1' }, '2024-03-05'),
      report({ completedOn: '2024-04-20' }, '2024-04-22'),
    );
    expect(expectOk(decide(confirm('2024-04-23'), extended))[0].data).toMatchObject({
      deadlineInForce: '2024-04-30',
      onTime: true,
    });
  });

  it('gives onTime null for a task without deadline', () => {
    const state = run(receivedTask({ deadline: null }), report());
    expect(expectOk(decide(confirm(), state))[0].data).toMatchObject({
      deadlineInForce: null,
      onTime: null,
    });
  });

  it.each([
    ['nothing_to_confirm', () => decide(confirm(), receivedTask())],
    ['nothing_to_confirm', () => decide(confirm(), assignedTask())],
    ['nothing_to_confirm', () => decide(confirm(), run(awaitingTask(), giveBack()))],
    ['request_pending', () => decide(confirm(), run(withPendingExtension(), report()))],
    ['date_before_completion_report', () => decide(confirm('2024-03-19'), awaitingTask())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });

  it('explains the refusal to the clerk in Vietnamese', () => {
    const refused = expectRefused(decide(confirm(), receivedTask()), 'nothing_to_confirm');
    expect(refused.messageVi).toBe('Nhiệm vụ chưa được báo cáo hoàn thành nên không thể xác nhận.');
  });
});

describe('ReturnCompletion', () => {
  it('returns the report; the task counts as not done and goes on', () => {
    expect(expectOk(decide(giveBack(), awaitingTask()))).toEqual([
      {
        type: 'TaskCompletionReturned',
        schemaVersion: 1,
        occurredOn: '2024-03-22',
        data: {
          reason: 'Kế hoạch chưa có lộ trình cụ thể',
          completedOn: '2024-03-18',
          resultDocument: '32/KH-UBND',
        },
      },
    ]);
    expect(run(awaitingTask(), giveBack())).toMatchObject({
      status: 'returned',
      completion: null,
      returnedCount: 1,
    });
  });

  it('lets the lead report completion again after a return', () => {
    const again = run(
      awaitingTask(),
      giveBack(),
      report({ completedOn: '2024-03-28' }, '2024-03-28'),
    );
    expect(again).toMatchObject({
      status: 'awaiting_confirmation',
      completion: { completedOn: '2024-03-28', reportedOn: '2024-03-28' },
    });
  });

  it('may return a report while a deadline request is pending', () => {
    expectOk(decide(giveBack('2024-03-22'), run(withPendingExtension(), report())));
  });

  it.each([
    ['nothing_to_return', () => decide(giveBack(), receivedTask())],
    ['nothing_to_return', () => decide(giveBack('2024-03-23'), run(awaitingTask(), giveBack()))],
    ['date_before_completion_report', () => decide(giveBack('2024-03-19'), awaitingTask())],
    ['reason_required', () => decide(giveBack('2024-03-22', ''), awaitingTask())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});
