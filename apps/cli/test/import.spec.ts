/**
 * `chidao import FILE --as USERNAME` as an operator runs it on the server: the real CLI in a child
 * process on a SQLite data directory the real API seeded (a small province and its people). The
 * messy sample's dry run prints every problem and writes no task; a clean list imports, each
 * event marked as imported; the same list again creates nothing; someone the import refuses is
 * refused with nothing written.
 */
import { MESSY_SAMPLE_EXPECTED, messySampleWorkbook } from '@chidao/imports/testing';
import { SqliteEventStore, type StoredEvent } from '@chidao/event-store';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestApp } from '../../api/test/support/test-app';
import { seedProvince } from '../../api/test/support/province';
import { runCli, TempDataDirs } from './support';

const CLEAN = [
  'STT,Số ký hiệu,Ngày ban hành,Nội dung nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn,Tình hình thực hiện,Ngày hoàn thành,Văn bản kết quả',
  '1,24/CTr-UBND,19/01/2024,Triển khai chữ ký số,Sở TT&TT,Sở Tài chính,31/03/2024,Đã hoàn thành,28/03/2024,45/BC-STTTT',
  '2,24/CTr-UBND,19/01/2024,Nâng cấp Cổng dịch vụ công,STTTT,,30/04/2024,"Đang thực hiện, đạt 60%",,',
  '3,56/KH-UBND,05/02/2024,Rà soát giải ngân vốn đầu tư công,Sở Kế hoạch và Đầu tư,,30/09/2024,Chưa triển khai,,',
].join('\r\n');

