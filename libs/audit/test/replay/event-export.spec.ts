import { isDomainError } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import {
  appendReplayFixture,
  FIXTURE_TITLE,
  ManualClock,
  parseCsvExport,
  parseNdjson,
} from '../../src/testing';
import {
  exportEvents,
  type ExportOptions,
  type ExportSummary,
} from '../../src/replay/event-export';
import { parseEventFilter, type EventFilterInput } from '../../src/replay/event-filter';
import { TempLogs } from '../integrity/support';

describe('exportEvents', () => {
  const temp = new TempLogs();
  let store: EventStore;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    ({ events: store } = await temp.open(undefined, clock.now));
    await appendReplayFixture(store, clock);
  });
  afterEach(() => temp.cleanup());

  async function run(
    input: EventFilterInput,
    options: ExportOptions,
  ): Promise<{ chunks: string[]; summary: ExportSummary | null }> {
    const filter = parseEventFilter(input);
    if (isDomainError(filter)) throw new Error(filter.message);
    let summary: ExportSummary | null = null;
    const chunks: string[] = [];
    for await (const chunk of exportEvents(store, filter, {
      ...options,
      onDone: (s) => (summary = s),
    })) {
      chunks.push(chunk);
    }
    return { chunks, summary };
  }

  it('writes one NDJSON object per matching event, in log order, with who, where and both dates', async () => {
    const { chunks, summary } = await run(
      { from: '2024-03-01', to: '2024-03-31', stream: 'task-t1' },
      { format: 'ndjson' },
    );
    const records = parseNdjson(chunks.join(''));
    expect(records.map((r) => r.position)).toEqual([2, 3, 4, 5]);
    expect(records[0]).toEqual({
      position: 2,
      recordedAt: '2024-03-29T02:00:00.000Z',
      occurredOn: '2024-03-29',
      streamId: 'task-t1',
      streamVersion: 1,
      type: 'TaskAssigned',
      schemaVersion: 1,
      actor: 'leader-1',
      actorRoles: ['leader'],
      agency: 'UBND-TINH',
      agencies: ['STC', 'STTTT', 'UBND-TINH'],
      correlationId: 'corr-2',
      causationId: 'corr-1',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: expect.objectContaining({ title: FIXTURE_TITLE, leadAgency: 'STTTT' }),
    });
    // The back-dated completion: business date in March, typed in April.
    expect(records[3]).toMatchObject({
      position: 5,
      type: 'TaskCompletionReported',
      occurredOn: '2024-03-28',
      recordedAt: '2024-04-02T03:00:00.000Z',
    });
    const [stored] = await store.readStream('task-t1', { fromVersion: 1, toVersion: 1 });
    expect(records[0].hash).toBe(stored.hash);
    expect(records[0].data).toEqual(stored.data);
    expect(summary).toEqual({ scanned: 7, matched: 4, upTo: 7 });
  });

  it('writes RFC 4180 CSV with a BOM and a header; quotes, commas, line breaks and Vietnamese survive', async () => {
    const { chunks } = await run({ agency: 'STC' }, { format: 'csv' });
    const text = chunks.join('');
    expect(text.startsWith('\uFEFFposition,recordedAt,occurredOn,streamId,')).toBe(true);
    const rows = parseCsvExport(text);
    expect(rows.map((row) => row.position)).toEqual(['2', '4', '7']);
    expect(rows[0]).toMatchObject({
      streamId: 'task-t1',
      actor: 'leader-1',
      actorRoles: 'leader',
      agency: 'UBND-TINH',
      agencies: 'STC;STTTT;UBND-TINH',
      causationId: 'corr-1',
    });
    expect(JSON.parse(rows[0].data).title).toBe(FIXTURE_TITLE);
    expect(JSON.parse(rows[1].data).note).toBe('Đã phối hợp rà soát, "đạt" yêu cầu');
    // Compact JSON: no indentation added.
    expect(rows[1].data).not.toMatch(/\n\s/);
    const first = await run({ stream: 'agency-STTTT' }, { format: 'csv' });
    expect(parseCsvExport(first.chunks.join(''))[0]).toMatchObject({ agency: '', causationId: '' });
  });

  it('stops at `limit` matching events and reads no further', async () => {
    const { chunks, summary } = await run({ agency: 'STC' }, { format: 'ndjson', limit: 2 });
    expect(parseNdjson(chunks.join('')).map((r) => r.position)).toEqual([2, 4]);
    // Position 4 was the second match: positions 5 to 7 were never looked at.
    expect(summary).toEqual({ scanned: 4, matched: 2, upTo: 7 });
    const csv = await run({ agency: 'STC' }, { format: 'csv', limit: 1 });
    expect(parseCsvExport(csv.chunks.join('')).map((row) => row.position)).toEqual(['2']);
  });

  it('writes the header alone when nothing matches, and nothing at all in NDJSON', async () => {
    const csv = await run({ actor: 'nobody' }, { format: 'csv' });
    expect(parseCsvExport(csv.chunks.join(''))).toEqual([]);
    const ndjson = await run({ actor: 'nobody' }, { format: 'ndjson' });
    expect(ndjson.chunks).toEqual([]);
    expect(ndjson.summary).toEqual({ scanned: 7, matched: 0, upTo: 7 });
  });

  it('covers the log up to the head read at the start, even while events keep arriving', async () => {
    const filter = parseEventFilter({});
    if (isDomainError(filter)) throw new Error(filter.message);
    let summary: ExportSummary | null = null;
    const positions: number[] = [];
    let appended = 0;
    for await (const chunk of exportEvents(store, filter, {
      format: 'ndjson',
      batchSize: 2,
      onDone: (s) => (summary = s),
    })) {
      positions.push(...parseNdjson(chunk).map((r) => r.position as number));
      // A live log: an event is appended after every chunk read.
      await store.append('task-live', [
        {
          type: 'TaskReceived',
          schemaVersion: 1,
          data: { agency: 'STC' },
          metadata: { actor: 'u', agency: 'STC', correlationId: 'c', causationId: null },
          occurredOn: '2024-04-02',
        },
      ]);
      appended += 1;
    }
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(appended).toBe(4);
    expect(summary).toEqual({ scanned: 7, matched: 7, upTo: 7 });
    // A given upTo is honoured as is.
    const upTo3 = await run({}, { format: 'ndjson', upTo: 3 });
    expect(parseNdjson(upTo3.chunks.join('')).map((r) => r.position)).toEqual([1, 2, 3]);
  });

  it('reads one batch per chunk and stops reading when the consumer stops', async () => {
    const { chunks } = await run({}, { format: 'ndjson', batchSize: 3 });
    expect(chunks.map((chunk) => parseNdjson(chunk).length)).toEqual([3, 3, 1]);

    const filter = parseEventFilter({});
    if (isDomainError(filter)) throw new Error(filter.message);
    let done = false;
    const seen: string[] = [];
    for await (const chunk of exportEvents(store, filter, {
      format: 'ndjson',
      batchSize: 3,
      onDone: () => (done = true),
    })) {
      seen.push(chunk);
      break;
    }
    expect(seen).toHaveLength(1);
    // An export cut short reports no summary: it did not cover its range.
    expect(done).toBe(false);
  });
});
