/**
 * `npm run projections:rebuild` as an operator runs it, with the deployment's variables only: no
 * CHIDAO_JWT_SECRET (the API's own setting), and it says which store it rebuilt and to where.
 */
import { appendReplayFixture, ManualClock } from '@chidao/audit/testing';
import { openEventStore, type EventStoreConfig } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runToExit } from '../../../test/distributed/support/processes';

const REBUILD = ['-r', './tools/ts-register.js', 'apps/api/src/cli/rebuild-projections.ts'];

/** The replay fixture's 7 events (agency, directive, tasks): what the projections read. */
async function seed(config: EventStoreConfig): Promise<void> {
  const clock = new ManualClock();
  const store = await openEventStore(config, { now: clock.now });
  try {
    await appendReplayFixture(store, clock);
  } finally {
    await store.close();
  }
}

describe('projections:rebuild on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-rebuild-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every projection in the data directory and says where and to which position', async () => {
    await seed({ kind: 'sqlite', path: path.join(dir, 'chidao.sqlite') });
    const run = await runToExit([...REBUILD, 'all'], { CHIDAO_DATA_DIR: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = path.join(dir, 'chidao.sqlite');
    expect(run.stdout).toContain(
      `Rebuilding from the log in SQLite ${file} into the read models in SQLite ${file}`,
    );
    expect(run.stdout).toMatch(/^tasks: generation 2, 7 events to position 7 in /m);
    expect(run.stdout).toContain(
      `Rebuilt tasks at position 7, directives at position 7, reminder_messages at position 7, task_reminders at position 7, urge_counts at position 7 in SQLite ${file}`,
    );
  });

  it('refuses an unknown projection with its usage', async () => {
    const run = await runToExit([...REBUILD, 'nope'], { CHIDAO_DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run projections:rebuild -- <tasks\|.*\|all>\n$/);
  });
});

describeWithPostgres('projections:rebuild on PostgreSQL', (url) => {
  const schema = uniqueSchema('rebuild');
  afterAll(() => dropSchema(url, schema));

  it('needs no JWT secret, and names the database and schema, never the password', async () => {
    await seed({ kind: 'postgres', url, schema });
    const withPassword = new URL(url);
    withPassword.password = 'Top-Secret-42';
    const run = await runToExit([...REBUILD, 'tasks'], {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: withPassword.toString(),
      CHIDAO_DATABASE_SCHEMA: schema,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const masked = new URL(url);
    masked.password = '***';
    const where = `PostgreSQL ${decodeURIComponent(masked.toString())} (schema ${schema})`;
    expect(run.stdout).toContain(
      `Rebuilding from the log in ${where} into the read models in ${where}`,
    );
    expect(run.stdout).toContain(`Rebuilt tasks at position 7 in ${where}`);
    expect(run.stdout).not.toContain('Top-Secret-42');
  });
});
