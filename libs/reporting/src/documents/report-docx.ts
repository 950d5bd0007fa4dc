import { documentSafe, formatCount as n, type CompletionStats } from '@chidao/domain';
import { AlignmentType, Document, Packer, Paragraph, type Table } from 'docx';
import type { ReportSnapshot } from '../report.types';
import {
  BODY_PT,
  FONT,
  PAGE,
  RECIPIENTS_HEADING_PT,
  RECIPIENTS_PT,
  SMALL_PT,
  TEXT_WIDTH,
  bodyPara,
  gridTable,
  heading,
  layoutTable,
  mm,
  para,
  rule,
  type GridColumn,
} from './docx-blocks';
import {
  codeAsName,
  issuedOnOf,
  longDateVi,
  overdueShareOf,
  scopeLineVi,
  upperVi,
  viDate,
  type AgencyNameOf,
} from './document-format';
import { reportTextSections } from './report-text';

/**
 * The snapshot as the report an office signs and sends: Nghị định 30/2020 layout (Phụ lục I),
 * Times New Roman, A4. The text is the same as `reportTextVi`, so the document and the text
 * never disagree; the figures and the overdue tasks are tables besides.
 */

export interface Letterhead {
  /** The issuing body's parent, upper case above it ("UBND TỈNH HÀ TĨNH"); null: no line. */
  readonly parentBody: string | null;
  /** The issuing body ("Văn phòng", "Sở Thông tin và Truyền thông"), printed upper case. */
  readonly body: string;
  /** The issuer part of the symbol: "VP" gives "Số: …/BC-VP". */
  readonly symbol: string;
  /** The place in the date line ("Hà Tĩnh, ngày …"). */
  readonly place: string;
  /** "Nơi nhận", one entry a line; punctuation is added (";" between, "." after the last). */
  readonly recipients: readonly string[];
  /** Lines separated by "\n" ("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"), printed upper case. */
  readonly signerTitle: string;
  /** Empty leaves the line for the name blank. */
  readonly signerName: string;
  /** The registered number; null leaves the blank the clerk fills in when the report is issued. */
  readonly number: string | null;
  /** The date of the report (YYYY-MM-DD); by default the Vietnam day the snapshot was taken. */
  readonly issuedOn: string | null;
}

/** Fills what the caller left out from the snapshot's scope; printable as is otherwise. */
export function letterheadFor(
  snapshot: ReportSnapshot,
  given: Partial<Letterhead> = {},
): Letterhead {
  return {
    parentBody: given.parentBody ?? null,
    // A report on every agency comes from the tracking office (DESIGN.md: Văn phòng).
    body: given.body ?? snapshot.scope.agencyName ?? 'Văn phòng',
    symbol: given.symbol ?? snapshot.scope.agency ?? 'VP',
    // An unknown place stays a visible blank rather than a guessed province.
    place: given.place ?? '……',
    recipients: given.recipients ?? ['Lưu: VT'],
    signerTitle: given.signerTitle ?? 'Thủ trưởng cơ quan',
    signerName: given.signerName ?? '',
    number: given.number ?? null,
    issuedOn: given.issuedOn ?? null,
  };
}

export async function reportDocument(
  logSnapshot: ReportSnapshot,
  letterhead: Partial<Letterhead> = {},
  agencyNameOf: AgencyNameOf = codeAsName,
): Promise<Buffer> {
  const nameOf: AgencyNameOf = (code) => documentSafe(agencyNameOf(code));
  // Titles and names as an older log may hold them, and the letterhead as the caller typed it:
  // docx escapes markup but not the characters XML forbids, which would make the file unopenable.
  const snapshot = documentSafe(logSnapshot);
  const head = documentSafe(letterheadFor(snapshot, letterhead));
  const title = `Tình hình thực hiện nhiệm vụ ${snapshot.period.labelVi}`;
  const properties = {
    title: `Báo cáo ${title}`,
    creator: head.body,
    // Where the figures come from, for whoever checks the document against the log.
    description:
      `Báo cáo kỳ ${snapshot.id}, vị trí ${snapshot.position}, ` +
      `SHA-256 ${snapshot.digest}` +
      (snapshot.logAnchor ? `, nhật ký SHA-256 ${snapshot.logAnchor.logDigest}` : ''),
  };
  const document = new Document({
    ...properties,
    styles: { default: { document: { run: { font: FONT, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin },
        },
        children: [
          headerTable(head, issuedOnDate(snapshot, head)),
          para('BÁO CÁO', { bold: true, align: AlignmentType.CENTER, before: 360 }),
          para(title, { bold: true, align: AlignmentType.CENTER }),
          rule(mm(60)),
          para('', { after: 120 }),
          ...body(snapshot, nameOf),
          signatureTable(head),
        ],
      },
    ],
  });
  // docx stamps the core properties with the time of packing; the snapshot's time keeps the
  // document's content the same on every run.
  return Packer.toBuffer(document, false, [
    { path: 'docProps/core.xml', data: coreXml(snapshot.takenAt, properties) },
  ]);
}

