import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app';

/** Item 16 of issue 16: nobody but the account Chidao runs as can read its data. */
describe('data directory and file modes', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-modes-'));
  let t: TestApp | undefined;
  let umask: number;

  // The most permissive umask: the modes must come from Chidao, not from the environment.
  beforeEach(() => (umask = process.umask(0)));
  afterEach(async () => {
    await t?.close();
    t = undefined;
    process.umask(umask);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Every entry under dir (dir included) with its permission bits, e.g. { 'chidao.sqlite': '600' }. */
  function modesUnder(dir: string): Record<string, string> {
    const modes: Record<string, string> = { '.': (fs.statSync(dir).mode & 0o777).toString(8) };
    for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) {
      modes[entry] = (fs.statSync(path.join(dir, entry)).mode & 0o777).toString(8);
    }
    return modes;
  }

  /** Writes through the API, so the log, read models and idempotency store all have files. */
  async function write(app: TestApp): Promise<void> {
    const token = await app.login(ADMIN.username, ADMIN.password);
    const created = await app.http
      .post('/api/agencies')
      .set(bearer(token))
      .set('Idempotency-Key', 'modes-1')
      .send({ code: 'UBND-TINH', name: 'UBND tỉnh Hà Tĩnh', parent: null, kind: 'province' });
    expect(created.status).toBe(201);
  }

  it('a fresh data directory is 0700 and every file in it 0600, WAL and SHM included', async () => {
    const dataDir = path.join(root, 'fresh', 'data');
    t = await startTestApp({ dataDir });
    await write(t);
    const modes = modesUnder(dataDir);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(['chidao.sqlite', 'chidao.sqlite-wal', 'chidao.sqlite-shm']),
    );
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(['jwt-secret', 'idempotency.sqlite']),
    );
    expect(modes['.']).toBe('700');
    expect(Object.entries(modes).filter(([name]) => name !== '.')).toEqual(
      Object.keys(modes)
        .filter((name) => name !== '.')
        .map((name) => [name, fs.statSync(path.join(dataDir, name)).isDirectory() ? '700' : '600']),
    );
  });

  it('a data directory left world-readable by an earlier version is tightened at start', async () => {
    const dataDir = path.join(root, 'old');
    t = await startTestApp({ dataDir });
    await write(t);
    await t.close();
    t = undefined;
    fs.chmodSync(dataDir, 0o755);
    for (const entry of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, entry), 0o644);

    t = await startTestApp({ dataDir });
    await t.login(ADMIN.username, ADMIN.password);
    const modes = modesUnder(dataDir);
    expect(modes['.']).toBe('700');
    for (const file of ['chidao.sqlite', 'idempotency.sqlite']) expect(modes[file]).toBe('600');
    expect(Object.values(modes).filter((mode) => mode === '644')).toEqual([]);
  });
});
