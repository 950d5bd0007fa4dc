import {
  decideDeliveryOutcome,
  decideMarkRead,
  decideQueueMessage,
  evolveReminderMessage,
  initialReminderMessageState,
  isDomainError,
  type CalendarDate,
  type Decision,
  type ReminderMessageEvent,
  type ReminderMessageState,
} from '../../src';

const on = '2027-02-08' as CalendarDate;
const queued = {
  messageId: 'm-1',
  runId: 'run-1',
  userId: 'u-1',
  channel: 'email' as const,
  address: 'canbo@stc.chidao.test',
  subject: 'Nhắc việc ngày 08/02/2027',
  text: '1. Nhiệm vụ quá hạn 8 ngày.',
  taskIds: ['t-1'],
};

function apply(state: ReminderMessageState, decision: Decision<ReminderMessageEvent>) {
  if (isDomainError(decision)) throw new Error(decision.code);
  return decision.reduce(evolveReminderMessage, state);
}
const code = (decision: Decision<ReminderMessageEvent>) =>
  isDomainError(decision) ? decision.code : 'accepted';

describe('a reminder message: queued once, then one outcome per attempt until delivered or given up', () => {
  it('is queued once', () => {
    const state = apply(
      initialReminderMessageState,
      decideQueueMessage(initialReminderMessageState, queued, on),
    );
    expect(state).toEqual({
      status: 'queued',
      messageId: 'm-1',
      userId: 'u-1',
      channel: 'email',
      readOn: null,
      attempts: 0,
      nextAttemptAt: null,
    });
    expect(code(decideQueueMessage(state, queued, on))).toBe('message_already_queued');
  });

  it('counts attempts: failed with a retry time, then delivered; nothing after delivery', () => {
    let state = apply(
      initialReminderMessageState,
      decideQueueMessage(initialReminderMessageState, queued, on),
    );
    const retryAt = '2027-02-08T03:05:00.000Z';
    const failed = decideDeliveryOutcome(
      state,
      { delivered: false, reason: '451 tạm lỗi', nextAttemptAt: retryAt },
      on,
    );
    expect(failed).toEqual([
      {
        type: 'ReminderMessageFailed',
        schemaVersion: 1,
        data: { messageId: 'm-1', attempt: 1, reason: '451 tạm lỗi', nextAttemptAt: retryAt },
        occurredOn: on,
      },
    ]);
    state = apply(state, failed);
    expect(state).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: retryAt });
    state = apply(state, decideDeliveryOutcome(state, { delivered: true }, on));
    expect(state).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null });
    // A second worker that also sent it records nothing more.
    expect(code(decideDeliveryOutcome(state, { delivered: true }, on))).toBe('message_not_waiting');
  });

  it('gives up on a failure with no next attempt, and keeps a long reason short', () => {
    let state = apply(
      initialReminderMessageState,
      decideQueueMessage(initialReminderMessageState, queued, on),
    );
    const decision = decideDeliveryOutcome(
      state,
      { delivered: false, reason: '550 '.padEnd(2000, 'x'), nextAttemptAt: null },
      on,
    );
    expect(
      isDomainError(decision) ? 0 : (decision[0].data as { reason: string }).reason.length,
    ).toBe(500);
    state = apply(state, decision);
    expect(state.status).toBe('given_up');
    expect(code(decideDeliveryOutcome(state, { delivered: true }, on))).toBe('message_not_waiting');
    expect(code(decideDeliveryOutcome(initialReminderMessageState, { delivered: true }, on))).toBe(
      'message_not_waiting',
    );
  });

  it('is marked read in the app by its recipient only, once', () => {
    const inApp = { ...queued, channel: 'in_app' as const, address: null };
    const state = apply(
      initialReminderMessageState,
      decideQueueMessage(initialReminderMessageState, inApp, on),
    );
    expect(code(decideMarkRead(state, 'u-2', on))).toBe('notification_not_found');
    const read = apply(state, decideMarkRead(state, 'u-1', on));
    expect(read).toMatchObject({ readOn: on });
    expect(decideMarkRead(read, 'u-1', on)).toEqual([]);
    const byMail = apply(
      initialReminderMessageState,
      decideQueueMessage(initialReminderMessageState, queued, on),
    );
    expect(code(decideMarkRead(byMail, 'u-1', on))).toBe('notification_not_found');
  });
});
