import { reportTextSections, reportTextVi } from '../../src/documents';
import type { ReportPeriod, ReportSnapshot } from '../../src/report.types';
import { asOf, government2017, haTinh2024, stats } from './fixtures';

describe('reportTextVi', () => {
  it('words the Hà Tĩnh 2024 picture as the province reports it', () => {
    const text = reportTextVi(haTinh2024());

    expect(text).toContain(
      'Trong năm 2024 (tính đến ngày 27/05/2024), Sở Thông tin và Truyền thông đã tiếp nhận ' +
        '27 nhiệm vụ.',
    );
    expect(text).toContain('hoàn thành 27/27 nhiệm vụ, đạt tỷ lệ 100%');
    expect(text).toContain('không còn nhiệm vụ chưa hoàn thành');
    expect(text).toContain(
      'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành đạt 100% (27/27 nhiệm vụ đến hạn)',
    );
    expect(text).not.toContain('Danh sách nhiệm vụ quá hạn');
    expect(text).not.toContain('So với kỳ trước');
  });

  it('gives every figure of the Government 2017 picture with Vietnamese separators', () => {
    const { results } = reportTextSections(government2017());

    expect(results).toEqual([
      'Trong năm 2017 (tính đến ngày 25/12/2017), các cơ quan, đơn vị đã tiếp nhận 21.914 ' +
        'nhiệm vụ.',
      'Kết quả: đã hoàn thành 16.051/21.914 nhiệm vụ, đạt tỷ lệ 73,24% (14.068 nhiệm vụ hoàn ' +
        'thành đúng hạn, 1.983 nhiệm vụ hoàn thành quá hạn); chưa hoàn thành 5.863 nhiệm vụ ' +
        '(5.640 nhiệm vụ còn trong hạn, 223 nhiệm vụ quá hạn). Trong số nhiệm vụ chưa hoàn ' +
        'thành, 41 nhiệm vụ đã báo cáo hoàn thành, đang chờ xác nhận.',
      'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành đạt 98,62% (16.051/16.274 nhiệm vụ đến hạn); tỷ lệ ' +
        'hoàn thành đúng hạn đạt 87,64% (14.068/16.051 nhiệm vụ có thời hạn đã hoàn thành); ' +
        'tỷ lệ nhiệm vụ quá hạn chưa hoàn thành trên tổng số nhiệm vụ là 1,01% (223/21.914 ' +
        'nhiệm vụ).',
      '1.204 nhiệm vụ được điều chỉnh thời hạn; trong số nhiệm vụ quá hạn, 97 nhiệm vụ quá hạn ' +
        'trên 30 ngày, 12 nhiệm vụ quá hạn trên 120 ngày.',
      'So với kỳ trước là năm 2016 (tính đến ngày 25/12/2016), số nhiệm vụ quá ' +
        'hạn giảm 3; tỷ lệ hoàn thành tăng 2,15 điểm phần trăm; tỷ lệ nhiệm vụ đến hạn đã hoàn ' +
        'thành tăng 0,19 điểm phần trăm; tỷ lệ hoàn thành đúng hạn tăng 1,84 điểm phần trăm.',
    ]);
  });

  it('lists the overdue tasks with their source documents and says the list is cut', () => {
    const text = reportTextVi(government2017());

    expect(text).toContain(
      'Danh sách nhiệm vụ quá hạn:\n' +
        '1. Xây dựng Đề án phát triển Chính phủ điện tử (giao tại văn bản số 09/CT-TTg, đơn vị ' +
        'chủ trì Bộ Thông tin và Truyền thông, hạn 30/06/2017, quá hạn 178 ngày)\n' +
        '2. Trình Chính phủ Nghị định sửa đổi về quản lý đầu tư công (giao tại văn bản số ' +
        '45/2016/QĐ-TTg, đơn vị chủ trì Bộ Kế hoạch và Đầu tư, hạn 05/09/2017, quá hạn 111 ' +
        'ngày)\n' +
        '3. Hướng dẫn cơ chế tài chính cho hệ thống theo dõi nhiệm vụ (giao tại văn bản số ' +
        '2926/UBND-TH, đơn vị chủ trì Bộ Tài chính, hạn 01/12/2017, quá hạn 24 ngày)\n' +
        '(Danh sách nêu 3 trong tổng số 223 nhiệm vụ quá hạn.)\n',
    );
    // Every date printed is dd/mm/yyyy: no single-digit day or month anywhere.
    const dates = text.match(/\d{1,2}\/\d{1,2}\/\d{4}/g) ?? [];
    expect(dates).toHaveLength(5);
    for (const date of dates) expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('gives the same bytes for the same snapshot, however it was obtained', () => {
    const snapshot = government2017();
    const copy = JSON.parse(JSON.stringify(snapshot)) as ReportSnapshot;

    const first = Buffer.from(reportTextVi(snapshot), 'utf8');
    expect(Buffer.from(reportTextVi(snapshot), 'utf8').equals(first)).toBe(true);
    expect(Buffer.from(reportTextVi(copy), 'utf8').equals(first)).toBe(true);
  });

  it('says when nothing was received and when a rate has no denominator', () => {
    const empty = withScope(haTinh2024(), stats({}));
    expect(reportTextVi(empty)).toBe(
      'Trong năm 2024 (tính đến ngày 27/05/2024), Sở Thông tin và Truyền thông chưa tiếp nhận ' +
        'nhiệm vụ nào.\n',
    );

    const nothingDue = reportTextVi(withScope(haTinh2024(), stats({ within: 4 })));
    expect(nothingDue).toContain('hoàn thành 0/4 nhiệm vụ, đạt tỷ lệ 0%; chưa hoàn thành 4');
    expect(nothingDue).toContain(
      'Chưa có nhiệm vụ đến hạn; chưa có nhiệm vụ có thời hạn được hoàn thành; tỷ lệ nhiệm vụ ' +
        'quá hạn chưa hoàn thành trên tổng số nhiệm vụ là 0% (0/4 nhiệm vụ).',
    );
    expect(nothingDue).not.toContain('—');
  });

  it('words falling, unchanged and noisy changes against the previous period', () => {
    const snapshot = government2017();
    const previous = snapshot.figures.previous!;
    const text = reportTextVi({
      ...snapshot,
      figures: {
        ...snapshot.figures,
        previous: {
          ...previous,
          overdueChange: 1250,
          // 0.1 + 0.2 − 0.3 is float noise, not a change of 0,00… points.
          rateChangePoints: {
            doneOfAssigned: -0.5,
            doneOfDue: 0.1 + 0.2 - 0.3,
            onTimeOfDone: null,
          },
        },
      },
    });
    expect(text).toContain(
      'số nhiệm vụ quá hạn tăng 1.250; tỷ lệ hoàn thành giảm 0,5 điểm phần trăm; ' +
        'tỷ lệ nhiệm vụ đến hạn đã hoàn thành không thay đổi.',
    );
  });

  it('names the source document and the units when the scope has them', () => {
    const snapshot = haTinh2024();
    const text = reportTextVi({
      ...snapshot,
      scope: { ...snapshot.scope, includeUnits: true, directiveReference: '24/CTr-UBND' },
    });
    expect(text).toContain(
      'Sở Thông tin và Truyền thông và các đơn vị trực thuộc đã tiếp nhận 27 nhiệm vụ được ' +
        'giao tại văn bản số 24/CTr-UBND.',
    );
  });
});

describe('reportTextVi and the shapes of period labels', () => {
  const opening = (period: ReportPeriod, previous?: ReportPeriod): string[] => {
    const snapshot = government2017();
    const figures = snapshot.figures;
    const { results } = reportTextSections({
      ...snapshot,
      period,
      figures: {
        ...figures,
        previous: previous === undefined ? null : { ...figures.previous!, period: previous },
      },
    });
    return [results[0], results.at(-1)!];
  };

  it('adds the cut-off date to a calendar month', () => {
    const [first, last] = opening(calendarMonth, asOf('2024-04-30'));
    expect(first).toBe(
      'Trong tháng 5 năm 2024, các cơ quan, đơn vị đã tiếp nhận 21.914 nhiệm vụ ' +
        '(số liệu tính đến ngày 31/05/2024).',
    );
    expect(last).toMatch(/^So với kỳ trước là năm 2024 \(tính đến ngày 30\/04\/2024\), /);
  });

  it('reads a custom range as a span of time and names a plain previous label in brackets', () => {
    const range: ReportPeriod = {
      ...calendarMonth,
      id: '2024-01-01..2024-05-27',
      type: 'range',
      start: '2024-01-01',
      end: '2024-05-27',
      labelVi: 'từ ngày 01/01/2024 đến ngày 27/05/2024',
    };
    const [first, last] = opening(range, calendarMonth);
    expect(first).toBe(
      'Trong thời gian từ ngày 01/01/2024 đến ngày 27/05/2024, các cơ quan, đơn vị đã tiếp ' +
        'nhận 21.914 nhiệm vụ.',
    );
    expect(last).toMatch(/^So với kỳ trước \(tháng 5 năm 2024\), số nhiệm vụ quá hạn giảm 3;/);
  });
});

const calendarMonth: ReportPeriod = {
  id: '2024-M05',
  type: 'month',
  convention: 'calendar',
  cutoffDay: null,
  start: '2024-05-01',
  end: '2024-05-31',
  labelVi: 'tháng 5 năm 2024',
};

function withScope(
  snapshot: ReportSnapshot,
  scope: ReportSnapshot['figures']['scope'],
): ReportSnapshot {
  return { ...snapshot, figures: { ...snapshot.figures, scope } };
}
