import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { reportDocument, reportTextVi, reportWorkbook, SHEET_NAMES_VI } from '../../src/documents';
import type { ReportSnapshot } from '../../src/report.types';
import { government2017, HA_TINH_OFFICE, haTinh2024 } from './fixtures';

/** Every report prints the log digest at its position, as anchors are printed for paper. */

const LOG_DIGEST = '3f7a0c1d5e2b4a69c0ffee00deadbeef0123456789abcdef0011223344556677';
const ANCHOR_DIGEST = '9a8b7c6d5e4f30211203f4e5d6c7b8a9aabbccddeeff00112233445566778899';

const anchored = (snapshot: ReportSnapshot, daily: boolean): ReportSnapshot => ({
  ...snapshot,
  logAnchor: {
    position: snapshot.position,
    logDigest: LOG_DIGEST,
    dailyAnchor: daily
      ? { day: '2017-12-26', position: 1_250_004, anchorDigest: ANCHOR_DIGEST }
      : null,
  },
});

const LINE =
  'Neo nhật ký: vị trí 1.250.311, mã SHA-256 3f7a0c1d 5e2b4a69 c0ffee00 deadbeef 01234567 ' +
  '89abcdef 00112233 44556677 (neo ngày 26/12/2017: vị trí 1.250.004, mã neo 9a8b7c6d ' +
  '5e4f3021 1203f4e5 d6c7b8a9 aabbccdd eeff0011 22334455 66778899).';

async function documentText(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function summaryInfo(xlsx: Buffer): Promise<Map<unknown, unknown>> {
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const info = new Map<unknown, unknown>();
  workbook.getWorksheet(SHEET_NAMES_VI.summary)!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (values.length === 2) info.set(values[0], values[1]);
  });
  return info;
}

describe('the log anchor line of the documents', () => {
  it('ends the text with the position, the digest in groups of 8 and the daily anchor', () => {
    const text = reportTextVi(anchored(government2017(), true));
    expect(text.endsWith(`\n\n${LINE}\n`)).toBe(true);

    const noDaily = reportTextVi(anchored(government2017(), false));
    expect(noDaily).toContain(
      'Neo nhật ký: vị trí 1.250.311, mã SHA-256 3f7a0c1d 5e2b4a69 c0ffee00 deadbeef ' +
        '01234567 89abcdef 00112233 44556677.\n',
    );
    expect(noDaily).not.toContain('neo ngày');
  });

  it('puts the same line on the summary sheet of the workbook', async () => {
    const info = await summaryInfo(await reportWorkbook(anchored(government2017(), true)));
    expect(info.get('Neo nhật ký')).toBe(LINE);
  });

  it('prints the same line in the Word document and keeps the digest in its properties', async () => {
    const docx = await reportDocument(anchored(government2017(), true), HA_TINH_OFFICE);
    expect(await documentText(docx)).toContain(LINE);
    const core = await (await JSZip.loadAsync(docx)).file('docProps/core.xml')!.async('string');
    expect(core).toContain(`nhật ký SHA-256 ${LOG_DIGEST}`);
  });

  it('prints no anchor line for a snapshot taken before log anchors existed', async () => {
    const old = haTinh2024();
    expect(old.logAnchor).toBeUndefined();
    expect(reportTextVi(old)).not.toContain('Neo nhật ký');
    expect((await summaryInfo(await reportWorkbook(old))).has('Neo nhật ký')).toBe(false);
    expect(await documentText(await reportDocument(old, HA_TINH_OFFICE))).not.toContain(
      'Neo nhật ký',
    );
  });
});