describe('chidao import', () => {
  const dirs = new TempDataDirs();
  let dataDir: string;
  let file: string;
  let messy: string;
  let clean: string;

  const importing = (args: readonly string[]) =>
    runCli(['import', ...args], [], { CHIDAO_DATA_DIR: dataDir });
  const eventsAfter = async (after: number): Promise<StoredEvent[]> => {
    const store = SqliteEventStore.open({ path: file });
    try {
      const events: StoredEvent[] = [];
      for await (const batch of store.readAll({ after })) events.push(...batch);
      return events;
    } finally {
      await store.close();
    }
  };
  const head = async () => {
    const store = SqliteEventStore.open({ path: file });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };
  const keptFiles = () => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM import_files').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dataDir = dirs.create().dir;
    file = path.join(dataDir, 'chidao.sqlite');
    const app = await startTestApp({ dataDir });
    try {
      const province = await seedProvince(app);
      // The sample also names the province's Sở Nội vụ and a district the test province lacks.
      for (const agency of [
        { code: 'SNV', name: 'Sở Nội vụ', parent: 'UBND-TINH', kind: 'department' },
        { code: 'UBND-CANLOC', name: 'UBND huyện Can Lộc', parent: 'UBND-TINH', kind: 'district' },
      ]) {
        await app.http
          .post('/api/agencies')
          .set(province.headers('admin'))
          .send(agency)
          .expect(201);
      }
    } finally {
      await app.close();
    }
    messy = path.join(dataDir, 'mau.xlsx');
    fs.writeFileSync(messy, await messySampleWorkbook());
    clean = path.join(dataDir, 'danh-sach.csv');
    fs.writeFileSync(clean, CLEAN);
  });
  afterAll(() => dirs.cleanup());

  it('prints the messy sample’s dry run in Vietnamese, row by row, and writes no task', async () => {
    const before = await head();
    const run = await importing([messy, '--as', 'tracker', '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Cơ quan giao nhiệm vụ: UBND tỉnh Hà Tĩnh');
    expect(run.stdout).toContain('5 nhiệm vụ · 6 lỗi · 1 cảnh báo');
    for (const { row, column } of MESSY_SAMPLE_EXPECTED.errors) {
      const where =
        `Lỗi · trang "Theo dõi NV 2024", dòng ${row}` +
        (column === null ? ':' : `, cột "${column}"`);
      expect(run.stdout).toContain(where);
    }
    expect(run.stdout).toContain('("Công an tỉnh"): Không tìm thấy cơ quan "Công an tỉnh"');
    expect(run.stdout).toContain('Cảnh báo · trang "Theo dõi NV 2024", dòng 11');
    expect(run.stdout).toContain('5 nhiệm vụ mới · 0 thay đổi');
    expect(run.stdout).toContain('Chưa nhập gì');
    // The dry run is recorded, as the API records it; no task, no document.
    const written = await eventsAfter(before);
    expect(written.map((event) => event.type)).toEqual(['TaskListImportPrepared']);
  });

  it('imports a clean list, every event marked as imported, the names and dates in Vietnamese', async () => {
    const before = await head();
    const run = await importing([clean, '--as', 'tracker']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('3 nhiệm vụ · 0 lỗi · 0 cảnh báo');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đã nhập / imported: 3 nhiệm vụ mới · 0 cập nhật · 0 hủy');
    const written = await eventsAfter(before);
    expect(written[0].type).toBe('TaskListImportPrepared');
    expect(written[written.length - 1].type).toBe('TaskListImportCommitted');
    const history = written.slice(1, -1);
    expect(history.filter((event) => event.type === 'TaskAssigned')).toHaveLength(3);
    const importId = (written[0].data as { importId: string }).importId;
    for (const event of history) {
      expect(event.metadata).toMatchObject({ imported: { importId } });
      expect(event.metadata.agency).toBe('UBND-TINH');
    }
  });

  it('creates nothing when the same list is imported again', async () => {
    const before = await head();
    const run = await importing([clean, '--as', 'tracker']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 nhiệm vụ mới · 0 thay đổi · 3 không đổi');
    expect(run.stdout).toContain('Không có gì mới để nhập');
    expect((await eventsAfter(before)).map((event) => event.type)).toEqual([
      'TaskListImportPrepared',
    ]);
  });

  it('refuses an auditor, staff and an unknown name, writing nothing', async () => {
    const before = await head();
    const files = keptFiles();
    const auditor = await importing([clean, '--as', 'auditor']);
    expect(auditor.code).toBe(2);
    expect(auditor.stderr).toContain('Kiểm toán, thanh tra chỉ được xem');
    expect(auditor.stdout).not.toContain('Đã nhập');
    const staff = await importing([clean, '--as', 'stafftttt']);
    expect(staff.code).toBe(2);
    expect(staff.stderr).toContain('Chỉ lãnh đạo và văn phòng theo dõi');
    const nobody = await importing([clean, '--as', 'ai-do']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('Không có người dùng "ai-do"');
    const badApply = await importing([clean, '--as', 'tracker', '--apply', 'all']);
    expect(badApply.code).toBe(2);
    expect(await head()).toBe(before);
    expect(keptFiles()).toBe(files);
  });

  it('imports a 20 000-row list in a 160 MB heap: the commit streams its writes', async () => {
    // Twenty documents of a thousand tasks each, half done: 20 020 streams, about 50 000 events.
    const rows = [
      'Số ký hiệu,Ngày ban hành,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn,Tình hình thực hiện,Ngày hoàn thành,Văn bản kết quả',
    ];
    for (let i = 0; i < 20_000; i += 1) {
      const document = `${100 + Math.floor(i / 1000)}/KH-UBND`;
      const done = i % 2 === 0;
      rows.push(
        [
          document,
          '10/01/2024',
          `Nhiệm vụ số ${i + 1} của kế hoạch ${document}`,
          ['STTTT', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư'][i % 3],
          '30/06/2024',
          done ? 'Đã hoàn thành' : 'Đang thực hiện',
          done ? '20/05/2024' : '',
          done ? `${i + 1}/BC-STTTT` : '',
        ].join(','),
      );
    }
    const big = path.join(dataDir, 'lon.csv');
    fs.writeFileSync(big, rows.join('\r\n'));
    const before = await head();
    const run = await runCli(['import', big, '--as', 'tracker'], ['--max-old-space-size=160'], {
      CHIDAO_DATA_DIR: dataDir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // 20 documents (registration and number each), 20 000 tasks (assigned, received, and for
    // the done half reported and confirmed), the run and the commit.
    expect((await head()) - before).toBe(40 + 20_000 * 2 + 10_000 * 2 + 2);
  }, 120_000);
});
