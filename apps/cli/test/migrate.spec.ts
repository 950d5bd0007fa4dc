import { anchorMigrations } from '@chidao/audit';
import { eventStoreMigrations, type Migration } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { readModelMigrations } from '@chidao/projections';
import { snapshotMigrations } from '@chidao/reporting';
import {
  credentialMigrations,
  idempotencyMigrations,
  importFileMigrations,
  sessionMigrations,
} from '@chidao/runtime';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, type CliRun } from './support';

const BIN = path.join(REPO_ROOT, 'apps/cli/bin/chidao.js');

/** `chidao migrate …` as a deployment's job runs it: only the given CHIDAO_* variables. */
function runMigrate(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(base)) if (/^chidao_/i.test(name)) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'migrate', ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chidao migrate', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-migrate-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('creates the embedded deployment’s SQLite tables from CHIDAO_DATA_DIR', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const run = await runMigrate([], { CHIDAO_DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`log in SQLite ${path.join(dataDir, 'chidao.sqlite')}`);
    expect(run.stdout).toContain('event-store (SQLite): tables created when missing');
    expect(run.stdout).toContain('log-anchors (SQLite): tables created when missing');
    expect(run.stdout).toContain('login-sessions (SQLite): tables created when missing');
    expect(fs.existsSync(path.join(dataDir, 'chidao.sqlite'))).toBe(true);
  });

  it('exits 1 listing every configuration problem, never printing the password', async () => {
    const run = await runMigrate([], {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: 'mysql://chidao:Top-Secret-42@db/chidao',
      CHIDAO_READSTORE: 'postgres',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain(
      'CHIDAO_DATABASE_URL="mysql://chidao:***@db/chidao" is not a PostgreSQL URL',
    );
    expect(run.stderr).toContain('did you mean CHIDAO_READ_STORE?');
    expect(run.stderr).not.toContain('Top-Secret-42');
    expect(run.stdout).toBe('');
  });

  it('exits 1 with the reason when the database does not answer', async () => {
    const run = await runMigrate(['--db', 'postgres://chidao:Top-Secret-42@127.0.0.1:1/chidao'], {
      CHIDAO_DATA_DIR: tempDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Cannot connect to PostgreSQL at 127.0.0.1:1 (database "chidao", user "chidao"): ' +
        'connection refused (ECONNREFUSED). Hint: is the server running and listening on that ' +
        'host and port?\n',
    );
    expect(run.stderr + run.stdout).not.toContain('Top-Secret-42');
  });

  it('refuses ?schema= in the URL, from --db or the environment, naming what to give instead', async () => {
    const url = 'postgres://chidao:Top-Secret-42@127.0.0.1:1/chidao?schema=tinh';
    const fromOption = await runMigrate(['--db', url], {});
    expect(fromOption.code).toBe(1);
    expect(fromOption.stderr).toContain(
      '--db="postgres://chidao:***@127.0.0.1:1/chidao?schema=tinh" has ?schema=tinh, which ' +
        'Chidao does not read (psql and pg_dump refuse it too): remove it and give --schema tinh',
    );
    const fromEnvironment = await runMigrate([], {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
    });
    expect(fromEnvironment.code).toBe(1);
    expect(fromEnvironment.stderr).toContain(
      'has ?schema=tinh, which Chidao does not read (psql and pg_dump refuse it too): remove it ' +
        'and give CHIDAO_DATABASE_SCHEMA=tinh',
    );
    for (const run of [fromOption, fromEnvironment]) {
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toContain('Top-Secret-42');
    }
  });

  it('refuses an unknown option with exit 2', async () => {
    const run = await runMigrate(['--database', 'x'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--database');
  });
});

describeWithPostgres('chidao migrate on PostgreSQL', (url) => {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(url, schema);
  });

  /** Each component and the migrations this build ships for it. */
  const COMPONENTS: [string, readonly Migration[]][] = [
    ['event-store', eventStoreMigrations],
    ['read-models', readModelMigrations],
    ['report-snapshots', snapshotMigrations],
    ['log-anchors', anchorMigrations],
    ['idempotency-keys', idempotencyMigrations],
    ['user-credentials', credentialMigrations],
    ['login-sessions', sessionMigrations],
    ['import-files', importFileMigrations],
  ];
  const TOTAL = COMPONENTS.reduce((sum, [, migrations]) => sum + migrations.length, 0);

  it('applies every component’s migrations from the environment, then nothing the second time', async () => {
    const schema = fresh();
    const env = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
    };
    const first = await runMigrate([], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const [component, migrations] of COMPONENTS) {
      const versions = migrations.map((migration) => migration.version).join(', ');
      expect(first.stdout).toContain(
        `${component} (PostgreSQL): applied ${versions}, now at version ${migrations.length}`,
      );
    }
    expect(first.stdout).toContain(`applied ${TOTAL} migration(s)`);

    const second = await runMigrate([], env);
    expect(second.code).toBe(0);
    for (const [component, migrations] of COMPONENTS) {
      expect(second.stdout).toContain(
        `${component} (PostgreSQL): up to date at version ${migrations.length}`,
      );
    }
    expect(second.stdout).toContain('nothing applied');

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT component, max(version) AS version FROM ${schema}.chidao_schema_migrations
         GROUP BY component ORDER BY component`,
      );
      expect(rows).toEqual(
        [...COMPONENTS]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([component, migrations]) => ({ component, version: migrations.length })),
      );
    } finally {
      await client.end();
    }
  });

  it('creates again the read models a restore left out, which the bookkeeping lists as applied', async () => {
    const schema = fresh();
    const env = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
    };
    expect((await runMigrate([], env)).code).toBe(0);
    // What a dump made with --exclude-table="<schema>.rm_*" gives back.
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `DROP TABLE ${schema}.rm_projections, ${schema}.rm_generations, ${schema}.rm_checkpoints,
           ${schema}.rm_source_checkpoints`,
      );
    } finally {
      await client.end();
    }
    const run = await runMigrate([], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'read-models (PostgreSQL): rm_projections, rm_generations, rm_checkpoints, ' +
        'rm_source_checkpoints missing (restored without the read models): created again at ' +
        `version ${readModelMigrations.length}, empty`,
    );
    const again = await runMigrate([], env);
    expect(again.stdout).toContain(
      `read-models (PostgreSQL): up to date at version ${readModelMigrations.length}`,
    );
    expect(again.stdout).toContain('nothing applied');
  });

  it('takes the database from --db and --schema instead of the environment', async () => {
    const schema = fresh();
    const run = await runMigrate(['--db', url, '--schema', schema], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`log in PostgreSQL ${url} (schema ${schema})`);
    expect(run.stdout).toContain(`applied ${TOTAL} migration(s)`);
  });
});
