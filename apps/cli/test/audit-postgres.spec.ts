import { ensureDailyAnchor, formatAnchorForPaper, PostgresAnchorStore } from '@chidao/audit';
import { appendReplayFixture, ManualClock } from '@chidao/audit/testing';
import { openEventStore } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { Client } from 'pg';
import { runCli, TempDataDirs } from './support';

describeWithPostgres('chidao audit on a PostgreSQL log in a schema of its own', (url) => {
  const schema = uniqueSchema('cli');
  const empty = uniqueSchema('cli_empty');
  const db = ['--db', url, '--schema', schema];
  /** What every process of the deployment reads. */
  const deployment = {
    CHIDAO_EVENT_STORE: 'postgres',
    CHIDAO_DATABASE_URL: url,
    CHIDAO_DATABASE_SCHEMA: schema,
  };
  const dirs = new TempDataDirs();
  let printed: string;

  beforeAll(async () => {
    const clock = new ManualClock();
    const events = await openEventStore({ kind: 'postgres', url, schema }, { now: clock.now });
    const anchors = await PostgresAnchorStore.open({ url, schema });
    try {
      await appendReplayFixture(events, clock);
      const taken = await ensureDailyAnchor(events, anchors, new Date('2024-04-03T01:00:00Z'));
      printed = formatAnchorForPaper(taken.anchor);
    } finally {
      await anchors.close();
      await events.close();
    }
  });
  afterAll(async () => {
    dirs.cleanup();
    await dropSchema(url, schema);
    await dropSchema(url, empty);
  });

  it('replays the same lines as from the same events in SQLite', async () => {
    const sqlite = dirs.create();
    await sqlite.withLog((events) => appendReplayFixture(events, sqlite.clock));
    const args = ['audit', 'replay', '--from', '2024-03-01', '--to', '2024-03-31'];
    const fromPostgres = await runCli([...args, ...db]);
    expect(fromPostgres.stderr).toContain('scanned 7, matched 5, position 7');
    expect(fromPostgres.code).toBe(0);
    const fromSqlite = await runCli([...args, '--data-dir', sqlite.dir]);
    // Same events, same hashes: the export does not depend on the adapter.
    expect(fromPostgres.stdout).toBe(fromSqlite.stdout);
  });

  it('verifies the chains and the anchors, and checks a paper anchor', async () => {
    const verify = await runCli(['audit', 'verify', ...db]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('INTACT: 7 events in 3 streams and 1 anchors checked');
    const check = await runCli(['audit', 'check-anchor', '--text', printed, ...db]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('mốc neo lưu / stored anchor: same');
  });

  it('reads the deployment’s variables as the processes do: no option, or --db with CHIDAO_DATABASE_SCHEMA', async () => {
    const runs = [
      await runCli(['audit', 'verify'], [], deployment),
      await runCli(['audit', 'verify', '--db', url], [], { CHIDAO_DATABASE_SCHEMA: schema }),
      // With the whole deployment's environment file, Kafka and the API's settings included.
      await runCli(['audit', 'verify'], [], {
        ...deployment,
        CHIDAO_BUS: 'kafka',
        CHIDAO_KAFKA_BROKERS: '127.0.0.1:1',
        CHIDAO_JWT_SECRET: 'x'.repeat(40),
        CHIDAO_PROJECTIONS: 'off',
      }),
    ];
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`(schema ${schema})`);
      expect(run.stdout).toContain('INTACT: 7 events in 3 streams and 1 anchors checked');
    }
  });

  it('refuses ?schema= in the URL instead of reading public', async () => {
    const withParameter = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    const fromOption = await runCli(['audit', 'verify', '--db', withParameter], [], {});
    const fromVariable = await runCli(['audit', 'verify'], [], {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: withParameter,
    });
    for (const run of [fromOption, fromVariable]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`has ?schema=${schema}, which Chidao does not read`);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses a database that holds no Chidao log, and creates nothing in it', async () => {
    const run = await runCli(['audit', 'verify', '--db', url, '--schema', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds no Chidao log');
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT to_regnamespace($1) AS found', [empty]);
      expect(rows[0].found).toBeNull();
    } finally {
      await client.end();
    }
  });
});
