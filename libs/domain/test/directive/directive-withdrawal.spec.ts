import type { Actor } from '../../src/shared/actor';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import {
  decideDirective,
  directiveReservation,
  directiveReservationRelease,
  foldDirective,
  initialDirectiveState,
  parseDirectiveCommand,
  reservationExpectation,
  type DirectiveState,
} from '../../src/directive';
import { decideTaskAssignments, parseAssignTasks } from '../../src/task/task-assignments';
import type { AgencyRegister } from '../../src/access/task-command-access';

const RECEIVED_AT = '2024-05-27T03:00:00Z';
const LEADER: Actor = { userId: 'u-1', roles: ['leader'], agency: 'UBND-TINH' };
const meta = { actor: LEADER, occurredOn: '2024-05-27', receivedAt: RECEIVED_AT };

function decide(type: string, data: Record<string, unknown>, state: DirectiveState) {
  const command = parseDirectiveCommand({ type, data, meta });
  return command instanceof DomainError ? command : decideDirective(command, state);
}

const registrationEvents = () =>
  expectEvents(decide('RegisterDirective', registeredData(), initialDirectiveState));
const registered = (): DirectiveState => foldDirective(registrationEvents());

const withdraw = (state: DirectiveState, openTasks = 0) =>
  decide('WithdrawDirective', { reason: 'Nhập nhầm', openTasks }, state);

describe('WithdrawDirective', () => {
  it('records the withdrawal with its reason and leaves the directive withdrawn', () => {
    const events = expectEvents(withdraw(registered()));
    expect(events).toEqual([
      {
        type: 'DirectiveWithdrawn',
        schemaVersion: 1,
        data: { directiveId: 'd-1', reason: 'Nhập nhầm' },
        occurredOn: '2024-05-27',
      },
    ]);
    const state = foldDirective([...registrationEvents(), ...events]);
    expect(state.status).toBe('withdrawn');
  });

  it('is refused while the directive has open tasks, saying how many in Vietnamese', () => {
    const refusal = withdraw(registered(), 2) as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.code).toBe('directive_has_tasks');
    expect(refusal.kind).toBe('rule_refused');
    expect(refusal.messageVi).toContain('còn 2 nhiệm vụ');
  });

  it('needs a reason', () => {
    const refusal = decide('WithdrawDirective', { reason: '  ', openTasks: 0 }, registered());
    expect((refusal as DomainError).code).toBe('reason_required');
  });

  it('applies to a revoked directive (a squatter cannot keep the number by revoking)', () => {
    const revoked = foldDirective([
      ...registrationEvents(),
      ...expectEvents(decide('RevokeDirective', { reason: 'Thu hồi' }, registered())),
    ]);
    expect(revoked.status).toBe('revoked');
    expect(expectEvents(withdraw(revoked))[0].type).toBe('DirectiveWithdrawn');
  });

  it('is final: no correction, revocation, second withdrawal or assignment afterwards', () => {
    const withdrawn = foldDirective([
      ...registrationEvents(),
      ...expectEvents(withdraw(registered())),
    ]);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.withdrawnReason).toBe('Nhập nhầm');
    for (const [type, data] of [
      ['CorrectDirectiveDetails', { title: 'Khác' }],
      ['RevokeDirective', { reason: 'Thu hồi' }],
      ['WithdrawDirective', { reason: 'Lần nữa', openTasks: 0 }],
    ] as const) {
      expect((decide(type, data, withdrawn) as DomainError).code).toBe('directive_withdrawn');
    }
    const assign = parseAssignTasks({
      type: 'AssignTasks',
      data: {
        directiveId: 'd-1',
        tasks: [
          {
            taskId: 't-1',
            title: 'Việc',
            leadAgency: 'STTTT',
            supportAgencies: [],
            deadline: null,
            keyTask: false,
            leaderInCharge: null,
          },
        ],
      },
      meta,
    });
    if (assign instanceof DomainError) throw new Error(assign.message);
    const register: AgencyRegister = {
      get: () => ({ active: true }),
      isSameOrBelow: () => true,
    };
    const refusal = decideTaskAssignments(assign, withdrawn, register) as DomainError;
    expect(refusal.code).toBe('directive_withdrawn');
  });
});

describe('the number reservation', () => {
  it('is released on the stream that reserved it', () => {
    const state = registered();
    const reserved = directiveReservation(state, '2024-05-27');
    const released = directiveReservationRelease(state, '2024-05-28');
    expect(released.streamId).toBe(reserved.streamId);
    expect(released.event).toEqual({
      type: 'DirectiveReferenceReleased',
      schemaVersion: 1,
      data: { documentKey: state.documentKey, directiveId: 'd-1' },
      occurredOn: '2024-05-28',
    });
  });

  it.each([
    [[], 'no_stream'],
    [['DirectiveReferenceReserved'], 'taken'],
    [['DirectiveReferenceReserved', 'DirectiveReferenceReleased'], 2],
    [
      ['DirectiveReferenceReserved', 'DirectiveReferenceReleased', 'DirectiveReferenceReserved'],
      'taken',
    ],
  ])('after %j a registration expects %s', (types, expected) => {
    expect(reservationExpectation(types)).toBe(expected);
  });
});

function registeredData() {
  return {
    directiveId: 'd-1',
    reference: '24/CTr-UBND',
    issuedOn: '2024-01-19',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Chương trình công tác năm 2024',
  };
}
