/**
 * The frozen version-1 log of a province (fixture/province-log.v1.ndjson) must keep giving the
 * answers the code of its commit gave (fixture/answers.v1.json), whatever later code does with
 * old event versions on read: read models, statistics, time travel, late entries, report
 * snapshots and the audit export. The log is loaded byte for byte (same hashes) into SQLite and,
 * when configured, PostgreSQL.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDailyAnchor, SqliteAnchorStore, verifyIntegrity } from '@chidao/audit';
import { ManualClock } from '@chidao/audit/testing';
import {
  PostgresEventStore,
  SqliteEventStore,
  verifyLog,
  type EventStore,
} from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { verifySnapshot, type ReportSnapshot } from '@chidao/reporting';
import { ANSWER_SECTIONS, computeAnswers, type Answers } from './support/answers';
import {
  dumpLog,
  FIXTURE_ANSWERS_FILE,
  FIXTURE_LOG_FILE,
  loadFixtureLog,
  readFixtureLog,
} from './support/fixture-log';
import { writeProvinceStory } from './support/province-story';
import { REPORT_TAKEN_AT } from './support/questions';

const fixture = readFixtureLog(FIXTURE_LOG_FILE);
const golden = JSON.parse(fs.readFileSync(FIXTURE_ANSWERS_FILE, 'utf8')) as Answers;
const goldenSnapshots = Object.entries(golden.report as Record<string, ReportSnapshot>);

describe('the version-1 fixture', () => {
  it('holds only schema version 1, with TaskReassigned events at the centre', () => {
    expect(new Set(fixture.map((event) => event.schemaVersion))).toEqual(new Set([1]));
    const reassignments = fixture.filter((event) => event.type === 'TaskReassigned');
    expect(reassignments.length).toBeGreaterThanOrEqual(6);
    // Each in the version-1 shape the upcaster will read.
    for (const { data } of reassignments) {
      expect(Object.keys(data as object).sort()).toEqual([
        'leadAgency',
        'previousLeadAgency',
        'previousSupportAgencies',
        'reason',
        'supportAgencies',
      ]);
    }
  });

  it('has a golden answer for every section', () => {
    expect(Object.keys(golden).sort()).toEqual([...ANSWER_SECTIONS].sort());
  });
});

interface OpenedStore {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
}

/** The fixture loaded into a fresh store, and every answer compared with the golden file. */
function fixtureSuite(
  open: (clock: ManualClock, dir: string) => OpenedStore | Promise<OpenedStore>,
): void {
  let dir: string;
  let opened: OpenedStore | undefined;
  let answers: Answers;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-schema-change-'));
    const clock = new ManualClock();
    opened = await open(clock, dir);
    // Throws unless every position, version, recordedAt and hash comes out as in the fixture.
    await loadFixtureLog(opened.store, fixture, clock);
    answers = await computeAnswers(opened.store, path.join(dir, 'scratch'));
  });

  afterAll(async () => {
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the fixture log event for event', async () => {
    expect(await dumpLog(opened!.store)).toEqual(fixture);
  });

  it.each(ANSWER_SECTIONS)('answers %s as the golden file says', (section) => {
    expect(answers[section]).toEqual(golden[section]);
  });

  it.each(goldenSnapshots)(
    'verifies the golden %s report snapshot against the log',
    async (_, snapshot) => {
      const verification = await verifySnapshot(
        snapshot,
        { eventStore: opened!.store },
        { scratchDir: path.join(dir, 'verify') },
      );
      expect(verification.differences).toEqual([]);
      expect(verification).toMatchObject({
        identical: true,
        digestValid: true,
        logDigestValid: true,
        integrity: { ok: true, headPosition: fixture.length },
      });
    },
  );

  it('verifies hash chains and an anchor of the whole log', async () => {
    expect(await verifyLog(opened!.store)).toEqual({
      ok: true,
      eventsChecked: fixture.length,
      streamsChecked: new Set(fixture.map((event) => event.streamId)).size,
      headPosition: fixture.length,
    });
    const anchors = SqliteAnchorStore.open({ path: path.join(dir, 'anchors.db') });
    try {
      const { anchor } = await ensureDailyAnchor(opened!.store, anchors, new Date(REPORT_TAKEN_AT));
      // The log digest the golden snapshots carry is the one the loaded log yields.
      for (const [, snapshot] of goldenSnapshots) {
        expect(snapshot.logAnchor?.logDigest).toBe(anchor.logDigest);
      }
      const report = await verifyIntegrity(opened!.store, anchors);
      expect(report).toMatchObject({ ok: true, anchorsChecked: 1, firstBreak: null });
    } finally {
      await anchors.close();
    }
  });
}

