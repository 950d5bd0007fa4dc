/**
 * The made-up messy list read for import, as the dry run shows it: the header found under the
 * title block and merged cells, every task read with its agencies matched and its dates read,
 * section headings and signatures skipped, and each problem on its row and column with what to
 * fix, in Vietnamese.
 */
import { createAgencyMatcher } from '@chidao/domain';
import {
  MESSY_SAMPLE_AGENCIES,
  MESSY_SAMPLE_EXPECTED,
  messySampleWorkbook,
} from '@chidao/imports/testing';
import { readImportSheet, readSpreadsheet, type ImportSheetReading } from '../../src';

async function readSample(aliases = new Map<string, string>()): Promise<ImportSheetReading[]> {
  const matcher = createAgencyMatcher(MESSY_SAMPLE_AGENCIES, aliases);
  const readings: ImportSheetReading[] = [];
  for await (const sheet of readSpreadsheet(await messySampleWorkbook(), 'theo-doi.xlsx')) {
    readings.push(await readImportSheet(sheet, matcher));
  }
  return readings;
}

describe('reading the messy sample list', () => {
  it('finds the header under the title block, with the columns under merged cells', async () => {
    const [reading] = await readSample();
    expect(reading.header?.row).toBe(5);
    expect(reading.header?.mapping.columns).toEqual({
      sequence: 0,
      documentReference: 1,
      issuedOn: 2,
      title: 3,
      leadAgency: 4,
      supportAgencies: 5,
      deadline: 6,
      status: 7,
      completedOn: 8,
    });
  });

  it('reads each task with its agencies matched and its dates read', async () => {
    const [reading] = await readSample();
    expect(reading.tasks.map((task) => task.row)).toEqual(MESSY_SAMPLE_EXPECTED.taskRows);
    const [done, inProgress, ongoing, serial, epoch] = reading.tasks;
    expect(done).toEqual({
      sheet: 'Theo dõi NV 2024',
      row: 7,
      documentReference: '24/CTr-UBND',
      issuedOn: '2024-01-19',
      title: 'Triển khai chữ ký số cho cán bộ, công chức',
      leadAgency: 'STTTT',
      supportAgencies: ['SNV'],
      leaderInCharge: null,
      deadline: '2024-03-31',
      progress: 'done',
      statusNote: 'Đã hoàn thành (Báo cáo số 45/BC-STTTT)',
      completedOn: '2024-03-28',
      resultDocument: '45/BC-STTTT',
    });
    expect(inProgress).toMatchObject({
      leadAgency: 'STTTT',
      supportAgencies: ['STC', 'SKHDT'],
      deadline: '2024-06-30',
      progress: 'in_progress',
      statusNote: 'Đang thực hiện, đạt 60%',
    });
    expect(ongoing).toMatchObject({
      documentReference: '56/KH-UBND',
      issuedOn: '2024-02-05',
      deadline: null,
      progress: 'not_started',
    });
    expect(serial).toMatchObject({
      leadAgency: 'SKHDT',
      deadline: '2024-06-30',
      progress: 'in_progress',
    });
    expect(epoch).toMatchObject({
      leadAgency: 'STC',
      deadline: null,
      progress: 'done',
      completedOn: '2024-04-15',
      resultDocument: '210/STC-NS',
    });
    // The two group headings and the signature line (a workbook's empty rows are not even read).
    expect(reading.skipped.sections).toBe(3);
  });

  it('lists each problem on its row and column, with what to fix', async () => {
    const [reading] = await readSample();
    const errors = reading.problems.filter((p) => p.severity === 'error');
    expect(errors.map(({ row, column }) => ({ row, column }))).toEqual(
      MESSY_SAMPLE_EXPECTED.errors,
    );
    const byRow = (row: number, column: string | null) =>
      errors.find((p) => p.row === row && p.column === column)!;
    expect(byRow(13, null).vi).toBe(
      'Dòng này trùng với dòng 8 (cùng văn bản, nội dung và cơ quan chủ trì); hãy xóa một trong hai dòng.',
    );
    expect(byRow(14, 'Cơ quan chủ trì')).toMatchObject({
      value: 'Công an tỉnh',
      vi: 'Không tìm thấy cơ quan "Công an tỉnh" trong danh mục; hãy chọn cơ quan tương ứng trong bảng tên cơ quan chưa khớp (chỉ cần chọn một lần).',
    });
    expect(byRow(15, 'Số, ký hiệu').vi).toMatch(/có dấu cách ở giữa/);
    expect(byRow(15, 'Thời hạn')).toMatchObject({ value: '31/06/2024' });
    expect(byRow(15, 'Thời hạn').vi).toMatch(/không có trong lịch/);
    expect(byRow(16, 'Thời hạn').vi).toMatch(/"Quý II\/2024" không phải một ngày cụ thể/);
    expect(byRow(16, 'Ngày hoàn thành').vi).toMatch(/đã hoàn thành nhưng chưa có ngày hoàn thành/);
    const warnings = reading.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map(({ row, column }) => ({ row, column }))).toEqual(
      MESSY_SAMPLE_EXPECTED.warnings,
    );
    // Never a field name, an index or JSON: the file's own headings.
    for (const problem of reading.problems) {
      expect(problem.column ?? '').not.toMatch(/^[a-z]+[A-Z]|\d/);
    }
  });

  it('takes the result document from its column, or the first reference the status cites; a done task without one is refused', async () => {
    const csv = [
      'Nội dung nhiệm vụ,Cơ quan chủ trì,Tình hình thực hiện,Ngày hoàn thành,Văn bản kết quả',
      'Việc một,STTTT,Đã hoàn thành,10/04/2024,12/BC-STTTT',
      'Việc hai,STTTT,"Hoàn thành theo Công văn 7/STTTT-VP ngày 2/4",02/04/2024,',
      'Việc ba,STTTT,Đã hoàn thành trong tháng 4,20/04/2024,',
      'Việc bốn,STTTT,Đã hoàn thành,20/04/2024,báo cáo',
    ].join('\n');
    const matcher = createAgencyMatcher(MESSY_SAMPLE_AGENCIES);
    const readings: ImportSheetReading[] = [];
    for await (const sheet of readSpreadsheet(Buffer.from(csv), 'ds.csv')) {
      readings.push(await readImportSheet(sheet, matcher));
    }
    const [reading] = readings;
    expect(reading.tasks.map(({ row, resultDocument }) => ({ row, resultDocument }))).toEqual([
      { row: 2, resultDocument: '12/BC-STTTT' },
      { row: 3, resultDocument: '7/STTTT-VP' },
    ]);
    expect(reading.problems.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 4, column: 'Văn bản kết quả' },
      { row: 5, column: 'Văn bản kết quả' },
    ]);
    expect(reading.problems[0].vi).toMatch(/chưa có văn bản kết quả; nhập số, ký hiệu/);
  });

  it('leaves out a task the list says was cancelled or withdrawn, with a warning, but not work under way', async () => {
    const csv = [
      'Số ký hiệu,Ngày ban hành,Nội dung nhiệm vụ,Cơ quan chủ trì,Tình hình thực hiện',
      '24/CTr-UBND,19/01/2024,Việc một,STTTT,Đã hủy',
      '24/CTr-UBND,19/01/2024,Việc hai,STTTT,ĐÃ RÚT.',
      '24/CTr-UBND,19/01/2024,Việc ba,STTTT,Đã huy động vốn',
    ].join('\n');
    const readings: ImportSheetReading[] = [];
    for await (const sheet of readSpreadsheet(Buffer.from(csv), 'ds.csv')) {
      readings.push(await readImportSheet(sheet, createAgencyMatcher(MESSY_SAMPLE_AGENCIES)));
    }
    const [reading] = readings;
    expect(reading.tasks.map(({ row, progress }) => ({ row, progress }))).toEqual([
      { row: 4, progress: 'in_progress' },
    ]);
    expect(reading.problems.map(({ row, severity, vi }) => ({ row, severity, vi }))).toEqual([
      {
        row: 2,
        severity: 'warning',
        vi: 'Nhiệm vụ đã hủy nên không được nhập: danh sách không ghi ngày hủy, nên không biết nhiệm vụ được tính vào số liệu đến kỳ nào.',
      },
      {
        row: 3,
        severity: 'warning',
        vi: 'Nhiệm vụ đã rút nên không được nhập: danh sách không ghi ngày rút, nên không biết nhiệm vụ được tính vào số liệu đến kỳ nào.',
      },
    ]);
  });

  it('takes a name mapped once as that agency', async () => {
    const [reading] = await readSample(new Map([['Công an tỉnh', 'SNV']]));
    expect(reading.tasks.map((task) => task.row)).toContain(14);
    expect(reading.problems.some((p) => p.row === 14)).toBe(false);
  });

  it('finds no header on a sheet without one, and reads nothing from it', async () => {
    const matcher = createAgencyMatcher(MESSY_SAMPLE_AGENCIES);
    const reading = await readImportSheet(
      { name: 'Ghi chú', rows: [{ row: 1, cells: ['Ghi chú', 'Dữ liệu đến 31/5'] }] },
      matcher,
    );
    expect(reading).toMatchObject({ header: null, tasks: [], problems: [] });
  });
});
