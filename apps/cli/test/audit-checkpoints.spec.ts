import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checkpointer, FileWitness, loadCheckpointKey } from '@chidao/audit';
import { appendReplayFixture } from '@chidao/audit/testing';
import { runCli, TempDataDirs, type DataDir } from './support';

/**
 * The key and the witness file live outside the data directory; the attacker edits the data
 * directory only, and recomputes the chains with Chidao's own code (SqliteLogTamper).
 */
describe('chidao audit keygen, and verify against signed checkpoints', () => {
  const dirs = new TempDataDirs();
  let data: DataDir;
  let outside: string;
  let keyPath: string;
  let witnessPath: string;

  beforeEach(async () => {
    data = dirs.create();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-witness-'));
    keyPath = path.join(outside, 'checkpoint.key');
    witnessPath = path.join(outside, 'witness.jsonl');
    const keygen = await runCli(['audit', 'keygen', '--out', keyPath]);
    expect(keygen.code).toBe(0);
    expect(keygen.stdout).toContain(`${keyPath}.pub`);
    expect(fs.statSync(keyPath).mode & 0o777).toBe(0o600);
    await data.withLog(async (events) => {
      const checkpointer = new Checkpointer({
        eventStore: events,
        key: loadCheckpointKey(keyPath, data.dir),
        witnesses: [new FileWitness(witnessPath)],
      });
      await appendReplayFixture(events, data.clock);
      await checkpointer.stop();
    });
  });
  afterEach(() => {
    dirs.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const verify = () =>
    runCli([
      'audit',
      'verify',
      '--data-dir',
      data.dir,
      '--witness-file',
      witnessPath,
      '--public-key',
      `${keyPath}.pub`,
    ]);

  it('exits 0 on the intact log and counts the checkpoint', async () => {
    const run = await verify();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('signed checkpoints checked: 1');
  });

  it('exits 1 on an event edited and rehashed, naming it', async () => {
    data.tamper.forgeEventData(4, { percent: 100 });
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('loại / kind: event_rewritten');
    expect(run.stdout).toContain('vị trí / position: 4');
    expect(run.stdout).toContain('luồng / stream: task-t1');
    expect(run.stdout).toMatch(/loại sự kiện \/ event type: \w+/);
  });

  it('exits 1 on the newest event deleted', async () => {
    data.tamper.deleteAfter(6);
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('loại / kind: truncated');
    expect(run.stdout).toContain('vị trí / position: 7');
  });

  it('refuses to overwrite an existing key', async () => {
    const again = await runCli(['audit', 'keygen', '--out', keyPath]);
    expect(again.code).not.toBe(0);
  });
});
