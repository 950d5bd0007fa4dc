import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  readDomainEvents,
  SqliteEventStore,
  UndecodableEventError,
  verifyLog,
  type NewEvent,
  type RecordedEvent,
} from '../src';

const metadata = { actor: 'u-vp', agency: 'UBND-TINH', correlationId: 'c', causationId: null };
const event = (type: string, schemaVersion: number, data: unknown): NewEvent => ({
  type,
  schemaVersion,
  data,
  metadata,
  occurredOn: '2024-01-25',
});
const REASSIGNED_V1 = event('TaskReassigned', 1, {
  previousLeadAgency: 'STTTT',
  leadAgency: 'SKHDT',
  previousSupportAgencies: ['STC'],
  supportAgencies: [],
  reason: 'Giao lại',
});
const TO_V2 = {
  from: { leadAgency: 'STTTT', supportAgencies: ['STC'] },
  to: { leadAgency: 'SKHDT', supportAgencies: [] },
  reason: 'Giao lại',
};

describe('readDomainEvents: the one decoding reader', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-decoding-'));
    store = SqliteEventStore.open({ path: path.join(dir, 'chidao.db') });
    await store.append('task-t1', [event('TaskReceived', 1, { agency: 'STTTT' }), REASSIGNED_V1]);
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hands every reader the current shape; the log keeps the bytes it stored', async () => {
    const events = readDomainEvents(store);
    const [, read] = await events.readStream('task-t1');
    expect(read).toMatchObject({ type: 'TaskReassigned', schemaVersion: 2, data: TO_V2 });
    const all: RecordedEvent[] = [];
    for await (const batch of events.readAll({ batchSize: 1 })) all.push(...batch);
    expect(all.map((e) => [e.position, e.schemaVersion])).toEqual([
      [1, 1],
      [2, 2],
    ]);

    const [, stored] = await store.readStream('task-t1');
    expect(stored).toMatchObject({ schemaVersion: 1, data: REASSIGNED_V1.data });
    expect(read.hash).toBe(stored.hash);
    expect(await verifyLog(store)).toMatchObject({ ok: true });
  });

  it('decodes what a subscription delivers, live', async () => {
    const seen: RecordedEvent[] = [];
    const subscription = readDomainEvents(store).subscribe({ after: 0 }, (batch) => {
      seen.push(...batch);
    });
    await store.append('task-t2', [REASSIGNED_V1]);
    await subscription.waitFor(3);
    await subscription.stop();
    expect(seen.map((e) => e.schemaVersion)).toEqual([1, 2, 2]);
  });

  it('stops at an event this code cannot read, naming where it is, instead of skipping it', async () => {
    await store.append('task-t1', [event('TaskReassigned', 3, {})], { expectedVersion: 2 });
    const reading = (async () => {
      for await (const _batch of readDomainEvents(store).readAll()) void _batch;
    })();
    await expect(reading).rejects.toThrow(UndecodableEventError);
    await expect(readDomainEvents(store).readStream('task-t1')).rejects.toMatchObject({
      position: 3,
      streamId: 'task-t1',
      message: expect.stringContaining('TaskReassigned version 3 is newer'),
    });

    const failed = new Promise<unknown>((resolve) => {
      readDomainEvents(store).subscribe({ after: 0, onError: resolve }, () => undefined);
    });
    expect(await failed).toBeInstanceOf(UndecodableEventError);
  });
});
