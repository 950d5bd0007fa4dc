/**
 * Password hashes stay out of every reader of the log (issue 16, item 1): new events name a
 * row of the credential store instead of carrying the hash, and the hashes an older log holds
 * (version-1 UserPasswordSet, written raw here) are copied into the credential store at start,
 * so their users log in, and left out by every reader, API, CLI and Kafka encoding alike.
 */
import { initialUserState, STREAMS, usernameReservation } from '@chidao/domain';
import { SqliteEventStore, type EventMetadata, type StoredEvent } from '@chidao/event-store';
import { encodeEvent } from '@chidao/messaging';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../cli/test/support';
import { hashPassword } from '../src/identity/password-hasher';
import { asText } from './support/response-body';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app';

// What the API's hasher writes, and the field that held it in version 1 of UserPasswordSet.
const HASH_MARKS = /scrypt\$|passwordHash/;

const LEGACY = {
  userId: '0b6f8a52-3c1e-4d7a-9f2b-5e8c1d4a7b90',
  username: 'cuquantri',
  password: 'mat-khau-cu-2019',
};

async function storedEvents(dataDir: string): Promise<StoredEvent[]> {
  const store = SqliteEventStore.open({
    path: path.join(dataDir, 'chidao.sqlite'),
    readonly: true,
  });
  try {
    const all: StoredEvent[] = [];
    for await (const batch of store.readAll()) all.push(...batch);
    return all;
  } finally {
    await store.close();
  }
}

/** Everything an administrator or an auditor can read of users and of the log, over HTTP. */
async function everyReaderOverHttp(
  t: TestApp,
  token: string,
  userId: string,
  role: 'admin' | 'auditor',
): Promise<string[]> {
  const get = (url: string) => t.http.get(url).set(bearer(token)).buffer(true).parse(asText);
  const answers = await Promise.all([
    get('/api/audit/events?format=ndjson'),
    get('/api/audit/events?format=csv'),
    get(`/api/audit/events?format=ndjson&stream=user-${userId}`),
    get('/api/audit/verify'),
    get('/api/auth/me'),
    // The user register is the administrator's alone.
    ...(role === 'admin' ? [get('/api/users')] : []),
  ]);
  for (const answer of answers) expect(answer.status).toBe(200);
  return answers.map((answer) => answer.body as string);
}