const issuedOnDate = (snapshot: ReportSnapshot, head: Letterhead): string =>
  head.issuedOn ?? issuedOnOf(snapshot);

/** Issuer and "Số" on the left, the national motto and the place and date on the right. */
function headerTable(head: Letterhead, issuedOn: string): Table {
  // About 6 cm for the issuer and the rest for the motto, which must hold on one line.
  const left = mm(62);
  const right = TEXT_WIDTH - left;
  const center = { align: AlignmentType.CENTER, size: SMALL_PT } as const;
  const issuer = [
    ...(head.parentBody === null ? [] : [para(upperVi(head.parentBody), center)]),
    para(upperVi(head.body), { ...center, bold: true }),
    rule(Math.round(left * 0.3)),
  ];
  const motto = [
    para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { ...center, size: 12, bold: true }),
    para('Độc lập - Tự do - Hạnh phúc', { ...center, bold: true }),
    rule(Math.round(right * 0.22)),
  ];
  // The blank is wide enough to write a number into by hand, as printed forms leave it.
  const number = `Số: ${head.number ?? '        '}/BC-${head.symbol}`;
  const dateLine = `${head.place}, ${longDateVi(issuedOn)}`;
  return layoutTable(
    [left, right],
    [
      [issuer, motto],
      [
        [para(number, { ...center, before: 120 })],
        [para(dateLine, { align: AlignmentType.CENTER, italics: true, before: 120 })],
      ],
    ],
  );
}

function body(snapshot: ReportSnapshot, nameOf: AgencyNameOf): Array<Paragraph | Table> {
  const text = reportTextSections(snapshot, nameOf);
  const figures = snapshot.figures;
  const blocks: Array<Paragraph | Table> = [
    heading('I. KẾT QUẢ THỰC HIỆN'),
    bodyPara(`Phạm vi báo cáo: ${scopeLineVi(snapshot.scope)}.`),
    ...text.results.map(bodyPara),
    heading('1. Số liệu tổng hợp'),
    figuresTable(figures.scope),
  ];
  if (figures.byAgency.length > 0) {
    blocks.push(heading('2. Số liệu theo cơ quan, đơn vị'), agencyTable(snapshot, nameOf));
  }
  blocks.push(heading('II. NHIỆM VỤ QUÁ HẠN'));
  if (figures.overdue.entries.length === 0) {
    blocks.push(bodyPara('Không có nhiệm vụ quá hạn.'));
  } else {
    blocks.push(overdueTable(snapshot, nameOf));
    if (figures.overdue.total > figures.overdue.entries.length) {
      blocks.push(
        bodyPara(
          `(Danh sách nêu ${n(figures.overdue.entries.length)} trong tổng số ` +
            `${n(figures.overdue.total)} nhiệm vụ quá hạn.)`,
        ),
      );
    }
  }
  blocks.push(
    heading('III. ĐỀ XUẤT, KIẾN NGHỊ'),
    // The office writes its proposals; the system has nothing to say for it.
    para('(Nội dung đề xuất, kiến nghị của cơ quan, đơn vị.)', {
      italics: true,
      align: AlignmentType.JUSTIFIED,
      firstLine: mm(10),
      after: 240,
    }),
  );
  // Printed on the report itself, so the paper copy can be checked against the log years later.
  if (text.logAnchor !== null) {
    blocks.push(
      para(text.logAnchor, {
        size: RECIPIENTS_PT,
        italics: true,
        align: AlignmentType.JUSTIFIED,
        after: 240,
      }),
    );
  }
  return blocks;
}

function figuresTable(s: CompletionStats): Table {
  const rows: string[][] = [
    ['Tổng số nhiệm vụ tiếp nhận', n(s.total)],
    ['Đã hoàn thành', n(s.done.total)],
    ['- Hoàn thành đúng hạn', n(s.done.onTime)],
    ['- Hoàn thành quá hạn', n(s.done.late)],
    ['- Không thời hạn', n(s.done.noDeadline)],
    ['Chưa hoàn thành', n(s.notDone.total)],
    ['- Trong hạn', n(s.notDone.withinDeadline)],
    ['- Quá hạn', n(s.notDone.overdue)],
    ['- Không thời hạn', n(s.notDone.noDeadline)],
    ['Trong đó: đã báo cáo hoàn thành, chờ xác nhận', n(s.notDone.awaitingConfirmation)],
    ['Nhiệm vụ được điều chỉnh thời hạn', n(s.deadlineChanged)],
    ['Tỷ lệ hoàn thành (đã hoàn thành / tổng số)', s.rates.doneOfAssigned.display],
    ['Tỷ lệ nhiệm vụ đến hạn đã hoàn thành', s.rates.doneOfDue.display],
    ['Tỷ lệ hoàn thành đúng hạn', s.rates.onTimeOfDone.display],
    ['Tỷ lệ nhiệm vụ quá hạn (quá hạn chưa hoàn thành / tổng số)', overdueShareOf(s).display],
  ];
  const value = Math.round(TEXT_WIDTH * 0.25);
  return gridTable(
    [
      { header: 'Nội dung', width: TEXT_WIDTH - value },
      { header: 'Số liệu', width: value, align: AlignmentType.RIGHT },
    ],
    rows,
  );
}

