import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describeNotRun, findOnPath, notRun } from '@chidao/event-store/testing';
import JSZip from 'jszip';
import { letterheadFor, reportDocument } from '../../src/documents';
import { HA_TINH_OFFICE, government2017, haTinh2024 } from './fixtures';

const run = promisify(execFile);

async function partOf(docx: Buffer, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file(path);
  if (file === null) throw new Error(`${path} is missing from the .docx`);
  return file.async('string');
}

/** The text of word/document.xml with the markup taken out, runs kept apart by a space. */
const textOf = (xml: string): string =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/ +/g, ' ');

describe('reportDocument', () => {
  it('lays out the ND 30 header, title, sections, signature and recipients', async () => {
    const xml = await partOf(
      await reportDocument(government2017(), HA_TINH_OFFICE),
      'word/document.xml',
    );
    const text = textOf(xml);

    for (const line of [
      'UBND TỈNH HÀ TĨNH',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO',
      'Tình hình thực hiện nhiệm vụ năm 2017 (tính đến ngày 25/12/2017)',
      'I. KẾT QUẢ THỰC HIỆN',
      'II. NHIỆM VỤ QUÁ HẠN',
      'III. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      '- Thường trực Tỉnh ủy;',
      '- Lưu: VT, TH.',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Nguyễn Văn A',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/Số: +\/BC-VP/);
    // The place and date line, in italics (ND 30), dated the Vietnam day the snapshot was taken.
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*Hà Tĩnh, ngày 26 tháng 12 năm 2017/s);
    // The figures and the text of the report.
    for (const figure of ['21.914', '16.051', '14.068', '1.983', '5.640', '223', '98,62%']) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('nhiệm vụ đến hạn đã hoàn thành đạt 98,62%');
    expect(text).toContain('09/CT-TTg');
    expect(text).toContain('30/06/2017');
    expect(text).toContain('(Danh sách nêu 3 trong tổng số 223 nhiệm vụ quá hạn.)');
  });

  it('uses Times New Roman on A4 with the ND 30 margins', async () => {
    const docx = await reportDocument(haTinh2024(), HA_TINH_OFFICE);
    const xml = await partOf(docx, 'word/document.xml');
    const styles = await partOf(docx, 'word/styles.xml');

    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 20 mm top and bottom, 30 mm left, 15 mm right, in twips.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(textOf(xml)).toContain('Hà Tĩnh, ngày 27 tháng 5 năm 2024');
    expect(textOf(xml)).toContain('hoàn thành 27/27 nhiệm vụ, đạt tỷ lệ 100%');
    expect(textOf(xml)).toContain('Không có nhiệm vụ quá hạn.');
  });

  it('writes days under 10 and January, February with a leading zero', async () => {
    const docx = await reportDocument(haTinh2024(), { ...HA_TINH_OFFICE, issuedOn: '2024-02-05' });
    expect(textOf(await partOf(docx, 'word/document.xml'))).toContain(
      'Hà Tĩnh, ngày 05 tháng 02 năm 2024',
    );
  });

  it('fills a missing letterhead from the scope', () => {
    expect(letterheadFor(haTinh2024())).toEqual({
      parentBody: null,
      body: 'Sở Thông tin và Truyền thông',
      symbol: 'SO-TTTT',
      place: '……',
      recipients: ['Lưu: VT'],
      signerTitle: 'Thủ trưởng cơ quan',
      signerName: '',
      number: null,
      issuedOn: null,
    });
    expect(letterheadFor(government2017()).body).toBe('Văn phòng');
  });

  it('has the same document and properties every time for the same snapshot', async () => {
    const parts = async () => {
      const docx = await reportDocument(government2017(), HA_TINH_OFFICE);
      return Promise.all(['word/document.xml', 'docProps/core.xml'].map((p) => partOf(docx, p)));
    };
    const [first, second] = [await parts(), await parts()];
    expect(second).toEqual(first);
    expect(first[1]).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-12-26T02:00:00Z');
  });
});

describe('reportDocument from text an older log or a caller may hold', () => {
  // XML 1.0 Char: anything else in a part and Word refuses the file.
  const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

  it('replaces control characters, lone surrogates and bidi overrides in every part', async () => {
    const snapshot = government2017();
    const docx = await reportDocument(
      {
        ...snapshot,
        figures: {
          ...snapshot.figures,
          overdue: {
            ...snapshot.figures.overdue,
            entries: [
              {
                ...snapshot.figures.overdue.entries[0],
                title: 'Đề án\u0000\u0007\u000B\uDC00 \u202Eabc',
              },
            ],
          },
        },
      },
      { ...HA_TINH_OFFICE, body: 'Văn phòng\u001B', signerName: 'Nguyễn Văn A\u2066' },
    );
    const zip = await JSZip.loadAsync(docx);
    for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      expect({ name, illegal: XML_ILLEGAL.exec(xml)?.[0] ?? null }).toEqual({
        name,
        illegal: null,
      });
    }
    const text = textOf(await partOf(docx, 'word/document.xml'));
    expect(text).toContain('Đề án\uFFFD\uFFFD\uFFFD\uFFFD \uFFFDabc');
    expect(text).toContain('VĂN PHÒNG\uFFFD');
    expect(text).toContain('Nguyễn Văn A\uFFFD');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

// LibreOffice is the closest stand-in for Word here: a .docx it cannot lay out is suspect.
const soffice = findOnPath(['soffice', 'libreoffice']);

if (soffice === null) {
  describeNotRun(
    'reportDocument converted by LibreOffice',
    'neither soffice nor libreoffice is on PATH (apt-get install libreoffice-writer; .ci/run does)',
  );
} else {
  describe('reportDocument converted by LibreOffice', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'chidao-docx-'));
    });
    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('converts to a PDF that says what the report says', async () => {
      const docx = join(dir, 'bao-cao.docx');
      writeFileSync(docx, await reportDocument(government2017(), HA_TINH_OFFICE));

      const started = performance.now();
      await run(
        soffice,
        [
          // A profile of its own: no clash with a running LibreOffice or a parallel test.
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          docx,
        ],
        { timeout: 55_000 },
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.info(`report-docx: LibreOffice converted the report to PDF in ${seconds} s`);

      const pdf = join(dir, 'bao-cao.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const pdftotext = findOnPath(['pdftotext']);
      if (pdftotext === null) {
        notRun(
          'report-docx: pdftotext is not on PATH (apt-get install poppler-utils; .ci/run does): ' +
            "the PDF's text was not checked",
        );
        return;
      }
      const { stdout } = await run(pdftotext, ['-enc', 'UTF-8', pdf, '-']);
      expect(stdout).toContain('BÁO CÁO');
      expect(stdout).toContain('98,62%');
      // Not the motto: without Times New Roman or its metric twin (fonts-liberation) LibreOffice
      // falls back to a wider font and wraps it, which says nothing about the document.
      expect(stdout).toContain('21.914');
    }, 60_000);
  });
}
