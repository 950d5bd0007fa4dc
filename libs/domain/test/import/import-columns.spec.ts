import { fieldOfHeader, guessColumnMapping } from '../../src/import';

describe('the columns of an office’s task list', () => {
  it.each([
    ['STT', 'sequence'],
    ['Số TT', null],
    ['Số ký hiệu', 'documentReference'],
    ['SỐ, KÝ HIỆU VĂN BẢN', 'documentReference'],
    ['So ky hieu van ban', 'documentReference'],
    ['Ngày ban hành', 'issuedOn'],
    ['Trích yếu', 'title'],
    ['Nội dung nhiệm vụ', 'title'],
    ['NỘI DUNG NHIỆM VỤ ĐƯỢC GIAO', 'title'],
    ['Cơ quan chủ trì', 'leadAgency'],
    ['Đơn vị chủ trì thực hiện', 'leadAgency'],
    ['Cơ quan phối hợp', 'supportAgencies'],
    ['Lãnh đạo phụ trách', 'leaderInCharge'],
    ['Thời hạn', 'deadline'],
    ['Thời hạn hoàn thành (ngày/tháng/năm)', 'deadline'],
    ['Hạn', 'deadline'],
    ['Tình hình thực hiện', 'status'],
    ['Kết quả', 'status'],
    ['Ngày hoàn thành', 'completedOn'],
    ['Văn bản kết quả', 'resultDocument'],
    ['Số văn bản kết quả', 'resultDocument'],
    ['Ghi chú', null],
    ['', null],
  ])('reads "%s" as %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('maps a header row, leaving unknown headers to map by hand', () => {
    const mapping = guessColumnMapping([
      'STT',
      'Số, ký hiệu văn bản',
      'Ngày ban hành',
      'Trích yếu / Nội dung nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời hạn',
      'Tình hình thực hiện',
      'Ghi chú',
    ]);
    expect(mapping.columns).toEqual({
      sequence: 0,
      documentReference: 1,
      issuedOn: 2,
      title: 3,
      leadAgency: 4,
      supportAgencies: 5,
      deadline: 6,
      status: 7,
    });
    expect(mapping.unknown).toEqual([{ column: 8, header: 'Ghi chú' }]);
    expect(mapping.missing).toEqual([]);
  });

  it('reads stacked headers (merged cells above) by their bottom line', () => {
    const mapping = guessColumnMapping(['Văn bản giao\nSố ký hiệu', 'Nhiệm vụ', 'Đơn vị\nChủ trì']);
    expect(mapping.columns).toEqual({ documentReference: 0, title: 1, leadAgency: 2 });
  });

  it('says which required columns are missing', () => {
    expect(guessColumnMapping(['STT', 'Ghi chú']).missing).toEqual(['title', 'leadAgency']);
  });

  it('keeps the first of two columns naming one field', () => {
    expect(guessColumnMapping(['Nội dung', 'Nội dung nhiệm vụ', 'Chủ trì']).columns.title).toBe(0);
  });
});
