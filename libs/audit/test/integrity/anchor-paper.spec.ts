import { ensureDailyAnchor } from '../../src/integrity/anchor-daily';
import {
  checkPaperAnchor,
  formatAnchorForPaper,
  groupDigest,
  parsePaperAnchor,
} from '../../src/integrity/anchor-paper';
import { computeLogDigest } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { createAnchor, type Anchor } from '../../src/integrity/log-anchor';
import { verifyIntegrity } from '../../src/integrity/verify-integrity';
import { appendRoundRobin, at, TempLogs } from './support';

const DIGEST = '3f7a0c1d5e2b4a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccd';

describe('anchors on paper', () => {
  const temp = new TempLogs();
  afterEach(() => temp.cleanup());

  it('prints the day, the position with Vietnamese digit grouping and the digest in groups of 8', () => {
    const anchor = createAnchor({
      day: '2024-05-27',
      position: 12345,
      logDigest: DIGEST,
      previousAnchorDigest: '0'.repeat(64),
      createdAt: '2024-05-27T00:30:00.000Z',
    });
    expect(formatAnchorForPaper(anchor)).toBe(
      'Neo nhật ký ngày 27/05/2024: vị trí 12.345, mã SHA-256 ' +
        '3f7a0c1d 5e2b4a69 78c0d1e2 f3a4b5c6 d7e8f901 12233445 56677889 9aabbccd',
    );
    expect(formatAnchorForPaper({ ...anchor, position: 7 })).toContain('vị trí 7,');
    expect(formatAnchorForPaper({ ...anchor, position: 1234567 })).toContain('vị trí 1.234.567,');
  });

  it('reads a printed line back, as an auditor types it', () => {
    const line = formatAnchorForPaper({ day: '2024-05-27', position: 12345, logDigest: DIGEST });
    expect(parsePaperAnchor(line)).toEqual({ day: '2024-05-27', position: 12345, digest: DIGEST });
    // Decomposed accents, upper case, other spacing, inside a longer text.
    const typed = `Trang 3. ${line.normalize('NFD').toUpperCase().replace(/ /g, '  ')} (hết)`;
    expect(parsePaperAnchor(typed)).toEqual({ day: '2024-05-27', position: 12345, digest: DIGEST });
    expect(
      parsePaperAnchor('Neo nhật ký ngày 31/02/2024: vị trí 1, mã SHA-256 ' + DIGEST),
    ).toBeNull();
    expect(parsePaperAnchor('Neo nhật ký ngày 27/05/2024: vị trí 1, mã SHA-256 abc')).toBeNull();
  });

  it("reads a report's own anchor line (a position, no day), not the daily anchor it names", async () => {
    const { events, anchors } = await temp.open();
    await appendRoundRobin(events, ['task-a', 'task-b'], 7);
    const digest = (await computeLogDigest(events, 7)).digest;
    const other = 'ab'.repeat(32);
    // As libs/reporting prints it at the end of every report (logAnchorLineVi).
    const line =
      `Neo nhật ký: vị trí 7, mã SHA-256 ${groupDigest(digest)} ` +
      `(neo ngày 27/05/2024: vị trí 5, mã neo ${groupDigest(other)}).`;
    const paper = parsePaperAnchor(line);
    expect(paper).toEqual({ day: null, position: 7, digest });
    expect(await checkPaperAnchor(events, paper!, { anchors })).toEqual({
      ok: true,
      problem: null,
      day: null,
      position: 7,
      expectedDigest: digest,
      actualDigest: digest,
      headPosition: 7,
    });
  });

  it('round trip: the log still yields a printed anchor; a changed digest is refused', async () => {
    const { events, anchors } = await temp.open();
    await appendRoundRobin(events, ['task-a', 'task-b'], 9);
    const { anchor } = await ensureDailyAnchor(events, anchors, at('2024-05-27'));
    await appendRoundRobin(events, ['task-a', 'task-b'], 4, 9); // later events do not matter
    const paper = parsePaperAnchor(formatAnchorForPaper(anchor))!;

    expect(await checkPaperAnchor(events, paper, { anchors, batchSize: 2 })).toEqual({
      ok: true,
      problem: null,
      day: '2024-05-27',
      position: 9,
      expectedDigest: anchor.logDigest,
      actualDigest: anchor.logDigest,
      headPosition: 13,
      storedAnchor: 'same',
    });

    const flipped = paper.digest.slice(0, 63) + (paper.digest.endsWith('0') ? '1' : '0');
    expect(
      await checkPaperAnchor(events, { ...paper, digest: flipped }, { anchors }),
    ).toMatchObject({
      ok: false,
      problem: 'digest_mismatch',
      actualDigest: anchor.logDigest,
      storedAnchor: 'different',
    });
    expect(await checkPaperAnchor(events, { ...paper, position: 8 })).toMatchObject({
      ok: false,
      problem: 'digest_mismatch',
    });
    expect(await checkPaperAnchor(events, { ...paper, position: 14 })).toMatchObject({
      ok: false,
      problem: 'beyond_head',
      actualDigest: null,
    });
    expect(await checkPaperAnchor(events, { ...paper, digest: 'xyz' })).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
  });

  it('catches an attacker who rewrote the log and every stored anchor, which verify cannot', async () => {
    const { file, events, anchors } = await temp.open();
    const streams = ['task-a', 'task-b', 'task-doomed'];
    await appendRoundRobin(events, streams, 9);
    await ensureDailyAnchor(events, anchors, at('2024-05-26'));
    await appendRoundRobin(events, streams, 9, 9);
    const { anchor: printed } = await ensureDailyAnchor(events, anchors, at('2024-05-27'));
    const paper = parsePaperAnchor(formatAnchorForPaper(printed))!;

    // Delete a stream, renumber, recompute every chain, then forge the whole anchor table.
    const tamper = new SqliteLogTamper(file);
    tamper.deleteStream('task-doomed');
    tamper.renumberAndRehash();
    const old = await anchors.list();
    tamper.run('DELETE FROM log_anchors');
    const head = await events.headPosition();
    let previous: Anchor | null = null;
    for (const a of old) {
      const position = Math.min(a.position, head);
      const forged = createAnchor({
        ...a,
        position,
        logDigest: (await computeLogDigest(events, position)).digest,
        previousAnchorDigest: previous?.anchorDigest ?? '0'.repeat(64),
      });
      expect((await anchors.insert(forged)).status).toBe('inserted');
      previous = forged;
    }
    expect((await verifyIntegrity(events, anchors)).ok).toBe(true);

    expect(await checkPaperAnchor(events, paper, { anchors })).toMatchObject({
      ok: false,
      problem: 'beyond_head',
      storedAnchor: 'different',
    });
    const earlier = { ...paper, position: 9, digest: old[0].logDigest, day: old[0].day };
    expect(await checkPaperAnchor(events, earlier)).toMatchObject({
      ok: false,
      problem: 'digest_mismatch',
    });
  });
});
