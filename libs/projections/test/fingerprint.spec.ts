import type { StoredEvent } from '@chidao/event-store';
import { streamTally } from '@chidao/projections/testing';
import { evolveByType } from '../src/evolve-by-type';
import { projectionFingerprint } from '../src/fingerprint';
import { defineProjection, type DocumentProjection } from '../src/projection';

type Doc = { n: number };

function counting(
  handlers: Parameters<typeof evolveByType<Doc, StoredEvent>>[0],
): DocumentProjection<Doc, StoredEvent> {
  return defineProjection<Doc, StoredEvent>({
    name: 'counting',
    version: 1,
    documents: { idOf: (event) => event.streamId, evolve: evolveByType(handlers) },
    columns: [{ name: 'n', type: 'integer', of: (doc) => doc.n }],
  });
}

describe('projectionFingerprint', () => {
  it('is stable for the same code and changes with version, columns and function text', () => {
    const base = projectionFingerprint(streamTally);
    expect(projectionFingerprint({ ...streamTally })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(projectionFingerprint({ ...streamTally, version: 2 })).not.toBe(base);
    expect(
      projectionFingerprint({ ...streamTally, columns: streamTally.columns.slice(1) }),
    ).not.toBe(base);
    const idOf = (event: { streamId: string }) => event.streamId.toUpperCase();
    expect(
      projectionFingerprint({ ...streamTally, documents: { ...streamTally.documents, idOf } }),
    ).not.toBe(base);
  });

  it('sees through evolveByType to the handlers', () => {
    const a = counting({ Counted: (doc) => ({ n: (doc?.n ?? 0) + 1 }) });
    const same = counting({ Counted: (doc) => ({ n: (doc?.n ?? 0) + 1 }) });
    const other = counting({ Counted: (doc) => ({ n: (doc?.n ?? 0) + 2 }) });
    expect(projectionFingerprint(same)).toBe(projectionFingerprint(a));
    expect(projectionFingerprint(other)).not.toBe(projectionFingerprint(a));
  });

  it('refuses names that cannot be table names', () => {
    expect(() => defineProjection({ ...streamTally, name: 'Stream-Tally' })).toThrow(TypeError);
    expect(() =>
      defineProjection({ ...streamTally, columns: [{ name: 'id', type: 'text', of: () => '' }] }),
    ).toThrow(TypeError);
  });
});
