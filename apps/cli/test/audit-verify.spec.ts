import { ensureDailyAnchor } from '@chidao/audit';
import { appendReplayFixture } from '@chidao/audit/testing';
import { runCli, TempDataDirs, type DataDir } from './support';

describe('chidao audit verify', () => {
  const dirs = new TempDataDirs();
  let data: DataDir;

  /** The fixture (7 events), anchored at the end of 2 April, then one more event. */
  beforeEach(async () => {
    data = dirs.create();
    await data.withLog(async (events, anchors) => {
      await appendReplayFixture(events, data.clock);
      await ensureDailyAnchor(events, anchors, new Date('2024-04-02T16:00:00.000Z'));
      data.clock.set('2024-04-03T02:00:00.000Z');
      await events.append('task-t2', [
        {
          type: 'TaskReceived',
          schemaVersion: 1,
          data: { agency: 'STC' },
          metadata: { actor: 'staff-2', agency: 'STC', correlationId: 'c8', causationId: null },
          occurredOn: '2024-04-03',
        },
      ]);
    });
  });
  afterEach(() => dirs.cleanup());

  const verify = () => runCli(['audit', 'verify', '--data-dir', data.dir]);

  it('exits 0 on an intact log and says what it checked', async () => {
    const run = await verify();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'NGUYÊN VẸN: đã kiểm tra 8 sự kiện thuộc 3 luồng và 1 mốc neo hằng ngày; vị trí cuối 8.',
    );
    expect(run.stdout).toContain('INTACT: 8 events in 3 streams and 1 anchors checked');
  });

  it('exits 1 on an event edited in the file, naming its stream and version', async () => {
    data.tamper.run(
      `UPDATE event_log SET data = json_set(data, '$.percent', 100) WHERE stream_id = ? AND stream_version = ?`,
      'task-t1',
      3,
    );
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('PHÁT HIỆN SAI LỆCH / BREAK FOUND: Một sự kiện không khớp mã băm');
    expect(run.stdout).toContain('loại / kind: hash_mismatch');
    expect(run.stdout).toContain('luồng / stream: task-t1');
    expect(run.stdout).toContain('phiên bản / version: 3');
    expect(run.stdout).toContain('vị trí / position: 4');
  });

  it('exits 1 on a deleted event, naming the missing position', async () => {
    data.tamper.run('DELETE FROM event_log WHERE position = 6');
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Vị trí trong nhật ký bị đứt quãng');
    expect(run.stdout).toContain('loại / kind: position_gap');
    expect(run.stdout).toContain('mong đợi / expected: 6');
  });

  it('exits 1 on an altered anchor, naming its day', async () => {
    data.tamper.run(`UPDATE log_anchors SET position = 6 WHERE day = '2024-04-02'`);
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Chuỗi mốc neo hằng ngày bị đứt');
    expect(run.stdout).toContain('loại / kind: anchor_chain_broken');
    expect(run.stdout).toContain('mốc neo ngày / anchor day: 2024-04-02');
  });

  it('exits 2 when there is nothing to verify at the place given', async () => {
    const run = await runCli(['audit', 'verify', '--data-dir', `${data.dir}-missing`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Không tìm thấy tệp nhật ký');
  });
});
