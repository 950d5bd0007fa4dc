import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCheckpointKey, type SignedCheckpoint } from '@chidao/audit';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The API signs checkpoints of the whole log with a key outside its data directory and appends
 * them to a witness file outside it. An attacker who holds the data directory (not the key, not
 * the witness) edits an event and recomputes its stream's chain with Chidao's own code, or
 * deletes the newest event, on a copy of a real data directory: the API started on that copy
 * says so in GET /api/audit/verify, naming the event.
 */
describe('signed checkpoints: GET /api/audit/verify against the witness', () => {
  const NOW = '2024-07-20T03:00:00Z';
  let outside: string;
  let original: string;
  let env: Record<string, string>;
  let p: Province;
  let taskStream: string;
  let headAtClose: number;
  const copies: string[] = [];

  const witness = (): SignedCheckpoint[] =>
    fs
      .readFileSync(env.CHIDAO_AUDIT_WITNESS_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SignedCheckpoint);

  beforeAll(async () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-witness-'));
    original = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-api-'));
    const key = path.join(outside, 'checkpoint.key');
    generateCheckpointKey(key);
    env = {
      CHIDAO_ACCESS_TOKEN_TTL: '86400',
      CHIDAO_AUDIT_SIGNING_KEY: key,
      CHIDAO_AUDIT_WITNESS_FILE: path.join(outside, 'witness.jsonl'),
    };
    const t = await startTestApp({ now: NOW, env, dataDir: original });
    p = await seedProvince(t);
    const directive = await registerDirective(t, p);
    await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    expect(witness().at(-1)).toMatchObject({ reason: 'report' });
    const taskId = await assignReceivedTask(t, p, directive, {
      title: 'Kế hoạch chuyển đổi IPv6',
      leadAgency: 'STTTT',
      deadline: '2024-09-30',
      occurredOn: '2024-01-22',
    });
    taskStream = `task-${taskId}`;
    headAtClose = (await t.http.get('/ready')).body.headPosition as number;
    await t.close();
  });

  afterAll(() => {
    for (const dir of [outside, original, ...copies])
      fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the closed data directory, edited, and the API started on it. */
  async function startOnTamperedCopy(edit: (tamper: SqliteLogTamper) => void): Promise<TestApp> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-copy-'));
    copies.push(copy);
    fs.cpSync(original, copy, { recursive: true });
    edit(new SqliteLogTamper(path.join(copy, 'chidao.sqlite')));
    return startTestApp({ now: NOW, env, dataDir: copy });
  }

  it('witnessed checkpoints at the report and at shutdown, the last covering the whole log', () => {
    const records = witness();
    expect(records.map((c) => c.reason)).toEqual(expect.arrayContaining(['report', 'shutdown']));
    expect(records.at(-1)).toMatchObject({ reason: 'shutdown', position: headAtClose });
    records.slice(1).forEach((c, i) => expect(c.previousPosition).toBe(records[i].position));
  });

  it('names the event edited and rehashed on a copy of the data directory', async () => {
    let forged = { position: 0, type: '' };
    const t = await startOnTamperedCopy((tamper) => {
      forged = tamper.edit(
        (db) =>
          db
            .prepare(
              'SELECT position, type FROM event_log WHERE stream_id = ? AND stream_version = 1',
            )
            .get(taskStream) as { position: number; type: string },
      );
      tamper.forgeEventData(forged.position, { title: 'Đã sửa' });
    });
    try {
      const { body } = await t.http.get('/api/audit/verify').set(p.headers('auditor')).expect(200);
      expect(body.ok).toBe(false);
      // The report was taken before the task's events: its recorded digest still holds.
      expect(body.reportsChecked).toBe(1);
      expect(body.firstBreak).toMatchObject({
        kind: 'event_rewritten',
        position: forged.position,
        streamId: taskStream,
        streamVersion: 1,
        eventType: forged.type,
      });
    } finally {
      await t.close();
    }
  });

  it('names the position of the newest event deleted on a copy, or of the event put in its place', async () => {
    const t = await startOnTamperedCopy((tamper) => tamper.deleteAfter(headAtClose - 1));
    try {
      // An administrator's verify appends nothing: the log simply ends too early.
      const cut = await t.http.get('/api/audit/verify').set(p.headers('admin')).expect(200);
      expect(cut.body).toMatchObject({
        ok: false,
        firstBreak: { kind: 'truncated', position: headAtClose, actual: headAtClose - 1 },
      });
      // An auditor's read is itself logged, at the position the deleted event held.
      const { body } = await t.http.get('/api/audit/verify').set(p.headers('auditor')).expect(200);
      expect(body.firstBreak).toMatchObject({
        kind: 'event_rewritten',
        position: headAtClose,
        eventType: 'AuditorReadRecorded',
      });
    } finally {
      await t.close();
    }
  });

  it('refuses to start with the signing key inside the data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-api-'));
    copies.push(dataDir);
    const inside = path.join(dataDir, 'checkpoint.key');
    generateCheckpointKey(inside);
    await expect(
      startTestApp({ now: NOW, dataDir, env: { ...env, CHIDAO_AUDIT_SIGNING_KEY: inside } }),
    ).rejects.toThrow(/inside the data directory/);
  });
});
