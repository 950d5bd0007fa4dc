/**
 * A made-up task list in the style offices keep (DOMAIN.md, "What offices already hold"): a
 * title block, headers under merged cells, section headings between groups, agency names spelled
 * several ways, dates as date cells, text and Excel serials, "thường xuyên" and 01/01/1970 for
 * no deadline, a title cut off with "…", the same task twice, and a few cells a clerk must fix.
 * Used by the tests and the demo; `MESSY_SAMPLE_EXPECTED` says what a correct import finds.
 */

/** The register the sample's names match (codes as the demo province registers them). */
export const MESSY_SAMPLE_AGENCIES = [
  { code: 'UBND-TINH', name: 'UBND tỉnh Hà Tĩnh' },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SNV', name: 'Sở Nội vụ' },
  { code: 'UBND-CANLOC', name: 'UBND huyện Can Lộc' },
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export async function messySampleWorkbook(): Promise<Buffer> {
  // Loaded when the sample is written, not by every process that links the library (exceljs is
  // large: the command line's bounded-memory commands must not pay for it).
  const { Workbook } = await import('exceljs');
  const book = new Workbook();
  const sheet = book.addWorksheet('Theo dõi NV 2024');
  sheet.addRow(['ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH']);
  sheet.addRow(['DANH MỤC NHIỆM VỤ UBND TỈNH GIAO NĂM 2024 (cập nhật đến 31/5/2024)']);
  sheet.mergeCells('A2:I2');
  sheet.addRow([]);
  sheet.addRow([
    'STT',
    'Văn bản giao nhiệm vụ',
    null,
    'Trích yếu / Nội dung nhiệm vụ',
    'Cơ quan chủ trì',
    'Cơ quan phối hợp',
    'Thời hạn',
    'Tình hình thực hiện',
    'Ngày hoàn thành',
  ]);
  sheet.mergeCells('B4:C4');
  sheet.addRow([null, 'Số, ký hiệu', 'Ngày ban hành', null, null, null, null, null, null]);
  sheet.addRow(['I', 'LĨNH VỰC CHUYỂN ĐỔI SỐ']);
  // Row 7: done on time, completion date as a date cell.
  sheet.addRow([
    1,
    '24/CTr-UBND',
    utc(2024, 1, 19),
    'Triển khai chữ ký số cho cán bộ, công chức',
    'Sở TT&TT',
    'Sở Nội vụ',
    utc(2024, 3, 31),
    'Đã hoàn thành (Báo cáo số 45/BC-STTTT)',
    utc(2024, 3, 28),
  ]);
  // Row 8: in progress, deadline as text, lead by code-less abbreviation.
  sheet.addRow([
    2,
    '24/CTr-UBND',
    utc(2024, 1, 19),
    'Nâng cấp Cổng dịch vụ công tỉnh',
    'So Thong tin va Truyen thong',
    'Sở TC; Sở KH&ĐT',
    '30/06/2024',
    'Đang thực hiện, đạt 60%',
    null,
  ]);
  // Row 9: no deadline ("thường xuyên").
  sheet.addRow([
    3,
    '56/KH-UBND',
    '05/02/2024',
    'Tuyên truyền chuyển đổi số trên các phương tiện thông tin đại chúng',
    'STTTT',
    null,
    'Thường xuyên',
    null,
    null,
  ]);
  sheet.addRow(['II', 'LĨNH VỰC KINH TẾ - NGÂN SÁCH']);
  // Row 11: the deadline as an Excel serial (30/06/2024), the title cut off with "…".
  sheet.addRow([
    4,
    '112/UBND-KT',
    utc(2024, 3, 12),
    'Rà soát, đánh giá tình hình giải ngân vốn đầu tư công…',
    'Sở Kế hoạch & Đầu tư',
    'Sở Tài chính',
    45473,
    'Chưa hoàn thành',
    null,
  ]);
  // Row 12: no deadline written as 01/01/1970 (a document system's empty date).
  sheet.addRow([
    5,
    '112/UBND-KT',
    utc(2024, 3, 12),
    'Tham mưu phân bổ kinh phí sự nghiệp chuyển đổi số',
    'Sở Tài chính',
    null,
    '01/01/1970',
    'Hoàn thành, Công văn số 210/STC-NS',
    '15/04/2024',
  ]);
  // Row 13: the same task as row 8, copied twice.
  sheet.addRow([
    6,
    '24/CTr-UBND',
    utc(2024, 1, 19),
    'Nâng cấp Cổng dịch vụ công tỉnh',
    'Sở TT&TT',
    null,
    '30/06/2024',
    'Đang thực hiện',
    null,
  ]);
  // Row 14: an agency the register does not hold.
  sheet.addRow([
    7,
    '56/KH-UBND',
    '05/02/2024',
    'Bảo đảm an ninh mạng cho hệ thống thông tin của tỉnh',
    'Công an tỉnh',
    'Sở TT&TT',
    'ngày 30 tháng 9 năm 2024',
    null,
    null,
  ]);
  // Row 15: a deadline no calendar has, and a reference with a space.
  sheet.addRow([
    8,
    '56 /KH-UBND',
    '05/02/2024',
    'Xây dựng kho dữ liệu dùng chung',
    'Sở TTTT',
    null,
    '31/06/2024',
    null,
    null,
  ]);
  // Row 16: done, but no completion date.
  sheet.addRow([
    9,
    '130/QĐ-UBND',
    '20/03/2024',
    'Ban hành quy chế quản lý dữ liệu',
    'UBND huyện Can Lộc',
    null,
    'Quý II/2024',
    'Đã hoàn thành',
    null,
  ]);
  sheet.addRow([]);
  sheet.addRow([null, 'Người lập biểu', null, null, null, null, null, 'Nguyễn Văn A']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What the dry run must find in the sample. */
export const MESSY_SAMPLE_EXPECTED = {
  /** Rows read into tasks (row 7, 8, 10, 11 … as the sheet numbers them). */
  taskRows: [7, 8, 9, 11, 12],
  /** Rows with errors, each with the column a clerk must fix (null: the whole row). */
  errors: [
    { row: 13, column: null },
    { row: 14, column: 'Cơ quan chủ trì' },
    { row: 15, column: 'Số, ký hiệu' },
    { row: 15, column: 'Thời hạn' },
    { row: 16, column: 'Thời hạn' },
    { row: 16, column: 'Ngày hoàn thành' },
  ],
  /** Rows imported with a warning. */
  warnings: [{ row: 11, column: 'Trích yếu / Nội dung nhiệm vụ' }],
} as const;
