/**
 * The dry run of importing an office's list, end to end on the real app (multipart upload through
 * multer): the messy sample previewed with its tasks and every problem on its row and column in
 * Vietnamese; bad files refused with what to do; who may not import refused before the upload is
 * read; and no task written: the run itself is recorded (one event), a refused file not at all.
 */
import { messySampleWorkbook } from '@chidao/imports/testing';
import { seedProvince, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

describe('POST /api/imports: the dry run', () => {
  let t: TestApp;
  let p: Province;
  let sample: Buffer;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const upload = (who: UserName, bytes: Buffer, fileName = 'theo-doi-nhiem-vu.xlsx') =>
    t.http.post('/api/imports').set(p.headers(who)).attach('file', bytes, fileName);

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    p = await seedProvince(t);
    // The sample's other agencies, as a province registers them.
    for (const agency of [
      { code: 'SNV', name: 'Sở Nội vụ', parent: 'UBND-TINH', kind: 'department' },
      { code: 'UBND-CANLOC', name: 'UBND huyện Can Lộc', parent: 'UBND-TINH', kind: 'district' },
    ]) {
      await t.http.post('/api/agencies').set(p.headers('admin')).send(agency).expect(201);
    }
    sample = await messySampleWorkbook();
  });
  afterAll(() => t?.close());

  it('previews the messy list: its columns, its tasks and every problem, recording only the run', async () => {
    const before = await headPosition();
    const { body } = await upload('tracker', sample).expect(200);
    // TaskListImportPrepared, and no task, no document.
    expect(await headPosition()).toBe(before + 1);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'prepared',
      committed: null,
      diff: { new: 5, changed: 0, unchanged: 0, vanished: 0 },
      unmatchedNames: [{ text: 'Công an tỉnh', field: 'leadAgency', rows: 1 }],
      fileName: 'theo-doi-nhiem-vu.xlsx',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bytes: sample.length,
      counts: { tasks: 5, errors: 6, warnings: 1 },
      ready: false,
    });
    expect(body.sheets[0]).toMatchObject({ name: 'Theo dõi NV 2024', headerRow: 5, tasks: 5 });
    expect(body.sheets[0].columns).toContainEqual({
      column: 'C',
      heading: 'Văn bản giao nhiệm vụ\nNgày ban hành',
      field: 'issuedOn',
      label: 'Ngày ban hành',
    });
    expect(body.tasks[1]).toMatchObject({
      row: 8,
      title: 'Nâng cấp Cổng dịch vụ công tỉnh',
      leadAgency: 'STTTT',
      leadAgencyName: 'Sở Thông tin và Truyền thông',
      supportAgencyNames: ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư'],
      deadline: '2024-06-30',
      progress: 'in_progress',
      change: 'new',
    });
    expect(body.problems[1]).toMatchObject({
      row: 14,
      column: 'Cơ quan chủ trì',
      value: 'Công an tỉnh',
      severity: 'error',
    });
    expect(body.problems.at(-1)).toMatchObject({ row: 11, severity: 'warning' });
  });

  it('lets the leadership of a body import, and nobody else, before reading the upload', async () => {
    await upload('leader', sample).expect(200);
    for (const [who, status] of [
      ['staffTTTT', 403],
      ['auditor', 403],
      ['admin', 403],
    ] as const) {
      const refused = await upload(who, sample);
      expect(refused.status).toBe(status);
      expect(refused.body.messageVi).toMatch(/lãnh đạo và văn phòng theo dõi|chỉ được xem/);
    }
    await t.http.post('/api/imports').attach('file', sample, 'a.xlsx').expect(401);
  });

  it.each<[string, () => Buffer, string, RegExp]>([
    [
      'a picture',
      () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      'anh.png',
      /không phải bảng tính/,
    ],
    [
      'a password-protected workbook',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
      'bao-mat.xlsx',
      /đặt mật khẩu hoặc là tệp Excel cũ/,
    ],
    ['an empty file', () => Buffer.alloc(0), 'rong.csv', /Tệp rỗng/],
  ])('refuses %s with what to do (422), writing nothing', async (_, bytes, name, message) => {
    const before = await headPosition();
    const refused = await upload('tracker', bytes(), name);
    expect(refused.status).toBe(422);
    expect(refused.body.messageVi).toMatch(message);
    expect(await headPosition()).toBe(before);
  });

  it('asks for the file when none is attached, and refuses a second file', async () => {
    const none = await t.http.post('/api/imports').set(p.headers('tracker')).field('note', 'x');
    expect(none.status).toBe(400);
    expect(none.body.messageVi).toBe('Chưa chọn tệp danh sách nhiệm vụ để nhập (.xlsx hoặc .csv).');
    const two = await t.http
      .post('/api/imports')
      .set(p.headers('tracker'))
      .attach('file', sample, 'a.xlsx')
      .attach('file', sample, 'b.xlsx');
    expect(two.status).toBe(400);
  });

  it('refuses a file over 20 MB before reading it', async () => {
    const huge = Buffer.alloc(22 * 1024 * 1024, 0x61);
    const refused = await upload('tracker', huge, 'lon.csv');
    expect(refused.status).toBe(413);
    expect(refused.body.messageVi).toMatch(/quá lớn/);
  });
});
