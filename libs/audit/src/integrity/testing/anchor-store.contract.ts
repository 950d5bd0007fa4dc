/**
 * The contract every AnchorStore adapter must pass. The harness opens a fresh, empty storage and
 * can open it again (another instance, as another process would).
 */
import { createAnchor, GENESIS_ANCHOR_DIGEST, type Anchor } from '../log-anchor';
import type { AnchorStore } from '../anchor-store.port';

interface AnchorStoreContractSubject {
  readonly store: AnchorStore;
  /** Another instance on the same storage (SQLite opens synchronously, PostgreSQL does not). */
  openAgain(): AnchorStore | Promise<AnchorStore>;
  /** Closes every instance and removes the storage. */
  cleanup(): Promise<void>;
}

interface AnchorStoreContractHarness {
  readonly name: string;
  open(): AnchorStoreContractSubject | Promise<AnchorStoreContractSubject>;
}

/** A well-formed anchor of `day` (10:00 Vietnam time) extending `previous`. */
export function anchorFor(
  day: string,
  position: number,
  previous: Anchor | null,
  logDigest = digestOf(`${day}|${position}`),
): Anchor {
  return createAnchor({
    day,
    position,
    logDigest,
    previousAnchorDigest: previous?.anchorDigest ?? GENESIS_ANCHOR_DIGEST,
    createdAt: `${day}T03:00:00.000Z`,
  });
}

function digestOf(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i += 1) {
    out += ((seed.charCodeAt(i % seed.length) * 31 + i * 7) % 256).toString(16).padStart(2, '0');
  }
  return out.slice(0, 64);
}

export function describeAnchorStoreContract(harness: AnchorStoreContractHarness): void {
  describe(`AnchorStore contract: ${harness.name}`, () => {
    const opened: AnchorStoreContractSubject[] = [];

    async function open(): Promise<AnchorStoreContractSubject> {
      const subject = await harness.open();
      opened.push(subject);
      return subject;
    }

    async function chain(store: AnchorStore, days: Array<[string, number]>): Promise<Anchor[]> {
      const out: Anchor[] = [];
      for (const [day, position] of days) {
        const anchor = anchorFor(day, position, out[out.length - 1] ?? null);
        expect(await store.insert(anchor)).toEqual({ status: 'inserted', anchor });
        out.push(anchor);
      }
      return out;
    }

    afterEach(async () => {
      for (const subject of opened.splice(0)) await subject.cleanup();
    });

    it('answers nothing when empty', async () => {
      const { store } = await open();
      expect(await store.latest()).toBeNull();
      expect(await store.forDay('2024-05-27')).toBeNull();
      expect(await store.list()).toEqual([]);
      expect(await store.upTo(1_000_000)).toBeNull();
    });

    it('stores a chain and reads it back exactly, by day, range and position', async () => {
      const { store } = await open();
      const [a, b, c, d] = await chain(store, [
        ['2024-05-25', 0],
        ['2024-05-26', 12],
        ['2024-05-27', 12],
        ['2024-06-02', 40],
      ]);
      expect(await store.latest()).toEqual(d);
      expect(await store.forDay('2024-05-26')).toEqual(b);
      expect(await store.forDay('2024-05-28')).toBeNull();
      expect(await store.list()).toEqual([a, b, c, d]);
      expect(await store.list({ from: '2024-05-26', to: '2024-05-27' })).toEqual([b, c]);
      expect(await store.list({ from: '2024-05-27' })).toEqual([c, d]);
      expect(await store.list({ to: '2024-05-25' })).toEqual([a]);
      expect(await store.list({ from: '2024-06-03' })).toEqual([]);
      // The newest anchor at or before a position; quiet days share one, the later day wins.
      expect(await store.upTo(0)).toEqual(a);
      expect(await store.upTo(11)).toEqual(a);
      expect(await store.upTo(12)).toEqual(c);
      expect(await store.upTo(39)).toEqual(c);
      expect(await store.upTo(40)).toEqual(d);
      expect(await store.upTo(10_000)).toEqual(d);
    });

    it('keeps the first anchor of a day and hands it to a later insert for that day', async () => {
      const { store } = await open();
      const first = anchorFor('2024-05-27', 5, null);
      const rival = anchorFor('2024-05-27', 9, null);
      expect(await store.insert(first)).toEqual({ status: 'inserted', anchor: first });
      expect(await store.insert(rival)).toEqual({ status: 'day_taken', anchor: first });
      expect(await store.insert(first)).toEqual({ status: 'day_taken', anchor: first });
      expect(await store.list()).toEqual([first]);
    });

    it('refuses an anchor that does not extend the newest one', async () => {
      const { store } = await open();
      const [a, b] = await chain(store, [
        ['2024-05-25', 3],
        ['2024-05-26', 7],
      ]);
      // Built on a, but b landed meanwhile.
      expect(await store.insert(anchorFor('2024-05-27', 9, a))).toEqual({
        status: 'stale',
        latest: b,
      });
      // A first anchor when there is already a chain.
      expect(await store.insert(anchorFor('2024-05-28', 9, null))).toEqual({
        status: 'stale',
        latest: b,
      });
      // An earlier day than the newest, linked to it.
      expect(await store.insert(anchorFor('2024-05-24', 9, b))).toEqual({
        status: 'stale',
        latest: b,
      });
      // A position before the newest anchor's.
      expect(await store.insert(anchorFor('2024-05-27', 6, b))).toEqual({
        status: 'stale',
        latest: b,
      });
      // A first anchor linked to something that is not there.
      const { store: other } = await open();
      expect(await other.insert(anchorFor('2024-05-25', 3, b))).toEqual({
        status: 'stale',
        latest: null,
      });
      expect(await store.list()).toEqual([a, b]);
    });

    it('refuses malformed anchors and anchors whose digest does not match their fields', async () => {
      const { store } = await open();
      const good = anchorFor('2024-05-27', 5, null);
      await expect(store.insert({ ...good, position: 6 })).rejects.toThrow(TypeError);
      await expect(store.insert({ ...good, day: '2024-02-30' })).rejects.toThrow(TypeError);
      await expect(store.insert({ ...good, logDigest: 'abc' })).rejects.toThrow(TypeError);
      await expect(
        store.insert({ ...good, createdAt: '2024-05-27T18:00:00.000Z' }), // 28/5 in Vietnam
      ).rejects.toThrow(TypeError);
      expect(await store.latest()).toBeNull();
    });

    it('shares one chain between instances on the same storage, one anchor per day', async () => {
      const subject = await open();
      const other = await subject.openAgain();
      const a = anchorFor('2024-05-26', 2, null);
      expect(await subject.store.insert(a)).toEqual({ status: 'inserted', anchor: a });
      expect(await other.latest()).toEqual(a);
      const mine = anchorFor('2024-05-27', 4, a);
      const theirs = anchorFor('2024-05-27', 6, a);
      const results = await Promise.all([subject.store.insert(mine), other.insert(theirs)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual(['day_taken', 'inserted']);
      const kept = (await subject.store.forDay('2024-05-27')) as Anchor;
      expect([mine, theirs]).toContainEqual(kept);
      for (const r of results) expect(r).toMatchObject({ anchor: kept });
      expect(await other.list()).toEqual([a, kept]);
    });
  });
}