describe('the fixture on SQLite', () => {
  fixtureSuite((clock, dir) => {
    const store = SqliteEventStore.open({ path: path.join(dir, 'chidao.db'), now: clock.now });
    return { store, close: () => store.close() };
  });
});

describeWithPostgres('the fixture on PostgreSQL', (url) => {
  fixtureSuite(async (clock) => {
    const schema = uniqueSchema('schema_change');
    const store = await PostgresEventStore.open({ url, schema, poolSize: 4, now: clock.now });
    return {
      store,
      close: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  });
});

describe('the same province written by today’s code', () => {
  // The story of the fixture decided again now: its reassignments are stored at version 2, and
  // everything read from it must be what the version-1 log gives.
  let dir: string;
  let store: SqliteEventStore;
  let answers: Answers;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-schema-today-'));
    const clock = new ManualClock('2024-01-02T00:00:00.000Z');
    store = SqliteEventStore.open({ path: path.join(dir, 'chidao.db'), now: clock.now });
    await writeProvinceStory(store, clock);
    answers = await computeAnswers(store, path.join(dir, 'scratch'));
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the same events, every reassignment at version 2 in its new shape', async () => {
    const today = await dumpLog(store);
    expect(today.map(({ position, streamId, type }) => ({ position, streamId, type }))).toEqual(
      fixture.map(({ position, streamId, type }) => ({ position, streamId, type })),
    );
    const reassignments = today.filter((event) => event.type === 'TaskReassigned');
    expect(reassignments.length).toBe(fixture.filter((e) => e.type === 'TaskReassigned').length);
    for (const event of reassignments) {
      expect(event.schemaVersion).toBe(2);
      expect(Object.keys(event.data as object).sort()).toEqual(['from', 'reason', 'to']);
    }
  });

  it.each(['readModels', 'statistics', 'lateEntries'] as const)(
    'answers %s as the version-1 log does',
    (section) => {
      expect(answers[section]).toEqual(golden[section]);
    },
  );

  it('takes report snapshots with the same figures (over other bytes, so another log digest)', () => {
    const figures = (report: unknown) =>
      Object.entries(report as Record<string, ReportSnapshot>).map(([name, snapshot]) => ({
        name,
        period: snapshot.period,
        scope: snapshot.scope,
        position: snapshot.position,
        figures: snapshot.figures,
      }));
    expect(figures(answers.report)).toEqual(figures(golden.report));
  });

  it('folds every task and directive in time travel to the same state', () => {
    // The histories show each event as stored, so only their data differs.
    const withoutStoredData = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
        key === 'data' && typeof inner === 'object' ? null : inner,
      );
    expect(withoutStoredData(answers.timeTravel)).toEqual(withoutStoredData(golden.timeTravel));
  });

  it('exports the same events naming the same agencies, each with the data it stores', () => {
    const exported = (section: unknown) =>
      Object.values(section as Record<string, string>)
        .filter((text) => !text.startsWith('\uFEFF'))
        .map((text) =>
          text
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => {
              const { data: _data, hash: _hash, schemaVersion: _v, ...rest } = JSON.parse(line);
              return rest;
            }),
        );
    expect(exported(answers.export)).toEqual(exported(golden.export));
  });
});
