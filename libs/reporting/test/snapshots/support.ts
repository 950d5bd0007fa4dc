/** Real SQLite files and task histories written through the domain's own decideTask. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError, type TaskEvent, type TaskTimeline } from '@chidao/domain';
import { readDomainEvents, openEventStore, type EventStore } from '@chidao/event-store';
import {
  appendTaskStories,
  SEED_METADATA,
  taskStoryEvents,
  type TaskStory,
} from '@chidao/projections/testing';
import {
  catchUp,
  projectionFingerprint,
  schemaOf,
  SqliteReadModelStore,
  taskTimelineProjection,
  type DocumentCollection,
} from '@chidao/projections';
import { periodOf } from '../../src/periods';
import type { ReportPeriod } from '../../src/report.types';
import { SqliteSnapshotStore } from '../../src/snapshots/sqlite-snapshot-store';
import type { TakeSnapshotRequest } from '../../src/snapshots/take-snapshot';

/** Later than every business date used: the domain refuses dates after "today". */
const RECEIVED_AT = '2031-01-01T00:00:00.000Z';

export type { TaskStory };

export const eventsOf = (story: TaskStory): TaskEvent[] => taskStoryEvents(story, RECEIVED_AT);

export async function appendEvents(
  store: EventStore,
  taskId: string,
  events: readonly TaskEvent[],
): Promise<void> {
  await store.append(
    `task-${taskId}`,
    events.map((e) => ({ ...e, metadata: SEED_METADATA })),
  );
}

export async function appendStories(
  store: EventStore,
  stories: readonly TaskStory[],
): Promise<void> {
  await appendTaskStories(store, stories, { receivedAt: RECEIVED_AT });
}

export interface Stores {
  readonly file: string;
  readonly eventStore: EventStore;
  readonly readStore: SqliteReadModelStore;
  readonly snapshots: SqliteSnapshotStore;
  readonly tasks: DocumentCollection<TaskTimeline>;
  /** Projects the log up to its head into the live `tasks` read model. */
  project(): Promise<number>;
}

export class TempFiles {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];

  dir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-snap-'));
    this.dirs.push(dir);
    return dir;
  }

  /** Event store, read models and snapshots in one file, as in the embedded deployment. */
  async open(file = path.join(this.dir(), 'chidao.db')): Promise<Stores> {
    const eventStore = await openEventStore({ kind: 'sqlite', path: file });
    const readStore = SqliteReadModelStore.open({ path: file });
    const snapshots = SqliteSnapshotStore.open({ path: file });
    this.closers.push(
      () => snapshots.close(),
      () => readStore.close(),
      () => eventStore.close(),
    );
    const fingerprint = projectionFingerprint(taskTimelineProjection);
    await readStore.register(schemaOf(taskTimelineProjection), fingerprint);
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const project = async () =>
      catchUp(
        taskTimelineProjection,
        { eventStore: readDomainEvents(eventStore), readStore },
        { kind: 'active', fingerprint },
        await tasks.position(),
        { batchSize: 7 },
      );
    return { file, eventStore, readStore, snapshots, tasks, project };
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function month(year: number, m: number): ReportPeriod {
  const period = periodOf({ type: 'month', year, month: m });
  if (period instanceof DomainError) throw new Error(period.message);
  return period;
}

export const MAY_2024: ReportPeriod = month(2024, 5);

/** The whole province, every directive. */
export const PROVINCE_SCOPE: TakeSnapshotRequest['scope'] = {
  agency: null,
  includeUnits: false,
  directive: null,
  agencyName: null,
  directiveReference: null,
};

/** The province's May 2024, taken by hand by the tracking office on 1 June. */
export const snapshotRequest = (
  id: string,
  overrides: Partial<TakeSnapshotRequest> = {},
): TakeSnapshotRequest => ({
  id,
  period: MAY_2024,
  scope: PROVINCE_SCOPE,
  takenBy: { userId: 'u-vp', displayName: 'Văn phòng UBND tỉnh' },
  trigger: 'manual',
  now: new Date('2024-06-01T02:00:00.000Z'),
  ...overrides,
});
