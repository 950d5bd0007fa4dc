import { isDomainError } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { appendReplayFixture, ManualClock, parseCsvExport, parseNdjson } from '../../src/testing';
import { exportEvents, type ExportOptions } from '../../src/replay/event-export';
import { parseEventFilter } from '../../src/replay/event-filter';
import { taskEntriesRecordedAfter } from '../../src/time-travel/entries-after';
import { namesFrom } from '../../src/words';
import { TempLogs } from '../integrity/support';

const names = namesFrom(
  { STTTT: 'Sở Thông tin và Truyền thông', STC: 'Sở Tài chính', 'UBND-TINH': 'UBND tỉnh' },
  {
    'staff-1': { name: 'Nguyễn Văn An', agency: 'STTTT' },
    'staff-2': { name: 'Trần Thị Bình', agency: 'STTTT' },
  },
);

describe('the event export in words', () => {
  const temp = new TempLogs();
  let store: EventStore;

  beforeEach(async () => {
    const clock = new ManualClock();
    ({ events: store } = await temp.open(undefined, clock.now));
    await appendReplayFixture(store, clock);
  });
  afterEach(() => temp.cleanup());

  async function text(options: ExportOptions): Promise<string> {
    const filter = parseEventFilter({ from: '2024-03-31', to: '2024-03-31', stream: 'task-t1' });
    if (isDomainError(filter)) throw new Error(filter.message);
    let out = '';
    for await (const chunk of exportEvents(store, filter, options)) out += chunk;
    return out;
  }

  it('adds the words to NDJSON records, naming the agency the person acted for then', async () => {
    const records = parseNdjson(await text({ format: 'ndjson', names }));
    expect(records.map((r) => (r.words as { sentence: { vi: string } }).sentence.vi)).toEqual([
      'Sở Thông tin và Truyền thông tiếp nhận nhiệm vụ',
      'Sở Tài chính báo cáo tiến độ 40% (đơn vị phối hợp) — Đã phối hợp rà soát, "đạt" yêu cầu',
    ]);
    // staff-2 belongs to STTTT now but entered the report for STC.
    expect((records[1].words as { who: { vi: string } }).who.vi).toBe(
      'Trần Thị Bình (Sở Tài chính)',
    );
    expect(records[0].type).toBe('TaskReceived');
  });

  it('writes a CSV for people with Vietnamese or English headers, and the machine header without lang', async () => {
    const vi = parseCsvExport(await text({ format: 'csv', names, lang: 'vi' }));
    expect(vi[0]).toMatchObject({
      'Ngày nghiệp vụ': '2024-03-31',
      'Sự kiện': 'Tiếp nhận nhiệm vụ',
      'Người thực hiện': 'Nguyễn Văn An (Sở Thông tin và Truyền thông)',
      'Nội dung': 'Sở Thông tin và Truyền thông tiếp nhận nhiệm vụ',
    });
    const en = parseCsvExport(await text({ format: 'csv', names, lang: 'en' }));
    expect(en[0]).toMatchObject({ Event: 'Task received', 'Business date': '2024-03-31' });
    const machine = parseCsvExport(await text({ format: 'csv', names }));
    expect(Object.keys(machine[0])).not.toContain('Nội dung');
    expect(machine[0].type).toBe('TaskReceived');
  });

  it('lists the task entries recorded after an instant for days of a period', async () => {
    // Recorded 02/04 for 28/03: after 01/04 and dated in March.
    const after = await taskEntriesRecordedAfter(store, {
      knownAt: '2024-04-01T00:00:00Z',
      from: '2024-03-01',
      to: '2024-03-31',
    });
    expect(after.count).toBe(1);
    expect(after.events.map((e) => [e.type, e.occurredOn, e.taskId])).toEqual([
      ['TaskCompletionReported', '2024-03-28', 't1'],
    ]);
    const none = await taskEntriesRecordedAfter(store, {
      knownAt: '2024-04-03T00:00:00Z',
      from: '2024-03-01',
      to: '2024-03-31',
    });
    expect(none).toEqual({ count: 0, events: [], truncated: false });
  });
});