/** The log as the CLI replays it from the data directory, on stdout. */
async function cliReplay(dataDir: string): Promise<string> {
  const period = ['--from', '2024-01-01', '--to', '2024-12-31'];
  const run = await runCli(['audit', 'replay', ...period, '--data-dir', dataDir]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('"UserPasswordSet"');
  return run.stdout;
}

describe('password hashes and the log', () => {
  jest.setTimeout(60_000);
  let t: TestApp | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps new hashes out of the log: no reader (API, CLI, Kafka) shows one, and login works', async () => {
    // Our own directory: the CLI reads it once the app has closed.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-credentials-'));
    dirs.push(dataDir);
    t = await startTestApp({ dataDir });
    const admin = await t.login(ADMIN.username, ADMIN.password);
    const created = await t.http
      .post('/api/users')
      .set(bearer(admin))
      .send({
        username: 'kiemtoan',
        displayName: 'Kiểm toán viên',
        roles: ['auditor'],
        password: 'first-password-2024',
      });
    expect(created.status).toBe(201);
    const userId = created.body.id as string;
    const changed = await t.http
      .patch(`/api/users/${userId}`)
      .set(bearer(admin))
      .send({ password: 'second-password-2024' });
    expect(changed.status).toBe(200);
    expect(changed.body.hasPassword).toBe(true);
    const auditor = await t.login('kiemtoan', 'second-password-2024');
    const refused = await t.http
      .post('/api/auth/login')
      .send({ username: 'kiemtoan', password: 'first-password-2024' });
    expect(refused.status).toBe(401);

    const texts = [
      ...(await everyReaderOverHttp(t, admin, userId, 'admin')),
      ...(await everyReaderOverHttp(t, auditor, userId, 'auditor')),
    ];
    for (const text of texts) expect(text).not.toMatch(HASH_MARKS);
    // The log says a password was set, by whom: nothing more.
    const ndjson = texts[2]
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const passwordSets = ndjson.filter((event) => event.type === 'UserPasswordSet');
    expect(passwordSets).toHaveLength(2);
    for (const event of passwordSets) {
      expect(Object.keys(event.data).sort()).toEqual(['credentialId', 'userId']);
      expect(event.actor).not.toBe(userId);
    }
    await t.close();
    t = undefined;

    const stored = await storedEvents(dataDir);
    expect(JSON.stringify(stored)).not.toMatch(HASH_MARKS);
    for (const event of stored) expect(String(encodeEvent(event).value)).not.toMatch(HASH_MARKS);
    expect(await cliReplay(dataDir)).not.toMatch(HASH_MARKS);
  });

  describe('an older log, with a hash in a version-1 UserPasswordSet', () => {
    let dataDir: string;
    let legacyHash: string;

    beforeEach(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-legacy-'));
      dirs.push(dataDir);
      legacyHash = await hashPassword(LEGACY.password);
      const store = SqliteEventStore.open({ path: path.join(dataDir, 'chidao.sqlite') });
      const metadata: EventMetadata = {
        actor: 'system:bootstrap',
        actorRoles: ['admin'],
        agency: null,
        correlationId: 'bootstrap',
        causationId: null,
      };
      const occurredOn = '2024-01-02';
      const user = {
        userId: LEGACY.userId,
        username: LEGACY.username,
        displayName: 'Quản trị cũ',
        roles: ['admin' as const],
        agency: null,
      };
      const reservation = usernameReservation(
        { ...initialUserState, ...user, exists: true, active: true },
        occurredOn,
      );
      try {
        // Raw, as the Chidao of before wrote them.
        await store.appendMany([
          {
            streamId: STREAMS.user.of(LEGACY.userId),
            expectedVersion: 'no_stream',
            events: [
              { type: 'UserCreated', schemaVersion: 1, data: user, metadata, occurredOn },
              {
                type: 'UserPasswordSet',
                schemaVersion: 1,
                data: { userId: LEGACY.userId, passwordHash: legacyHash },
                metadata,
                occurredOn,
              },
            ],
          },
          {
            streamId: reservation.streamId,
            expectedVersion: 'no_stream',
            events: [{ ...reservation.event, metadata }],
          },
        ]);
      } finally {
        await store.close();
      }
    });

    it('lets its user log in, restart after restart, and no reader reveals the hash', async () => {
      const before = await storedEvents(dataDir);
      expect(JSON.stringify(before)).toContain(legacyHash);

      t = await startTestApp({ dataDir });
      const token = await t.login(LEGACY.username, LEGACY.password);
      const refused = await t.http
        .post('/api/auth/login')
        .send({ username: LEGACY.username, password: 'not-the-password' });
      expect(refused.status).toBe(401);
      for (const text of await everyReaderOverHttp(t, token, LEGACY.userId, 'admin')) {
        expect(text).not.toMatch(HASH_MARKS);
      }
      await t.close();
      t = undefined;

      // The import at start is idempotent, and wrote nothing to the log.
      t = await startTestApp({ dataDir });
      await t.login(LEGACY.username, LEGACY.password);
      await t.close();
      t = undefined;
      const after = await storedEvents(dataDir);
      expect(after).toEqual(before);

      expect(await cliReplay(dataDir)).not.toMatch(HASH_MARKS);
      for (const event of after) expect(String(encodeEvent(event).value)).not.toMatch(HASH_MARKS);
    });

    it('a new password replaces the old hash, which no longer logs in', async () => {
      t = await startTestApp({ dataDir });
      const token = await t.login(LEGACY.username, LEGACY.password);
      const changed = await t.http
        .patch(`/api/users/${LEGACY.userId}`)
        .set(bearer(token))
        .send({ password: 'mat-khau-moi-2024' });
      expect(changed.body).toMatchObject({ hasPassword: true });
      await t.close();
      t = undefined;

      t = await startTestApp({ dataDir });
      await t.login(LEGACY.username, 'mat-khau-moi-2024');
      const old = await t.http
        .post('/api/auth/login')
        .send({ username: LEGACY.username, password: LEGACY.password });
      expect(old.status).toBe(401);
    });
  });
});