function agencyTable(snapshot: ReportSnapshot, nameOf: AgencyNameOf): Table {
  const WIDTH = 850;
  const num = (header: string): GridColumn => ({
    header,
    width: WIDTH,
    align: AlignmentType.RIGHT,
  });
  const numbers = [
    num('Tổng số'),
    num('HT đúng hạn'),
    num('HT quá hạn'),
    num('Chưa HT trong hạn'),
    num('Chưa HT quá hạn'),
    num('Không thời hạn'),
    num('Tỷ lệ HT'),
    num('Tỷ lệ đến hạn đã HT'),
    num('Tỷ lệ quá hạn'),
  ];
  const columns = [
    { header: 'Cơ quan, đơn vị', width: TEXT_WIDTH - numbers.length * WIDTH },
    ...numbers,
  ];
  const row = (label: string, s: CompletionStats): string[] => [
    label,
    n(s.total),
    n(s.done.onTime),
    n(s.done.late),
    n(s.notDone.withinDeadline),
    n(s.notDone.overdue),
    n(s.done.noDeadline + s.notDone.noDeadline),
    s.rates.doneOfAssigned.display,
    s.rates.doneOfDue.display,
    overdueShareOf(s).display,
  ];
  return gridTable(
    columns,
    [
      ...snapshot.figures.byAgency.map((g) => row(nameOf(g.label), g.stats)),
      row('Tổng cộng', snapshot.figures.scope),
    ],
    { size: 11, totalRow: true },
  );
}

function overdueTable(snapshot: ReportSnapshot, nameOf: AgencyNameOf): Table {
  // Wide enough that a date and a document number stay on one line in 12 pt.
  const widths = [650, 3100, 1650, 1700, 1300];
  const columns: GridColumn[] = [
    { header: 'STT', width: widths[0], align: AlignmentType.CENTER },
    { header: 'Nhiệm vụ', width: widths[1] },
    { header: 'Văn bản giao', width: widths[2] },
    { header: 'Đơn vị chủ trì', width: widths[3] },
    { header: 'Thời hạn', width: widths[4], align: AlignmentType.CENTER },
    {
      header: 'Số ngày quá hạn',
      width: TEXT_WIDTH - widths.reduce((a, b) => a + b, 0),
      align: AlignmentType.RIGHT,
    },
  ];
  return gridTable(
    columns,
    snapshot.figures.overdue.entries.map((e, i) => [
      String(i + 1),
      e.title,
      e.directiveReference,
      nameOf(e.leadAgency),
      viDate(e.deadline),
      n(e.daysOverdue),
    ]),
  );
}

/** "Nơi nhận" on the left; the signer's title, the space to sign and the name on the right. */
function signatureTable(head: Letterhead): Table {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const recipients = head.recipients.map((r, i) => {
    const bare = r
      .trim()
      .replace(/^-\s*/, '')
      .replace(/[;.]+$/, '');
    const end = i === head.recipients.length - 1 ? '.' : ';';
    return para(`- ${bare}${end}`, { size: RECIPIENTS_PT });
  });
  const center = { align: AlignmentType.CENTER, bold: true } as const;
  const signer = [
    ...head.signerTitle.split('\n').map((line) => para(upperVi(line), center)),
    // Room for the signature and the seal.
    ...[1, 2, 3, 4].map(() => para('')),
    para(head.signerName, center),
  ];
  return layoutTable(
    [left, TEXT_WIDTH - left],
    [
      [
        [
          para('Nơi nhận:', { size: RECIPIENTS_HEADING_PT, bold: true, italics: true }),
          ...recipients,
        ],
        signer,
      ],
    ],
  );
}

/** Core properties dated by the snapshot, not by the clock (see reportDocument). */
function coreXml(
  takenAt: string,
  p: { readonly title: string; readonly creator: string; readonly description: string },
): string {
  const when = new Date(takenAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties' +
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(p.title)}</dc:title>` +
    `<dc:creator>${xmlText(p.creator)}</dc:creator>` +
    `<dc:description>${xmlText(p.description)}</dc:description>` +
    `<cp:lastModifiedBy>${xmlText(p.creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const xmlText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
