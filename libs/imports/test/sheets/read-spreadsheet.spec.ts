/**
 * Uploaded files read as sheets of rows, on real files: workbooks written by exceljs (as Excel
 * saves them), CSV as Excel and document systems export it, and the bad files people and
 * attackers send (a zip bomb, a password-protected workbook, a formula, a 10 MB cell, a picture).
 */
import ExcelJS from 'exceljs';
import * as zlib from 'node:zlib';
import { ImportFileError, readSpreadsheet, SHEET_LIMITS, type Cell } from '../../src';

async function read(bytes: Buffer, fileName = 'danh-sach.xlsx') {
  const sheets: { name: string; rows: { row: number; cells: readonly Cell[] }[] }[] = [];
  for await (const sheet of readSpreadsheet(bytes, fileName)) {
    const rows = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.push({ name: sheet.name, rows });
  }
  return sheets;
}

async function refusal(bytes: Buffer, fileName = 'danh-sach.xlsx'): Promise<ImportFileError> {
  try {
    await read(bytes, fileName);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading an uploaded spreadsheet', () => {
  it('reads an office’s workbook: title rows, merged headers, dates, rich text, several sheets', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('Nhiệm vụ 2024');
      sheet.addRow(['DANH MỤC NHIỆM VỤ UBND TỈNH GIAO NĂM 2024']);
      sheet.mergeCells('A1:E1');
      sheet.addRow([]);
      sheet.addRow(['STT', 'Văn bản', null, 'Nội dung nhiệm vụ', 'Thời hạn']);
      sheet.mergeCells('B3:C3');
      sheet.addRow([null, 'Số ký hiệu', 'Ngày ban hành', null, null]);
      sheet.addRow([
        1,
        '24/CTr-UBND',
        new Date(Date.UTC(2024, 0, 19)),
        { richText: [{ text: 'Triển khai ' }, { font: { bold: true }, text: 'chữ ký số' }] },
        '30/6/2024',
      ]);
      sheet.getCell('C5').numFmt = 'dd/mm/yyyy';
      book.addWorksheet('Ghi chú').addRow(['Ghi chú', 'Dữ liệu đến 31/5/2024']);
    });
    const sheets = await read(bytes);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Nhiệm vụ 2024', 'Ghi chú']);
    const rows = sheets[0].rows;
    expect(rows.map((row) => row.row)).toEqual([1, 3, 4, 5]);
    expect(rows[1].cells).toEqual(['STT', 'Văn bản', null, 'Nội dung nhiệm vụ', 'Thời hạn']);
    expect(rows[3].cells).toEqual([
      1,
      '24/CTr-UBND',
      new Date(Date.UTC(2024, 0, 19)),
      'Triển khai chữ ký số',
      '30/6/2024',
    ]);
    expect(sheets[1].rows[0].cells).toEqual(['Ghi chú', 'Dữ liệu đến 31/5/2024']);
  });

  it('reads an empty sheet as no rows', async () => {
    const sheets = await read(await workbook((book) => book.addWorksheet('Trống')));
    expect(sheets).toEqual([{ name: 'Trống', rows: [] }]);
  });

  it('refuses a formula, naming its cell and how to keep the values', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('DS');
      sheet.addRow(['Nội dung nhiệm vụ', 'Thời hạn']);
      sheet.addRow(['Báo cáo quý', { formula: 'TODAY()+30', result: 45500 }]);
    });
    const error = await refusal(bytes);
    expect(error.code).toBe('formula');
    expect(error.vi).toBe(
      'Ô B2 của trang "DS" chứa công thức; hãy chọn cả bảng, sao chép rồi dán đặc biệt dạng giá trị (Paste Special → Values), lưu lại và tải lên lần nữa.',
    );
  });

  it('refuses an error value', async () => {
    const bytes = await workbook((book) =>
      book.addWorksheet('DS').addRow(['Nhiệm vụ', { error: '#N/A' }]),
    );
    expect((await refusal(bytes)).vi).toMatch(/Ô B1 của trang "DS" có giá trị lỗi #N\/A/);
  });

  it('refuses 10 MB of one cell, naming the cell', async () => {
    const bytes = await workbook((book) =>
      book.addWorksheet('DS').addRow(['Nhiệm vụ', 'x'.repeat(10 * 1024 * 1024)]),
    );
    const error = await refusal(bytes);
    expect(error.code).toBe('cell_too_long');
    expect(error.vi).toMatch(/^Ô B1 của trang "DS" dài 10\.485\.760 ký tự/);
  });

  it('refuses a zip bomb from its directory, without unpacking it', async () => {
    // A workbook part that unpacks to 201 MB of zeros, compressed to a few hundred KB.
    const zeros = Buffer.alloc(1024 * 1024);
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const chunks: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
    for (let i = 0; i < 201; i += 1) deflate.write(zeros);
    await new Promise((resolve) => deflate.end(resolve));
    let crc = 0;
    for (let i = 0; i < 201; i += 1) crc = zlib.crc32(zeros, crc);
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), packed: null },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.concat(chunks),
        packed: { size: 201 * 1024 * 1024, crc },
      },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusal(bomb);
    expect(error.code).toBe('too_large_unpacked');
    expect(error.vi).toMatch(/quá lớn khi giải nén \(hơn 200 MB\)/);
  });

  it('refuses a zip that is no workbook (a Word document)', async () => {
    const docx = zipOf([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>'), packed: null },
    ]);
    expect((await refusal(docx)).code).toBe('not_a_workbook');
  });

  it('refuses a password-protected workbook (or an old .xls) with what to do', async () => {
    const compound = Buffer.alloc(4096);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(compound);
    const error = await refusal(compound);
    expect(error.code).toBe('protected_or_xls');
    expect(error.vi).toMatch(/bỏ mật khẩu \(nếu có\) và lưu lại dạng \.xlsx/);
  });

  it('refuses what is no spreadsheet, and an empty or damaged file', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await refusal(png, 'anh.png')).code).toBe('not_a_spreadsheet');
    expect((await refusal(Buffer.alloc(0))).code).toBe('empty_file');
    const cut = (await workbook((book) => book.addWorksheet('DS').addRow(['a']))).subarray(0, 300);
    expect((await refusal(cut)).code).toBe('broken_file');
    const huge = Buffer.alloc(SHEET_LIMITS.maxFileBytes + 1, 0x61);
    expect((await refusal(huge, 'lon.csv')).code).toBe('file_too_large');
  });
});

