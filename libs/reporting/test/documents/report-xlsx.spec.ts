import { Workbook, type Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { SHEET_NAMES_VI, reportWorkbook } from '../../src/documents';
import { government2017, haTinh2024, stats } from './fixtures';

async function readBack(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Every row as plain values, for comparisons and lookups. */
function rows(sheet: Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

const utc = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

describe('reportWorkbook', () => {
  it('opens with a summary sheet and one sheet per list', async () => {
    const workbook = await readBack(await reportWorkbook(government2017()));

    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Tổng hợp',
      'Quá hạn',
      'Hoàn thành trễ hạn',
      'Điều chỉnh thời hạn',
    ]);
    expect(workbook.created.toISOString()).toBe('2017-12-26T02:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2017-12-26T02:00:00.000Z');
  });

  it('puts the period, scope, position, digest and per-agency figures on the summary', async () => {
    const snapshot = government2017();
    const sheet = (await readBack(await reportWorkbook(snapshot))).getWorksheet(
      SHEET_NAMES_VI.summary,
    )!;
    const values = rows(sheet);
    const info = new Map(values.filter((r) => r.length === 2).map((r) => [r[0], r[1]]));

    expect(info.get('Kỳ báo cáo')).toBe(snapshot.period.labelVi);
    expect(info.get('Từ ngày')).toEqual(utc('2017-01-01'));
    expect(info.get('Đến ngày (ngày chốt số liệu)')).toEqual(utc('2017-12-25'));
    expect(info.get('Phạm vi')).toBe('Toàn bộ cơ quan, đơn vị');
    expect(info.get('Vị trí nhật ký sự kiện')).toBe(1_250_311);
    expect(info.get('Mã kiểm tra (SHA-256)')).toBe(snapshot.digest);
    expect(info.get('So với kỳ trước')).toContain('số nhiệm vụ quá hạn giảm 3');

    const headerIndex = values.findIndex((r) => r[0] === 'Cơ quan, đơn vị');
    expect(values[headerIndex]).toEqual([
      'Cơ quan, đơn vị',
      'Tổng số nhiệm vụ',
      'Đã hoàn thành',
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Chưa hoàn thành - trong hạn',
      'Chưa hoàn thành - quá hạn',
      'Không thời hạn',
      'Tỷ lệ hoàn thành',
      'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành',
      'Tỷ lệ hoàn thành đúng hạn',
      'Tỷ lệ nhiệm vụ quá hạn chưa hoàn thành',
      'Tỷ lệ hoàn thành (%)',
      'Tỷ lệ đến hạn đã hoàn thành (%)',
      'Tỷ lệ đúng hạn (%)',
      'Tỷ lệ quá hạn (%)',
    ]);
    expect(sheet.getRow(headerIndex + 1).getCell(2).font?.bold).toBe(true);
    expect(values.slice(headerIndex + 1).map((r) => r[0])).toEqual([
      'Bộ Kế hoạch và Đầu tư',
      'Bộ Tài chính',
      'Bộ Thông tin và Truyền thông',
      'Tổng cộng',
    ]);
    expect(values.at(-1)).toEqual([
      'Tổng cộng',
      21914,
      16051,
      14068,
      1983,
      5640,
      223,
      0,
      '73,24%',
      '98,62%',
      '87,64%',
      '1,01%',
      73.24,
      98.62,
      87.64,
      1.01,
    ]);
    expect(sheet.getColumn(1).width).toBe(34);
  });

  it('prints a rate with no denominator as "—" and leaves its number empty', async () => {
    const snapshot = haTinh2024();
    const notDue = stats({ onTime: 0, within: 4 });
    const buffer = await reportWorkbook({
      ...snapshot,
      figures: { ...snapshot.figures, scope: notDue, byAgency: [] },
    });
    const sheet = (await readBack(buffer)).getWorksheet('Tổng hợp')!;
    const total = sheet.getRow(sheet.rowCount);

    expect(total.getCell(1).value).toBe('Tổng cộng');
    expect([9, 10, 11, 12].map((c) => total.getCell(c).value)).toEqual(['0%', '—', '—', '0%']);
    expect([13, 14, 15, 16].map((c) => total.getCell(c).value)).toEqual([0, null, null, 0]);
  });

  it('writes the lists with dates as dates and says when a list is cut', async () => {
    const workbook = await readBack(await reportWorkbook(government2017()));
    const overdue = workbook.getWorksheet('Quá hạn')!;
    const values = rows(overdue);

    expect(values[0]).toEqual([
      'STT',
      'Nhiệm vụ',
      'Văn bản giao',
      'Đơn vị chủ trì',
      'Ngày giao',
      'Thời hạn',
      'Số ngày quá hạn',
    ]);
    expect(values[1]).toEqual([
      1,
      'Xây dựng Đề án phát triển Chính phủ điện tử',
      '09/CT-TTg',
      'Bộ Thông tin và Truyền thông',
      utc('2017-02-06'),
      utc('2017-06-30'),
      178,
    ]);
    expect(overdue.getCell('F2').numFmt).toBe('dd/mm/yyyy');
    expect(overdue.getColumn(2).width).toBe(60);
    expect(values.at(-1)).toEqual(['Danh sách nêu 3 trong tổng số 223 nhiệm vụ.']);

    const late = rows(workbook.getWorksheet('Hoàn thành trễ hạn')!);
    expect(late[1]).toEqual([
      1,
      'Báo cáo sơ kết Chỉ thị 09/CT-TTg',
      '09/CT-TTg',
      'Bộ Tài chính',
      utc('2017-03-31'),
      utc('2017-04-12'),
      12,
    ]);
    expect(late.at(-1)).toEqual(['Danh sách nêu 1 trong tổng số 1.983 nhiệm vụ.']);

    const changes = rows(workbook.getWorksheet('Điều chỉnh thời hạn')!);
    expect(changes).toHaveLength(3);
    // A task that had no deadline at first leaves the original deadline empty.
    expect(changes[2].slice(4)).toEqual([undefined, utc('2017-11-30')]);
  });

  it('has the same content every time for the same snapshot', async () => {
    const dump = async () => {
      const workbook = await readBack(await reportWorkbook(government2017()));
      return JSON.stringify(workbook.worksheets.map((s) => [s.name, rows(s)]));
    };
    expect(await dump()).toBe(await dump());
  });

  it('makes every text cell safe: agency names as row headers, titles, the creator', async () => {
    const snapshot = government2017();
    const hostile = {
      ...snapshot,
      takenBy: { userId: 'u-1', displayName: '=cmd\u0000|calc' },
      figures: {
        ...snapshot.figures,
        byAgency: [{ ...snapshot.figures.byAgency[0], label: '+Bộ\u001B Tài chính' }],
        overdue: {
          ...snapshot.figures.overdue,
          entries: [{ ...snapshot.figures.overdue.entries[0], title: '\t=1+1\uD800' }],
        },
      },
    };
    const buffer = await reportWorkbook(hostile);
    const zip = await JSZip.loadAsync(buffer);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      expect({ name, illegal: XML_ILLEGAL.exec(xml)?.[0] ?? null }).toEqual({
        name,
        illegal: null,
      });
    }
    const workbook = await readBack(buffer);
    expect(workbook.creator).toBe('=cmd\uFFFD|calc');
    const summary = rows(workbook.getWorksheet(SHEET_NAMES_VI.summary)!);
    expect(summary.map((r) => r[0])).toContain("'+Bộ\uFFFD Tài chính");
    expect(rows(workbook.getWorksheet(SHEET_NAMES_VI.overdue)!)[1][1]).toBe("'\t=1+1\uFFFD");
  });
});

// XML 1.0 Char: anything else in a part and Excel refuses the file.
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
