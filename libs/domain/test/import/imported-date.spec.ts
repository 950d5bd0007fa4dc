import { parseImportedDate } from '../../src/import';

const date = (value: unknown) => {
  const parsed = parseImportedDate(value);
  return parsed.kind === 'date' ? parsed.date : parsed.kind;
};

describe('dates as spreadsheets hold them', () => {
  it.each<[unknown, string]>([
    [new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
    // A date cell with a time of day: the day shown.
    [new Date(Date.UTC(2024, 2, 5, 17, 30)), '2024-03-05'],
    // Excel's serial numbers: 45356 is 05/03/2024.
    [45356, '2024-03-05'],
    [45356.75, '2024-03-05'],
    ['45356', '2024-03-05'],
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    [' 05-03-2024 ', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['05/03/24', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['ngày 5 tháng 3 năm 2024', '2024-03-05'],
    ['Ngày 05 tháng 03 năm 2024', '2024-03-05'],
    ['5 tháng 3, 2024', '2024-03-05'],
    ['Trước ngày 30/6/2024', '2024-06-30'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %p as %s', (value, expected) => {
    expect(date(value)).toBe(expected);
  });

  it.each<unknown>([
    null,
    undefined,
    '',
    '  ',
    'Thường xuyên',
    'THUONG XUYEN',
    'Không thời hạn',
    '-',
    '01/01/1970',
    new Date(0),
    25569,
    'hằng năm',
  ])('reads %p as no deadline', (value) => {
    expect(date(value)).toBe('none');
  });

  it.each<[unknown, RegExp]>([
    ['31/02/2024', /không có trong lịch; kiểm tra lại ngày và tháng \(ngày đứng trước tháng\)/],
    ['13/13/2024', /không có trong lịch/],
    ['Quý II/2024', /không phải một ngày cụ thể; nhập ngày cuối cùng của thời hạn/],
    ['tháng 6/2024', /không phải một ngày cụ thể/],
    ['sớm', /không đọc được ngày "sớm"; nhập theo dạng ngày\/tháng\/năm/],
    [12, /số 12 không phải một ngày/],
    ['05/03/1899', /nằm ngoài khoảng 1945–2100/],
    [true, /không đọc được ngày trong ô này/],
    [new Date(Number.NaN), /ô ngày bị lỗi/],
  ])('refuses %p, saying how to fix it', (value, message) => {
    const parsed = parseImportedDate(value);
    expect(parsed.kind).toBe('problem');
    if (parsed.kind === 'problem') {
      expect(parsed.vi).toMatch(message);
      expect(parsed.en).not.toBe(parsed.vi);
    }
  });
});
