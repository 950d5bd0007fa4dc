import { ensureDailyAnchor, formatAnchorForPaper, groupDigest } from '@chidao/audit';
import { appendReplayFixture } from '@chidao/audit/testing';
import { runCli, TempDataDirs, type DataDir } from './support';

describe('chidao audit check-anchor', () => {
  const dirs = new TempDataDirs();
  let data: DataDir;
  let printed: string;
  let digest: string;

  beforeEach(async () => {
    data = dirs.create();
    await data.withLog(async (events, anchors) => {
      await appendReplayFixture(events, data.clock);
      // The anchor of 3 April (VN), as printed at the foot of a report.
      const result = await ensureDailyAnchor(events, anchors, new Date('2024-04-03T01:00:00.000Z'));
      printed = formatAnchorForPaper(result.anchor);
      digest = result.anchor.logDigest;
    });
  });
  afterEach(() => dirs.cleanup());

  const check = (text: string) =>
    runCli(['audit', 'check-anchor', '--text', text, '--data-dir', data.dir]);

  it('exits 0 when the log still yields the printed digest', async () => {
    expect(printed).toBe(
      `Neo nhật ký ngày 03/04/2024: vị trí 7, mã SHA-256 ${groupDigest(digest)}`,
    );
    const run = await check(printed);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('KHỚP: nhật ký đến vị trí 7 cho đúng mã SHA-256');
    expect(run.stdout).toContain('mốc neo lưu / stored anchor: same');
  });

  it('exits 1 when the paper and the log disagree: altered paper, altered log, shortened log', async () => {
    const last = digest[63] === '0' ? '1' : '0';
    const otherPaper = await check(printed.slice(0, -1) + last);
    expect(otherPaper.code).toBe(1);
    expect(otherPaper.stdout).toContain('KHÔNG KHỚP');
    expect(otherPaper.stdout).toContain('mốc neo lưu / stored anchor: different');

    // Rewritten with the hashes recomputed: the chains hold, the printed digest does not.
    data.tamper.forgeEventData(4, {
      agency: 'STC',
      role: 'support',
      percent: 100,
      note: 'Đã xong',
      documents: [],
    });
    const edited = await check(printed);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('cho ra mã khác bản in (neo ngày 03/04/2024)');
    expect(edited.stdout).toContain(`mã in trên báo cáo / printed: ${groupDigest(digest)}`);
    expect(edited.stdout).toContain('mã tính từ nhật ký / computed:');

    data.tamper.run('DELETE FROM event_log WHERE position = 7');
    const shortened = await check(printed);
    expect(shortened.code).toBe(1);
    expect(shortened.stdout).toContain('nhật ký chỉ có đến vị trí 6');
  });

  it('exits 2 on text that is not an anchor line', async () => {
    const run = await check('Báo cáo quý II năm 2024');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Không đọc được dòng neo');
  });
});
