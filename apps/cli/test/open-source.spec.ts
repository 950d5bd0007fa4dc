import * as path from 'node:path';
import Database from 'better-sqlite3';
import { createAnchor } from '@chidao/audit';
import { appendReplayFixture } from '@chidao/audit/testing';
import { SqliteEventStore } from '@chidao/event-store';
import { ConfigError } from '@chidao/runtime';
import { UsageError } from '../src/cli-io';
import { locateSource, openAuditSource } from '../src/open-source';
import { TempDataDirs } from './support';

describe('the audited source: located from the command line, opened read-only', () => {
  const dirs = new TempDataDirs();
  afterEach(() => dirs.cleanup());

  it('reads --data-dir as the API lays it out and --db as sqlite:, file: or postgres: URLs', () => {
    expect(locateSource({ 'data-dir': '/srv/chidao/data' })).toEqual({
      kind: 'sqlite',
      path: '/srv/chidao/data/chidao.sqlite',
    });
    for (const db of [
      'sqlite:/srv/log.sqlite',
      'sqlite:///srv/log.sqlite',
      'file:///srv/log.sqlite',
    ]) {
      expect(locateSource({ db })).toEqual({ kind: 'sqlite', path: '/srv/log.sqlite' });
    }
    expect(locateSource({ db: 'sqlite:data/log.sqlite' })).toEqual({
      kind: 'sqlite',
      path: path.resolve('data/log.sqlite'),
    });
    const pg = 'postgres://audit@db.local:5432/chidao';
    expect(locateSource({ db: pg, schema: 'tinh' }, {})).toEqual({
      kind: 'postgres',
      url: pg,
      schema: 'tinh',
    });
    expect(() => locateSource({ 'data-dir': '/srv', db: pg })).toThrow(UsageError);
    expect(() => locateSource({ 'data-dir': '/srv', schema: 'tinh' })).toThrow(UsageError);
    expect(() => locateSource({ db: 'mysql://x/y' })).toThrow(UsageError);
  });

  it('reads the rest as the processes do: CHIDAO_DATABASE_SCHEMA, or the whole deployment when no option is given', () => {
    const pg = 'postgres://audit@db.local:5432/chidao';
    expect(locateSource({ db: pg }, { CHIDAO_DATABASE_SCHEMA: 'tinh' })).toEqual({
      kind: 'postgres',
      url: pg,
      schema: 'tinh',
    });
    // --schema stands in for the variable, as --db does for CHIDAO_DATABASE_URL.
    expect(locateSource({ db: pg, schema: 'huyen' }, { CHIDAO_DATABASE_SCHEMA: 'tinh' })).toEqual({
      kind: 'postgres',
      url: pg,
      schema: 'huyen',
    });
    const deployment = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: pg,
      CHIDAO_DATABASE_SCHEMA: 'tinh',
    };
    expect(locateSource({}, deployment)).toEqual({ kind: 'postgres', url: pg, schema: 'tinh' });
    expect(locateSource({}, { CHIDAO_DATA_DIR: '/srv/chidao/data' })).toEqual({
      kind: 'sqlite',
      path: '/srv/chidao/data/chidao.sqlite',
    });
  });

  it('refuses ?schema= in --db or CHIDAO_DATABASE_URL, and every mistake a process would refuse', () => {
    const problemsOf = (args: Parameters<typeof locateSource>[0], env: NodeJS.ProcessEnv) => {
      try {
        locateSource(args, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('accepted');
    };
    expect(problemsOf({ db: 'postgres://audit:pw@db/chidao?schema=tinh' }, {})).toEqual([
      expect.stringMatching(
        /^--db="postgres:\/\/audit:\*\*\*@db\/chidao\?schema=tinh" has \?schema=tinh/,
      ),
    ]);
    expect(
      problemsOf(
        {},
        { CHIDAO_EVENT_STORE: 'postgres', CHIDAO_DATABASE_URL: 'postgres://db/chidao?schema=tinh' },
      ),
    ).toEqual([expect.stringContaining('give CHIDAO_DATABASE_SCHEMA=tinh')]);
    expect(problemsOf({ db: 'postgres://db/chidao' }, { CHIDAO_EVENTSTORE: 'postgres' })).toEqual([
      expect.stringContaining('did you mean CHIDAO_EVENT_STORE?'),
    ]);
  });

  it('refuses every write to the log and its anchors', async () => {
    const data = dirs.create();
    await data.withLog((events) => appendReplayFixture(events, data.clock));
    const source = await openAuditSource({ 'data-dir': data.dir });
    try {
      expect(await source.eventStore.headPosition()).toBe(7);
      await expect(
        source.eventStore.append('task-x', [
          {
            type: 'TaskReceived',
            schemaVersion: 1,
            data: {},
            metadata: { actor: 'a', agency: null, correlationId: 'c', causationId: null },
            occurredOn: '2024-04-02',
          },
        ]),
      ).rejects.toThrow('read-only');
      const anchor = createAnchor({
        day: '2024-04-02',
        position: 7,
        logDigest: 'a'.repeat(64),
        previousAnchorDigest: '0'.repeat(64),
        createdAt: '2024-04-02T10:00:00.000Z',
      });
      await expect(source.anchors.insert(anchor)).rejects.toThrow('read-only');
      expect(await source.eventStore.headPosition()).toBe(7);
    } finally {
      await source.close();
    }
  });

  it('reads a log without an anchors table as one without anchors, creating no table', async () => {
    const data = dirs.create();
    const store = SqliteEventStore.open({ path: data.file, now: data.clock.now });
    await appendReplayFixture(store, data.clock);
    await store.close();
    const tables = (): string[] => {
      const db = new Database(data.file, { readonly: true });
      try {
        return db
          .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
          .all()
          .map((row) => row.name);
      } finally {
        db.close();
      }
    };
    expect(tables()).not.toContain('log_anchors');
    const source = await openAuditSource({ db: `sqlite:${data.file}` });
    try {
      expect(await source.anchors.list()).toEqual([]);
      expect(await source.anchors.latest()).toBeNull();
    } finally {
      await source.close();
    }
    expect(tables()).not.toContain('log_anchors');
  });

  it('refuses, and leaves untouched, a file that is not a Chidao log', async () => {
    const data = dirs.create();
    const other = new Database(data.file);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const before = data.fingerprint();
    await expect(openAuditSource({ 'data-dir': data.dir })).rejects.toThrow('holds no event log');
    expect(data.fingerprint().bytes.equals(before.bytes)).toBe(true);
  });
});
