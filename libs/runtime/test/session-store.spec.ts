import { openPgPool } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pool } from 'pg';
import {
  PostgresSessionStore,
  SessionAlreadyStarted,
  SqliteSessionStore,
  type LoginSession,
  type NewLoginSession,
  type SessionStore,
} from '../src';

const T0 = new Date('2024-05-28T03:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const first: NewLoginSession = {
  sessionId: 's-1',
  userId: 'u-1',
  epoch: 2,
  startedAt: T0,
  expiresAt: minutes(60),
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
  address: '203.0.113.7',
};

/** A session of `first`'s shape, as start() records it. */
const begun = (session: NewLoginSession): LoginSession => ({
  ...session,
  generation: 0,
  lastUsedAt: session.startedAt,
  endedAt: null,
  endReason: null,
});

const ids = (sessions: readonly LoginSession[]) => sessions.map((session) => session.sessionId);

interface Opened {
  readonly store: SessionStore;
  readonly reopen: () => Promise<SessionStore>;
  /** Another store on the same data, as another process would open it (its own pool on PG). */
  readonly other: () => Promise<SessionStore>;
}

/** What both adapters must do, each against a real database. */
function describeSessionStoreContract(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    let opened: Opened;
    let store: SessionStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => store.close());

    it('keeps a started session, at generation 0, across a reopening', async () => {
      await store.start(first);
      await store.start({ ...first, sessionId: 's-2', userId: 'u-2', epoch: 0 });
      expect(await store.get('s-1')).toEqual(begun(first));
      await store.close();
      store = await opened.reopen();
      expect(await store.get('s-1')).toEqual(begun(first));
      expect(await store.get('s-2')).toEqual(
        begun({ ...first, sessionId: 's-2', userId: 'u-2', epoch: 0 }),
      );
      expect(await store.get('missing')).toBeNull();
    });

    it('refuses a second start with the same id and keeps the first', async () => {
      await store.start(first);
      const refused = store.start({ ...first, userId: 'u-2' });
      await expect(refused).rejects.toThrow(SessionAlreadyStarted);
      await expect(refused).rejects.toMatchObject({ sessionId: 's-1' });
      expect(await store.get('s-1')).toEqual(begun(first));
    });

    it('refuses an epoch that is not an integer >= 0', async () => {
      await expect(store.start({ ...first, epoch: -1 })).rejects.toThrow(RangeError);
      await expect(store.start({ ...first, epoch: 1.5 })).rejects.toThrow(RangeError);
      expect(await store.get('s-1')).toBeNull();
    });

    it('stores the user agent cut to 200 characters and the address to 64', async () => {
      await store.start({ ...first, userAgent: 'a'.repeat(250), address: 'f'.repeat(100) });
      // A character beyond the 16-bit range at the cut stays whole.
      await store.start({ ...first, sessionId: 's-2', userAgent: `${'b'.repeat(199)}😀😀` });
      const cut = await store.get('s-1');
      expect(cut?.userAgent).toBe('a'.repeat(200));
      expect(cut?.address).toBe('f'.repeat(64));
      expect((await store.get('s-2'))?.userAgent).toBe(`${'b'.repeat(199)}😀`);
    });

    describe('rotate', () => {
      beforeEach(() => store.start(first));

      it('moves the session from its generation to the next, and returns it updated', async () => {
        const rotated = await store.rotate('s-1', 0, minutes(10), minutes(70));
        const expected: LoginSession = {
          ...begun(first),
          generation: 1,
          lastUsedAt: minutes(10),
          expiresAt: minutes(70),
        };
        expect(rotated).toEqual(expected);
        expect(await store.get('s-1')).toEqual(expected);
        const again = await store.rotate('s-1', 1, minutes(20), minutes(80));
        expect(again).toEqual({
          ...expected,
          generation: 2,
          lastUsedAt: minutes(20),
          expiresAt: minutes(80),
        });
      });

      it('answers null and changes nothing from a stale or future generation', async () => {
        const rotated = await store.rotate('s-1', 0, minutes(10), minutes(70));
        expect(await store.rotate('s-1', 0, minutes(11), minutes(71))).toBeNull();
        expect(await store.rotate('s-1', 2, minutes(11), minutes(71))).toBeNull();
        expect(await store.get('s-1')).toEqual(rotated);
      });

      it('answers null and changes nothing for an ended session', async () => {
        await store.end('s-1', 'logout', minutes(5));
        const ended = await store.get('s-1');
        expect(await store.rotate('s-1', 0, minutes(10), minutes(70))).toBeNull();
        expect(await store.get('s-1')).toEqual(ended);
      });

      it('answers null and changes nothing for a session expired at the time given', async () => {
        expect(await store.rotate('s-1', 0, minutes(60), minutes(120))).toBeNull();
        expect(await store.rotate('s-1', 0, minutes(61), minutes(120))).toBeNull();
        expect(await store.get('s-1')).toEqual(begun(first));
        // One millisecond before its expiry it is still open.
        const justInTime = new Date(minutes(60).getTime() - 1);
        expect((await store.rotate('s-1', 0, justInTime, minutes(120)))?.generation).toBe(1);
      });

      it('answers null for a session it does not hold', async () => {
        expect(await store.rotate('missing', 0, minutes(10), minutes(70))).toBeNull();
      });

      it('lets exactly one of two concurrent rotations from the same generation through', async () => {
        const other = await opened.other();
        try {
          for (let generation = 0; generation < 10; generation++) {
            const at = minutes(generation + 1);
            const results = await Promise.all([
              store.rotate('s-1', generation, at, minutes(100)),
              other.rotate('s-1', generation, at, minutes(100)),
            ]);
            expect(results.filter((result) => result !== null)).toHaveLength(1);
            expect(results.find((result) => result !== null)?.generation).toBe(generation + 1);
          }
          expect((await store.get('s-1'))?.generation).toBe(10);
        } finally {
          await other.close();
        }
      });
    });

    it('ends a session once: true while open, then false, the first end kept', async () => {
      await store.start(first);
      expect(await store.end('s-1', 'logout', minutes(5))).toBe(true);
      expect(await store.end('s-1', 'reuse', minutes(6))).toBe(false);
      expect(await store.get('s-1')).toEqual({
        ...begun(first),
        endedAt: minutes(5),
        endReason: 'logout',
      });
      expect(await store.end('missing', 'logout', minutes(5))).toBe(false);
    });

    describe('with several users’ sessions', () => {
      // u-1: s-old (oldest, expires at minute 30), s-1, s-2, s-3 (newest); u-2: s-other.
      beforeEach(async () => {
        await store.start(first);
        await store.start({ ...first, sessionId: 's-3', startedAt: minutes(2) });
        await store.start({ ...first, sessionId: 's-2', startedAt: minutes(1) });
        await store.start({
          ...first,
          sessionId: 's-old',
          startedAt: minutes(-30),
          expiresAt: minutes(30),
        });
        await store.start({ ...first, sessionId: 's-other', userId: 'u-2' });
      });

      it('lists the user’s sessions neither ended nor expired, newest start first', async () => {
        expect(ids(await store.listOpen('u-1', minutes(10)))).toEqual([
          's-3',
          's-2',
          's-1',
          's-old',
        ]);
        await store.end('s-2', 'logout', minutes(11));
        expect(ids(await store.listOpen('u-1', minutes(20)))).toEqual(['s-3', 's-1', 's-old']);
        expect(ids(await store.listOpen('u-1', minutes(30)))).toEqual(['s-3', 's-1']);
        expect(await store.listOpen('u-1', minutes(60))).toEqual([]);
        expect(await store.listOpen('u-2', minutes(10))).toEqual([
          begun({ ...first, sessionId: 's-other', userId: 'u-2' }),
        ]);
        expect(await store.listOpen('nobody', minutes(10))).toEqual([]);
      });

      it('ends every session of the user not yet ended, and only the user’s', async () => {
        await store.end('s-2', 'logout', minutes(5));
        expect(await store.endAllOf('u-1', 'revoked', minutes(40))).toBe(3);
        for (const id of ['s-1', 's-3', 's-old']) {
          expect(await store.get(id)).toMatchObject({ endedAt: minutes(40), endReason: 'revoked' });
        }
        expect(await store.get('s-2')).toMatchObject({ endedAt: minutes(5), endReason: 'logout' });
        expect(await store.get('s-other')).toMatchObject({ endedAt: null, endReason: null });
        expect(await store.endAllOf('u-1', 'revoked', minutes(41))).toBe(0);
        expect(await store.endAllOf('nobody', 'revoked', minutes(41))).toBe(0);
      });

      it('ends all but the one excepted', async () => {
        expect(await store.endAllOf('u-1', 'logout_all', minutes(10), 's-2')).toBe(3);
        expect(ids(await store.listOpen('u-1', minutes(10)))).toEqual(['s-2']);
        expect(await store.get('s-3')).toMatchObject({
          endedAt: minutes(10),
          endReason: 'logout_all',
        });
        expect(ids(await store.listOpen('u-2', minutes(10)))).toEqual(['s-other']);
        // Another user's session as the exception spares nothing of this user's.
        await store.start({ ...first, sessionId: 's-4', startedAt: minutes(3) });
        expect(await store.endAllOf('u-1', 'superseded', minutes(11), 's-other')).toBe(2);
        expect(await store.listOpen('u-1', minutes(11))).toEqual([]);
      });

      it('prunes the sessions ended or expired before the time given, and only those', async () => {
        await store.end('s-2', 'logout', minutes(20));
        await store.end('s-3', 'logout', minutes(40));
        // s-old expired at 30 and s-2 ended at 20; s-3 ended at 40, s-1 expires at 60.
        expect(await store.prune(minutes(20))).toBe(0);
        expect(await store.prune(minutes(35))).toBe(2);
        expect(await store.get('s-2')).toBeNull();
        expect(await store.get('s-old')).toBeNull();
        expect(ids(await store.listOpen('u-1', minutes(35)))).toEqual(['s-1']);
        expect(await store.get('s-3')).toMatchObject({ endReason: 'logout' });
        expect(await store.prune(minutes(35))).toBe(0);
        expect(await store.prune(minutes(61))).toBe(3);
        expect(await store.get('s-1')).toBeNull();
        expect(await store.get('s-3')).toBeNull();
        expect(await store.get('s-other')).toBeNull();
      });
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeSessionStoreContract('SqliteSessionStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-sessions-'));
  dirs.push(dir);
  const file = path.join(dir, 'chidao.sqlite');
  const connect = () => Promise.resolve(SqliteSessionStore.open(file));
  return Promise.resolve({ store: SqliteSessionStore.open(file), reopen: connect, other: connect });
});

describeWithPostgres('PostgresSessionStore', (url) => {
  const pools: Pool[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    for (const schema of schemas) await dropSchema(url, schema);
  });

  /** Each store on a pool of its own: as separate processes, rotations race for real. */
  const connect = async (schema: string) => {
    const pool = await openPgPool({ url, schema });
    pools.push(pool);
    return PostgresSessionStore.open(pool);
  };

  describeSessionStoreContract('on PostgreSQL', async () => {
    const schema = uniqueSchema('sess');
    schemas.push(schema);
    return {
      store: await connect(schema),
      reopen: () => connect(schema),
      other: () => connect(schema),
    };
  });
});
