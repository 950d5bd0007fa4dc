import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '../src/canonical-json';
import { computeEventHash, GENESIS_HASH, type HashedEventFields } from '../src/event-hash';

const event: HashedEventFields = {
  position: 7,
  streamId: 'task-1',
  streamVersion: 2,
  type: 'TaskCompleted',
  schemaVersion: 1,
  data: { taskId: 'task-1', result: '2926/UBND-TH' },
  metadata: { actor: 'user-1', agency: 'SO-TC', correlationId: 'c-1', causationId: null },
  occurredOn: '2024-05-27',
  recordedAt: '2024-05-27T08:00:00.000Z',
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('computeEventHash', () => {
  it('has a genesis hash of 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is SHA-256 over the canonical JSON of the fields and the previous hash', () => {
    expect(computeEventHash(event, GENESIS_HASH)).toBe(
      sha256(canonicalJson({ ...event, previousHash: GENESIS_HASH })),
    );
  });

  it('matches that definition for any event (the fast path writes keys by hand)', () => {
    const arbitraryEvent = fc.record({
      position: fc.integer({ min: 1 }),
      streamId: fc.string(),
      streamVersion: fc.integer({ min: 1 }),
      type: fc.string(),
      schemaVersion: fc.integer({ min: 1 }),
      data: fc.jsonValue(),
      metadata: fc.record({
        actor: fc.string(),
        agency: fc.option(fc.string()),
        correlationId: fc.string(),
        causationId: fc.option(fc.string()),
        extra: fc.jsonValue(),
      }),
      occurredOn: fc.string(),
      recordedAt: fc.string(),
    });
    fc.assert(
      fc.property(arbitraryEvent, fc.stringMatching(/^[0-9a-f]{64}$/), (e, previous) => {
        expect(computeEventHash(e, previous)).toBe(
          sha256(canonicalJson({ ...e, previousHash: previous })),
        );
      }),
    );
  });

  it.each([
    ['position', { position: 8 }],
    ['streamId', { streamId: 'task-2' }],
    ['streamVersion', { streamVersion: 3 }],
    ['type', { type: 'TaskReopened' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['data', { data: { taskId: 'task-1', result: '2927/UBND-TH' } }],
    ['metadata', { metadata: { ...event.metadata, actor: 'user-2' } }],
    ['occurredOn', { occurredOn: '2024-05-28' }],
    ['recordedAt', { recordedAt: '2024-05-27T08:00:00.001Z' }],
  ])('changes when %s changes', (_field, change) => {
    expect(computeEventHash({ ...event, ...change }, GENESIS_HASH)).not.toBe(
      computeEventHash(event, GENESIS_HASH),
    );
  });

  it('changes with the previous hash', () => {
    expect(computeEventHash(event, 'f'.repeat(64))).not.toBe(computeEventHash(event, GENESIS_HASH));
  });
});
