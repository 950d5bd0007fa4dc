import { createUpcasterRegistry } from '../../src/shared/upcasting';
import {
  EVENT_SCHEMA_VERSIONS,
  EVENT_UPCASTERS,
  EventDecodingError,
  toCurrentEvent,
  type ChidaoEventType,
} from '../../src/event-catalogue';
import { evolveTask, initialTaskState, type TaskEvent } from '../../src/task';
import { legacyCredentialId } from '../../src/user';
import { decide, expectOk, receivedTask, command } from '../task/task.fixtures';

const reassignedV1 = {
  type: 'TaskReassigned',
  schemaVersion: 1,
  occurredOn: '2024-01-25',
  data: {
    previousLeadAgency: 'STTTT',
    leadAgency: 'SKHDT',
    previousSupportAgencies: ['SKHDT', 'STC'],
    supportAgencies: ['STC'],
    reason: 'Giao Sở Kế hoạch và Đầu tư chủ trì',
  },
  position: 42,
  streamId: 'task-1',
};

describe('the event catalogue', () => {
  it('brings every type from version 1 to its current version through its upcasters', () => {
    const registry = createUpcasterRegistry();
    for (const upcaster of EVENT_UPCASTERS) registry.register(upcaster);
    for (const [type, version] of Object.entries(EVENT_SCHEMA_VERSIONS)) {
      expect({ type, reaches: registry.latestVersion(type, 1) }).toEqual({
        type,
        reaches: version,
      });
    }
  });

  it('upcasts a version-1 reassignment to version 2 and keeps the rest of the stored event', () => {
    expect(toCurrentEvent(reassignedV1)).toEqual({
      ...reassignedV1,
      schemaVersion: 2,
      data: {
        from: { leadAgency: 'STTTT', supportAgencies: ['SKHDT', 'STC'] },
        to: { leadAgency: 'SKHDT', supportAgencies: ['STC'] },
        reason: 'Giao Sở Kế hoạch và Đầu tư chủ trì',
      },
    });
    // The stored event is left as it was: its hash was computed over these bytes.
    expect(reassignedV1.data).toHaveProperty('previousLeadAgency', 'STTTT');
  });

  it('upcasts a version-1 UserPasswordSet to version 2 without its password hash', () => {
    const passwordSetV1 = {
      type: 'UserPasswordSet',
      schemaVersion: 1,
      occurredOn: '2024-01-25',
      data: { userId: 'u-1', passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==' },
      position: 7,
      streamId: 'user-u-1',
    };
    const upcast = toCurrentEvent(passwordSetV1);
    expect(upcast).toEqual({
      ...passwordSetV1,
      schemaVersion: 2,
      data: { userId: 'u-1', credentialId: legacyCredentialId('u-1') },
    });
    expect(JSON.stringify(upcast)).not.toContain('scrypt$');
  });

  it('folds an upcast version-1 reassignment to the state today’s decision gives', () => {
    const decided = expectOk(
      decide(
        command(
          'ReassignTask',
          { leadAgency: 'SKHDT', reason: 'Giao Sở Kế hoạch và Đầu tư chủ trì' },
          '2024-01-25',
        ),
        receivedTask(),
      ),
    );
    const upcast = toCurrentEvent(reassignedV1) as TaskEvent;
    expect(evolveTask(receivedTask(), upcast)).toEqual(decided.reduce(evolveTask, receivedTask()));
    expect(evolveTask(initialTaskState, upcast)).toEqual(initialTaskState);
  });

  it('hands back an event at its current version as it is', () => {
    const current = { type: 'TaskReceived', schemaVersion: 1, data: { agency: 'STTTT' } };
    expect(toCurrentEvent(current)).toBe(current);
  });

  it.each<[string, number, EventDecodingError['reason']]>([
    ['TaskArchived', 1, 'unknown_type'],
    ['toString', 1, 'unknown_type'],
    ['TaskReassigned', 3, 'newer_version'],
    ['TaskReceived', 2, 'newer_version'],
  ])('refuses %s version %i (%s) instead of skipping it', (type, schemaVersion, reason) => {
    let thrown: unknown;
    try {
      toCurrentEvent({ type, schemaVersion, data: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventDecodingError);
    expect(thrown).toMatchObject({ reason, type, schemaVersion });
    expect((thrown as Error).message).toMatch(/upgrade this process/);
  });

  it('knows every type the aggregates, reservations, audit and report scheduler write', () => {
    const types: ChidaoEventType[] = [
      'TaskAssigned',
      'DirectiveRegistered',
      'DirectiveReferenceReserved',
      'AgencyRegistered',
      'UserCreated',
      'UsernameReserved',
      'AuditorReadRecorded',
      'ReportScheduleStarted',
      'ScheduledReportClaimed',
    ];
    for (const type of types) expect(EVENT_SCHEMA_VERSIONS).toHaveProperty(type);
  });
});
