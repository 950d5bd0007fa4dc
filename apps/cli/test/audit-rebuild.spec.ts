import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIRECTIVE_CLERK, directiveEvents } from '@chidao/audit/testing';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import {
  ALL_PROJECTIONS,
  rebuildProjection,
  SqliteReadModelStore,
  type ReadModelStore,
} from '@chidao/projections';
import { appendTaskStories, SEED_METADATA, type TaskStory } from '@chidao/projections/testing';
import { runCli, TempDataDirs, type DataDir } from './support';

type Documents = Record<string, Array<{ id: string; json: string }>>;

const stories = (from: number, to: number, completedBy: string): TaskStory[] =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return {
      id: `s${i}`,
      directiveId: 'dir-1',
      leadAgency: ['STTTT', 'STC', 'SKHDT'][i % 3],
      assignedOn: '2024-04-02',
      deadline: '2024-06-30',
      ...(i % 2 === 0
        ? {
            completion: {
              completedOn: completedBy,
              reportedOn: completedBy,
              confirmedOn: completedBy,
            },
          }
        : {}),
    };
  });

/** Every document of every projection, in id order, as stored (canonical JSON). */
async function documentsOf(store: ReadModelStore): Promise<Documents> {
  const out: Documents = {};
  for (const projection of ALL_PROJECTIONS) {
    out[projection.name] = [];
    for await (const { id, json } of store.documents(projection.name).stream()) {
      out[projection.name].push({ id, json });
    }
  }
  return out;
}

async function documentsInFile(file: string): Promise<Documents> {
  const store = SqliteReadModelStore.open({ path: file });
  try {
    return await documentsOf(store);
  } finally {
    await store.close();
  }
}

/** The app's own read models in the data directory, brought to the head the way the API does. */
async function liveReadModels(data: DataDir): Promise<{ head: number; docs: Documents }> {
  return data.withLog(async (eventStore: EventStore) => {
    const readStore = SqliteReadModelStore.open({ path: data.file });
    try {
      for (const projection of ALL_PROJECTIONS) {
        await rebuildProjection(projection, {
          eventStore: readDomainEvents(eventStore),
          readStore,
        });
      }
      return { head: await eventStore.headPosition(), docs: await documentsOf(readStore) };
    } finally {
      await readStore.close();
    }
  });
}

describe('chidao audit rebuild', () => {
  const dirs = new TempDataDirs();
  let data: DataDir;
  let asOfP: { head: number; docs: Documents };
  let atHead: { head: number; docs: Documents };

  beforeAll(async () => {
    data = dirs.create();
    const registered = directiveEvents({
      type: 'RegisterDirective',
      data: {
        directiveId: 'dir-1',
        reference: '24/CTr-UBND',
        issuedOn: '2024-01-19',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Chương trình công tác năm 2024',
      },
      meta: {
        actor: DIRECTIVE_CLERK,
        occurredOn: '2024-01-19',
        receivedAt: '2024-04-02T02:00:00.000Z',
      },
    });
    await data.withLog(async (events) => {
      data.clock.set('2024-04-02T02:00:00.000Z');
      await events.append(
        'directive-dir-1',
        registered.map((e) => ({ ...e, metadata: SEED_METADATA })),
      );
      await appendTaskStories(events, stories(0, 30, '2024-05-20'), {
        receivedAt: '2024-05-21T02:00:00.000Z',
        batchSize: 7,
      });
    });
    asOfP = await liveReadModels(data);

    // Later: the directive is corrected and more tasks arrive.
    const corrected = directiveEvents(
      {
        type: 'CorrectDirectiveDetails',
        data: { title: 'Chương trình công tác năm 2024 (sửa đổi)' },
        meta: {
          actor: DIRECTIVE_CLERK,
          occurredOn: '2024-06-03',
          receivedAt: '2024-06-03T02:00:00.000Z',
        },
      },
      registered,
    );
    await data.withLog(async (events) => {
      data.clock.set('2024-06-03T02:00:00.000Z');
      await events.append(
        'directive-dir-1',
        corrected.map((e) => ({ ...e, metadata: SEED_METADATA })),
      );
      await appendTaskStories(events, stories(30, 45, '2024-06-01'), {
        receivedAt: '2024-06-03T02:00:00.000Z',
      });
    });
    atHead = await liveReadModels(data);
  });
  afterAll(() => dirs.cleanup());

  const rebuild = (position: number | string, into: string) =>
    runCli([
      'audit',
      'rebuild',
      '--position',
      String(position),
      '--into',
      into,
      '--data-dir',
      data.dir,
    ]);
  const newFile = (name: string) => path.join(`${data.dir}-out`, name);

  beforeAll(() => fs.mkdirSync(`${data.dir}-out`, { recursive: true }));
  afterAll(() => fs.rmSync(`${data.dir}-out`, { recursive: true, force: true }));

  it('rebuilds every projection as of position P: the documents the app had when P was the head', async () => {
    expect(atHead.head).toBeGreaterThan(asOfP.head);
    const before = data.fingerprint();
    const into = newFile('as-of-p.sqlite');
    const run = await rebuild(asOfP.head, into);
    expect(run.code).toBe(0);
    const rebuilt = await documentsInFile(into);
    expect(rebuilt).toEqual(asOfP.docs);
    expect(rebuilt.tasks).toHaveLength(30);
    expect(rebuilt.directives).toHaveLength(1);
    // Per projection: the events it took and the position reached.
    const taskEvents = 30 * 2 + 15 * 2; // assigned + received; report + confirm for even ones
    expect(run.stdout).toContain(
      `tasks: ${taskEvents} sự kiện được áp dụng, đến vị trí ${asOfP.head}`,
    );
    expect(run.stdout).toContain(
      `events applied ${taskEvents}, position ${asOfP.head}, documents 30`,
    );
    expect(run.stdout).toContain(`events applied 1, position ${asOfP.head}, documents 1`);
    // The audited file was only read.
    const after = data.fingerprint();
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('differs from the head when later events exist, and matches the head when rebuilt to it', async () => {
    const asOf = await documentsInFile(newFile('as-of-p.sqlite'));
    const head = newFile('head.sqlite');
    expect((await rebuild(atHead.head, head)).code).toBe(0);
    const rebuilt = await documentsInFile(head);
    expect(rebuilt).toEqual(atHead.docs);
    expect(rebuilt).not.toEqual(asOf);
    expect(rebuilt.tasks).toHaveLength(45);
    expect(JSON.parse(rebuilt.directives[0].json).title).toBe(
      'Chương trình công tác năm 2024 (sửa đổi)',
    );
    expect(JSON.parse(asOf.directives[0].json).title).toBe('Chương trình công tác năm 2024');
  });

  it('refuses an existing file, a position beyond the head or not a number (exit 2)', async () => {
    const existing = newFile('existing.sqlite');
    fs.writeFileSync(existing, 'giữ nguyên');
    const refused = await rebuild(1, existing);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('đã tồn tại');
    expect(fs.readFileSync(existing, 'utf8')).toBe('giữ nguyên');

    const beyond = await rebuild(atHead.head + 1, newFile('beyond.sqlite'));
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain(`The log ends at position ${atHead.head}`);
    expect(fs.existsSync(newFile('beyond.sqlite'))).toBe(false);

    const nan = await rebuild('mười', newFile('nan.sqlite'));
    expect(nan.code).toBe(2);
    expect(nan.stderr).toContain('--position must be a whole number');
  });
});