describe('reading a CSV', () => {
  const csv = async (text: string | Buffer) => (await read(Buffer.from(text), 'ds.csv'))[0].rows;

  it('reads Excel’s UTF-8 CSV with its byte-order mark, quotes and a line break in a cell', async () => {
    const rows = await csv(
      '\uFEFFSTT,Nội dung nhiệm vụ,Cơ quan chủ trì\r\n1,"Triển khai ""chữ ký số""",Sở TT&TT\r\n2,"Báo cáo\nquý II",\r\n',
    );
    expect(rows).toEqual([
      { row: 1, cells: ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì'] },
      { row: 2, cells: ['1', 'Triển khai "chữ ký số"', 'Sở TT&TT'] },
      { row: 3, cells: ['2', 'Báo cáo\nquý II', null] },
    ]);
  });

  it('reads semicolons (Excel with Vietnamese settings) and UTF-16 text', async () => {
    expect(await csv('Nhiệm vụ;Thời hạn\nA;05/03/2024')).toEqual([
      { row: 1, cells: ['Nhiệm vụ', 'Thời hạn'] },
      { row: 2, cells: ['A', '05/03/2024'] },
    ]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Nhiệm vụ\tHạn\r\nB\t\r\n', 'utf16le'),
    ]);
    expect(await csv(utf16)).toEqual([
      { row: 1, cells: ['Nhiệm vụ', 'Hạn'] },
      { row: 2, cells: ['B', null] },
    ]);
  });

  it('refuses text that is not UTF-8, which would garble the Vietnamese', async () => {
    const latin1 = Buffer.from('Nhi\xe9m v\xfa,H\xe0n\n', 'latin1');
    const error = await refusal(latin1, 'ds.csv');
    expect(error.code).toBe('not_utf8');
    expect(error.vi).toMatch(/CSV UTF-8/);
  });
});

/** A zip written by hand: stored entries, or deflated data with its unpacked size and CRC. */
function zipOf(
  entries: { name: string; data: Buffer; packed: { size: number; crc: number } | null }[],
): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const method = entry.packed ? 8 : 0;
    const size = entry.packed ? entry.packed.size : entry.data.length;
    const crc = entry.packed ? entry.packed.crc : zlib.crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    directory.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
