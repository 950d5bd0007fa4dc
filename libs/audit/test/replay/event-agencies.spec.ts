import { taskStoryEvents } from '@chidao/projections/testing';
import { decodeEvent, type StoredEvent } from '@chidao/event-store';
import { agenciesOf, concernsAgency } from '../../src/replay/event-agencies';

const stored = (streamId: string, type: string, data: unknown, agency: string | null = null) =>
  ({
    streamId,
    type,
    data,
    metadata: { actor: 'u1', agency, correlationId: 'c', causationId: null },
  }) as Pick<StoredEvent, 'streamId' | 'type' | 'data' | 'metadata'>;

describe('agenciesOf: the agencies an event is about', () => {
  it('names the assigning body, the lead and every supporting agency of an assignment', () => {
    // The events the domain itself decides for a task: the same shapes the log holds.
    const [assigned, received] = taskStoryEvents(
      { id: 't1', leadAgency: 'STTTT', assignedOn: '2024-01-22', deadline: '2024-09-30' },
      '2024-06-30T03:00:00.000Z',
    );
    expect(agenciesOf(stored('task-t1', assigned.type, assigned.data))).toEqual([
      'STTTT',
      'UBND-TINH',
    ]);
    expect(agenciesOf(stored('task-t1', received.type, received.data))).toEqual(['STTTT']);
    expect(
      agenciesOf(
        stored('task-t1', 'TaskAssigned', {
          leadAgency: 'STTTT',
          supportAgencies: ['STC', 'SKHDT', 'STC'],
          assigningAgency: 'UBND-TINH',
        }),
      ),
    ).toEqual(['SKHDT', 'STC', 'STTTT', 'UBND-TINH']);
  });

  it('names both sides of a reassignment and of a transfer', () => {
    // A reassignment as version 1 stored it, read as every reader reads the log: decoded.
    const v1 = {
      ...stored('task-t1', 'TaskReassigned', {
        previousLeadAgency: 'SKHDT',
        leadAgency: 'STC',
        previousSupportAgencies: ['SNV'],
        supportAgencies: [],
        reason: 'x',
      }),
      schemaVersion: 1,
      position: 9,
    } as StoredEvent;
    expect(agenciesOf(decodeEvent(v1))).toEqual(['SKHDT', 'SNV', 'STC']);
    expect(agenciesOf(stored('x-1', 'Transferred', { fromAgency: 'A1', toAgency: 'B2' }))).toEqual([
      'A1',
      'B2',
    ]);
  });

  it('names the agency of an agency stream and the parents it moves between', () => {
    expect(
      agenciesOf(
        stored('agency-PHONG-CNTT', 'AgencyMoved', {
          code: 'PHONG-CNTT',
          parent: 'STTTT',
          previousParent: 'STC',
        }),
      ),
    ).toEqual(['PHONG-CNTT', 'STC', 'STTTT']);
    expect(agenciesOf(stored('agency-STC', 'AgencyRenamed', { code: 'STC', name: 'Sở' }))).toEqual([
      'STC',
    ]);
  });

  it('names a user’s agency, and nothing for events about no agency', () => {
    expect(
      agenciesOf(stored('user-1', 'UserAgencyChanged', { userId: '1', agency: 'STC' })),
    ).toEqual(['STC']);
    expect(
      agenciesOf(stored('user-1', 'UserAgencyChanged', { userId: '1', agency: null })),
    ).toEqual([]);
    // `parent` only means an agency on agency streams.
    expect(agenciesOf(stored('directive-d1', 'DirectiveRevoked', { parent: 'X1' }))).toEqual([]);
    expect(agenciesOf(stored('task-t1', 'Odd', 'not an object'))).toEqual([]);
  });

  it('concernsAgency: the actor’s agency or one the event names', () => {
    const progress = stored(
      'task-t1',
      'TaskProgressReported',
      { agency: 'STC', role: 'support', percent: 40 },
      'STTTT',
    );
    expect(concernsAgency(progress, 'STC')).toBe(true);
    expect(concernsAgency(progress, 'STTTT')).toBe(true);
    expect(concernsAgency(progress, 'SKHDT')).toBe(false);
  });
});
