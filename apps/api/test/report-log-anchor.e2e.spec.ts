import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkPaperAnchor, parsePaperAnchor } from '@chidao/audit';
import { formatCount } from '@chidao/domain';
import {
  computeLogDigest,
  groupDigest,
  openEventStore,
  type EventStore,
} from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { AnchorSchedulerService } from '../src/audit/anchor-scheduler.service';
import { seedProvince, type Province } from './support/province';
import { asBuffer } from './support/response-body';
import { registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every report snapshot carries the log digest at its position and the day's anchor it continued
 * from, prints them in its documents, and verify recomputes the digest from the log alone.
 */
describe('the log anchor of a report snapshot', () => {
  let t: TestApp;
  let p: Province;
  let log: EventStore;
  let anchor: { day: string; position: number; anchorDigest: string; logDigest: string };
  let report: {
    id: string;
    position: number;
    digest: string;
    logAnchor: { position: number; logDigest: string; dailyAnchor: unknown };
  };
  let directiveId: string;

  /** A file answer as bytes. */
  const download = (url: string) =>
    t.http.get(url).set(p.headers('tracker')).buffer(true).parse(asBuffer).expect(200);

  beforeAll(async () => {
    t = await startTestApp({
      now: '2024-07-20T03:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    log = await openEventStore({ kind: 'sqlite', path: t.config.eventStorePath });
    // A directive with no task in the quarter: deleting it later changes no figure.
    directiveId = await registerDirective(t, p, {
      reference: '99/TB-UBND',
      issuedOn: '2024-07-02',
      title: 'Thông báo kết luận giao ban tháng 7',
    });
    // Just after midnight in Hà Nội: the day's anchor covers everything so far.
    t.clock.set('2024-07-20T17:30:00Z');
    const taken = await t.app.get(AnchorSchedulerService).tick();
    anchor = taken.anchor;

    const quarterPlan = await registerDirective(t, p, {
      reference: '45/KH-UBND',
      issuedOn: '2024-04-02',
      title: 'Kế hoạch quý II',
    });
    await t.http
      .post(`/api/directives/${quarterPlan}/tasks`)
      .set(p.headers('leader'))
      .send({
        title: 'Kế hoạch chuyển đổi IPv6',
        leadAgency: 'STTTT',
        deadline: '2024-05-31',
        occurredOn: '2024-04-05',
      })
      .expect(201);
    const response = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    report = response.body;
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  it('shows the log digest at the snapshot position and the day’s anchor it started from', async () => {
    expect(anchor.day).toBe('2024-07-21');
    expect(report.position).toBeGreaterThan(anchor.position);
    const { body } = await t.http
      .get(`/api/reports/${report.id}`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(body.logAnchor).toEqual({
      position: report.position,
      logDigest: (await computeLogDigest(log, report.position)).digest,
      dailyAnchor: {
        day: '2024-07-21',
        position: anchor.position,
        anchorDigest: anchor.anchorDigest,
      },
    });
    expect(body.digest).toBe(report.digest);
  });

  it('verifies the log digest from position 0 and the anchor against the stored one', async () => {
    const { body } = await t.http
      .get(`/api/reports/${report.id}/verify`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(body).toMatchObject({
      identical: true,
      digestValid: true,
      logDigestValid: true,
      recomputedLogDigest: report.logAnchor.logDigest,
      dailyAnchorValid: true,
      integrity: { ok: true },
    });
  });

  it('prints the line in the text, the workbook and the Word document', async () => {
    const line =
      `Neo nhật ký: vị trí ${formatCount(report.position)}, ` +
      `mã SHA-256 ${groupDigest(report.logAnchor.logDigest)} ` +
      `(neo ngày 21/07/2024: vị trí ${formatCount(anchor.position)}, ` +
      `mã neo ${groupDigest(anchor.anchorDigest)}).`;
    const text = await t.http
      .get(`/api/reports/${report.id}/text`)
      .set(p.headers('tracker'))
      .expect(200);
    expect(text.text).toContain(line);
    // What an auditor types in from the printed report checks against the log alone.
    const paper = parsePaperAnchor(text.text);
    expect(paper).toEqual({
      day: null,
      position: report.position,
      digest: report.logAnchor.logDigest,
    });
    expect(await checkPaperAnchor(log, paper!)).toMatchObject({ ok: true, problem: null });

    const xlsx = await download(`/api/reports/${report.id}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const cells: unknown[] = [];
    workbook.getWorksheet('Tổng hợp')!.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain(line);

    const docx = await download(`/api/reports/${report.id}.docx`);
    const xml = await (
      await JSZip.loadAsync(docx.body as Buffer)
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(line);
  });

  it('no longer verifies once a whole stream is deleted, even with positions and chains redone', async () => {
    // Deletes the stream, renumbers positions 1..n and recomputes every chain.
    const tamper = new SqliteLogTamper(t.config.eventStorePath);
    expect(tamper.eraseStream(`directive-${directiveId}`)).toHaveLength(1);
    const { body } = await t.http
      .get(`/api/reports/${report.id}/verify`)
      .set(p.headers('auditor'))
      .expect(200);
    // The figures, the snapshot's own digest and the hash chains all still agree…
    expect(body).toMatchObject({ identical: true, digestValid: true, integrity: { ok: true } });
    // …only the log digest tells that the log is not the one the report was taken from.
    expect(body.logDigestValid).toBe(false);
    expect(body.recomputedLogDigest).not.toBe(report.logAnchor.logDigest);
  });
});
