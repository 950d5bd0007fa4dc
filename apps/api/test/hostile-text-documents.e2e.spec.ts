import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseCsvExport } from '@chidao/audit/testing';
import { STREAMS } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { findOnPath, notRun } from '@chidao/event-store/testing';
import { SEED_METADATA, taskStoryEvents } from '@chidao/projections/testing';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
// The strict XML parser exceljs reads workbooks with: it throws on a character XML forbids.
import { SaxesParser } from 'saxes';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { seedProvince, type Province } from './support/province';
import { asBuffer, asText } from './support/response-body';
import { startTestApp, type TestApp } from './support/test-app';

const run = promisify(execFile);

/**
 * Items 9 (second half) and 17 of issue 16: a log written before the edge refused them holds a
 * title with control characters, a lone surrogate and a bidi override, a directive reference and
 * an actor that a spreadsheet would run as formulas. Every document built from it must open and
 * must not run anything: the report's .docx and .xlsx, and the audit's CSV export.
 */
const HOSTILE_TITLE =
  '=HYPERLINK("http://attacker.example","Mở")\u0000\u0007\u001B\u000B\uD800 Rà soát \u202Egnal\u202C';
const SAFE_TITLE =
  '\'=HYPERLINK("http://attacker.example","Mở")\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD Rà soát \uFFFDgnal\uFFFD';
const HOSTILE_REFERENCE = '@SUM(1+1)*cmd|/C calc';
const HOSTILE_ACTOR = '-2+3';

// XML 1.0 Char: a part holding anything else is not XML, and Word and Excel refuse the file.
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Every XML part of an Office file, each checked with a strict parser. */
async function xmlPartsOf(file: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    expect({ name, illegal: XML_ILLEGAL.exec(xml)?.[0] ?? null }).toEqual({ name, illegal: null });
    const parser = new SaxesParser();
    parser.on('error', (error) => {
      throw new Error(`${name}: ${error.message}`);
    });
    parser.write(xml).close();
    parts.set(name, xml);
  }
  return parts;
}

const textOf = (xml: string): string =>
  xml
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('documents built from a log holding hostile text', () => {
  let t: TestApp;
  let p: Province;
  let reportId: string;
  const taskId = 'hostile-title-1';

  const download = (url: string) =>
    t.http.get(url).set(p.headers('tracker')).buffer(true).parse(asBuffer).expect(200);

  beforeAll(async () => {
    t = await startTestApp({
      now: '2024-07-20T03:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    // Straight into the log, as an older version would have written it: the edge of this one
    // refuses such text, so only the log can hold it.
    const events = taskStoryEvents(
      { id: taskId, leadAgency: 'STTTT', assignedOn: '2024-04-05', deadline: '2024-05-31' },
      '2024-07-20T03:00:00Z',
    ).map((event) => ({
      ...event,
      data:
        event.type === 'TaskAssigned'
          ? { ...event.data, title: HOSTILE_TITLE, directiveReference: HOSTILE_REFERENCE }
          : event.data,
      metadata: { ...SEED_METADATA, actor: HOSTILE_ACTOR },
    }));
    const log = t.app.get<EventStore>(EVENT_STORE);
    await log.append(STREAMS.task.of(taskId), events, { expectedVersion: 'no_stream' });
    const head = await log.headPosition();
    await t.http
      .get(`/api/stats/completion?asOf=2024-06-30&minPosition=${head}`)
      .set(p.headers('tracker'))
      .expect(200);
    const taken = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    reportId = taken.body.id as string;
  }, 60_000);
  afterAll(() => t.close());

  it('the .docx is valid XML throughout and shows the title with the unsafe characters replaced', async () => {
    const docx = await download(`/api/reports/${reportId}.docx`);
    const parts = await xmlPartsOf(docx.body as Buffer);
    const text = textOf(parts.get('word/document.xml')!);
    // Formulas mean nothing in Word: only the characters are replaced there.
    expect(text).toContain(SAFE_TITLE.slice(1));
  });

  it('the .xlsx is valid XML throughout; its cells are text, never formulas', async () => {
    const xlsx = await download(`/api/reports/${reportId}.xlsx`);
    await xmlPartsOf(xlsx.body as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const row = workbook.getWorksheet('Quá hạn')!.getRows(2, 1)![0].values as unknown[];
    expect(row).toContain(SAFE_TITLE);
    expect(row).toContain(`'${HOSTILE_REFERENCE}`);
    const formulas: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((r) =>
        r.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
        }),
      ),
    );
    expect(formulas).toEqual([]);
  });

  it('the CSV export neutralises formula cells and keeps the data as stored, escaped', async () => {
    const res = await t.http
      .get('/api/audit/events')
      .query({ from: '2024-04-05', to: '2024-04-05', by: 'occurred', format: 'csv' })
      .set(p.headers('auditor'))
      .buffer(true)
      .parse(asText)
      .expect(200);
    const csv = res.body as string;
    expect(XML_ILLEGAL.test(csv.replace(/^\uFEFF/, ''))).toBe(false);
    expect(csv).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const assigned = parseCsvExport(csv).find((record) => record.type === 'TaskAssigned')!;
    expect(assigned.actor).toBe(`'${HOSTILE_ACTOR}`);
    // No cell a spreadsheet would run.
    const cells = parseCsvExport(csv).flatMap((record) => Object.values(record));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    // Parsed, the data column is the event's data exactly as the log holds it.
    const data = JSON.parse(assigned.data) as { title: string; directiveReference: string };
    expect(data.title).toBe(HOSTILE_TITLE);
    expect(data.directiveReference).toBe(HOSTILE_REFERENCE);
  });

  it('LibreOffice opens the .docx and prints the title', async () => {
    const soffice = findOnPath(['soffice', 'libreoffice']);
    const pdftotext = findOnPath(['pdftotext']);
    if (soffice === null || pdftotext === null) {
      notRun(
        'hostile-text-documents: soffice or pdftotext is not on PATH: the .docx was not opened',
      );
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-hostile-docx-'));
    try {
      const docx = await download(`/api/reports/${reportId}.docx`);
      fs.writeFileSync(path.join(dir, 'bao-cao.docx'), docx.body as Buffer);
      await run(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          path.join(dir, 'bao-cao.docx'),
        ],
        { timeout: 55_000 },
      );
      const { stdout } = await run(pdftotext, [
        '-enc',
        'UTF-8',
        path.join(dir, 'bao-cao.pdf'),
        '-',
      ]);
      expect(stdout).toContain('Rà soát');
      expect(stdout).toContain('=HYPERLINK');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
