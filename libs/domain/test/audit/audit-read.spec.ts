import type { Actor } from '../../src/shared/actor';
import { AUDIT_READ_EVENT_TYPES, auditorReadRecorded, isRecordedRead } from '../../src/audit';
import { STREAMS } from '../../src/streams';

const auditor: Actor = { userId: 'u-tt', roles: ['auditor'], agency: 'TTR-TINH' };

describe('reads made by auditors', () => {
  it('records every read by whoever holds the auditor role, and nothing else', () => {
    expect(isRecordedRead(auditor, 'GET')).toBe(true);
    expect(isRecordedRead(auditor, 'HEAD')).toBe(true);
    expect(isRecordedRead({ ...auditor, roles: ['admin', 'auditor'] }, 'GET')).toBe(true);
    // Writes are refused to auditors anyway; they are not reads.
    expect(isRecordedRead(auditor, 'POST')).toBe(false);
    expect(isRecordedRead({ ...auditor, roles: ['staff'] }, 'GET')).toBe(false);
    expect(isRecordedRead({ ...auditor, roles: ['admin'] }, 'GET')).toBe(false);
    // Health probes and other anonymous calls.
    expect(isRecordedRead(undefined, 'GET')).toBe(false);
  });

  it('dates the read the Vietnam day it was made, in the auditor’s own stream', () => {
    const event = auditorReadRecorded(
      {
        method: 'GET',
        path: '/api/tasks/t-1',
        query: { asOf: '2024-06-30', status: ['assigned', 'received'] },
        resource: { kind: 'task', id: 't-1' },
      },
      '2024-06-30T17:30:00.000Z',
    );
    expect(event).toEqual({
      type: 'AuditorReadRecorded',
      schemaVersion: 1,
      data: {
        method: 'GET',
        path: '/api/tasks/t-1',
        query: { asOf: '2024-06-30', status: ['assigned', 'received'] },
        resource: { kind: 'task', id: 't-1' },
      },
      occurredOn: '2024-07-01',
    });
    const listing = auditorReadRecorded(
      { method: 'GET', path: '/api/stats/completion', query: {} },
      new Date('2024-06-30T03:00:00Z'),
    );
    expect('resource' in listing.data).toBe(false);
    expect(STREAMS.auditorReads.of('u-tt')).toBe('auditor-reads-u-tt');
    expect(AUDIT_READ_EVENT_TYPES).toEqual(['AuditorReadRecorded']);
  });
});
