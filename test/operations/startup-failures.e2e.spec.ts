/**
 * A database that cannot be reached or refuses us, as an operator meets it: every process and
 * command started with a wrong port, a missing database or an unknown role must stop with a
 * non-zero exit code and one line on stderr naming the server and the database, with a hint,
 * never the password and never a stack trace.
 */
import { describeWithPostgres } from '@chidao/event-store/testing';
import { ENTRY, runToExit } from '../distributed/support/processes';

const PASSWORD = 'Top-Secret-42';
const JWT_SECRET = 'a-secret-for-the-start-up-failure-test-0123456789';

/** Every way in, each with the deployment's variables only. */
const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  api: ENTRY.api,
  projector: ENTRY.projector,
  reporting: ENTRY.reporting,
  'chidao migrate': [...ENTRY.chidao, 'migrate'],
  'chidao demo': [...ENTRY.chidao, 'demo'],
  'chidao audit verify': [...ENTRY.chidao, 'audit', 'verify'],
  'projections:rebuild': [
    '-r',
    './tools/ts-register.js',
    'apps/api/src/cli/rebuild-projections.ts',
    'all',
  ],
};

async function expectOneLine(url: string, said: RegExp): Promise<void> {
  const env = {
    CHIDAO_EVENT_STORE: 'postgres',
    CHIDAO_DATABASE_URL: url,
    CHIDAO_DATABASE_SCHEMA: 'chidao',
    CHIDAO_JWT_SECRET: JWT_SECRET,
    PORT: '0',
  };
  for (const [name, args] of Object.entries(COMMANDS)) {
    const run = await runToExit(args, env);
    const lines = run.stderr.trimEnd().split('\n');
    expect({ name, code: run.code === 0 ? 0 : 'non-zero', lines }).toEqual({
      name,
      code: 'non-zero',
      lines: [expect.stringMatching(said)],
    });
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  }
}

describe('a PostgreSQL server that does not listen on the port given', () => {
  it('stops every process and command with one line naming it', async () => {
    await expectOneLine(
      `postgres://chidao:${PASSWORD}@127.0.0.1:1/chidao`,
      /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(database "chidao", user "chidao", schema chidao\): connection refused \(ECONNREFUSED\)\. Hint: /,
    );
  });
});

describeWithPostgres('a PostgreSQL server that refuses what it is asked', (testUrl) => {
  const server = new URL(testUrl);
  const at = `${server.hostname}:${server.port || '5432'}`;
  const urlWith = (user: string, database: string) =>
    `postgres://${user}:${PASSWORD}@${at}/${database}`;

  it('stops every process and command with one line when the database does not exist', async () => {
    await expectOneLine(
      urlWith(server.username || 'postgres', 'chidao_no_such_database'),
      new RegExp(
        `^Cannot use PostgreSQL at ${at.replace(/\./g, '\\.')} \\(database "chidao_no_such_database", .*` +
          'database "chidao_no_such_database" does not exist \\(SQLSTATE 3D000\\)\\. Hint: create the database',
      ),
    );
  });

  it('stops every process and command with one line when the role is unknown', async () => {
    await expectOneLine(
      urlWith('chidao_no_such_role', server.pathname.slice(1)),
      new RegExp(
        `^Cannot use PostgreSQL at ${at.replace(/\./g, '\\.')} \\(database .*user "chidao_no_such_role".*` +
          '\\(SQLSTATE 28000\\)\\. Hint: create the role',
      ),
    );
  });
});
