import type { Pool } from 'pg';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { migrate, MigrationError, openPgPool, type Migration } from '../src/postgres';

const v1: Migration = { version: 1, name: 'notes', sql: 'CREATE TABLE notes (id int PRIMARY KEY)' };
const v2: Migration = { version: 2, name: 'notes.body', sql: 'ALTER TABLE notes ADD body text' };

describeWithPostgres('PostgreSQL migrations', (url) => {
  let schema: string;
  const pools: Pool[] = [];
  const open = async () => {
    const pool = await openPgPool({ url, schema, max: 2 });
    pools.push(pool);
    return pool;
  };
  beforeEach(() => (schema = uniqueSchema('mig')));
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await dropSchema(url, schema);
  });

  it('applies the missing migrations in order, once, and records them', async () => {
    const pool = await open();
    expect(await migrate(pool, 'notes', [v1])).toEqual({
      component: 'notes',
      applied: [1],
      version: 1,
    });
    expect(await migrate(pool, 'notes', [v1, v2])).toMatchObject({ applied: [2], version: 2 });
    expect(await migrate(pool, 'notes', [v1, v2])).toMatchObject({ applied: [] });
    await pool.query("INSERT INTO notes (id, body) VALUES (1, 'x')");
    const { rows } = await pool.query(
      'SELECT version, name FROM chidao_schema_migrations WHERE component = $1 ORDER BY version',
      ['notes'],
    );
    expect(rows).toEqual([
      { version: 1, name: 'notes' },
      { version: 2, name: 'notes.body' },
    ]);
  });

  it('applies each migration exactly once when several processes start together', async () => {
    const racers = await Promise.all([open(), open(), open(), open()]);
    const results = await Promise.all(racers.map((pool) => migrate(pool, 'notes', [v1, v2])));
    expect(results.flatMap((result) => result.applied).sort()).toEqual([1, 2]);
  });

  it('refuses an applied migration whose text changed, and a database newer than the build', async () => {
    const pool = await open();
    await migrate(pool, 'notes', [v1, v2]);
    const edited = { ...v2, sql: 'ALTER TABLE notes ADD body varchar(10)' };
    await expect(migrate(pool, 'notes', [v1, edited])).rejects.toThrow(
      /migration 2 \(notes.body\) was changed after it was applied/,
    );
    await expect(migrate(pool, 'notes', [v1])).rejects.toThrow(MigrationError);
    await expect(migrate(pool, 'notes', [v1])).rejects.toThrow(/newer than this build/);
  });

  it('rolls back a failing migration and leaves the earlier ones', async () => {
    const pool = await open();
    const broken: Migration = { version: 2, name: 'broken', sql: 'ALTER TABLE nowhere ADD x int' };
    await expect(migrate(pool, 'notes', [v1, broken])).rejects.toThrow(/nowhere/);
    expect(await migrate(pool, 'notes', [v1, v2])).toMatchObject({ applied: [2] });
  });
});
