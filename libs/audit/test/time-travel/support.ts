/**
 * Real SQLite logs whose server clock the test moves, so that recordedAt is chosen: a completion
 * dated in May can be entered in June, as agencies do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DomainEvent } from '@chidao/domain';
import {
  readDomainEvents,
  openEventStore,
  type EventMetadata,
  type EventStore,
} from '@chidao/event-store';
import {
  completionStats,
  rebuildProjection,
  SqliteReadModelStore,
  taskTimelineProjection,
  type CompletionStatsQuery,
} from '@chidao/projections';
import { taskStoryEvents, type TaskStory } from '@chidao/projections/testing';
import { DIRECTIVE_CLERK, directiveEvents } from '../../src/testing/directive-events';

/** An instant in Vietnam time: `at('2024-06-03', '09:00')`. */
export const at = (day: string, time = '12:00'): string =>
  new Date(`${day}T${time}:00+07:00`).toISOString();

/** Far enough ahead that every business date used in the tests is allowed by the domain. */
export const DECIDED_AT = '2030-01-01T00:00:00.000Z';

export const by = (actor: string, agency: string | null): EventMetadata => ({
  actor,
  agency,
  correlationId: `corr-${actor}`,
  causationId: null,
});

export const TRACKER = by('user-tracker', 'UBND-TINH');
export const STAFF_TTTT = by('user-staff-tttt', 'STTTT');

export interface Log {
  readonly dir: string;
  readonly store: EventStore;
  /** Sets the server clock for the next appends. */
  setNow(instant: string): void;
  /** Appends domain events to a stream at the given server time. */
  append(
    recordedAt: string,
    streamId: string,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
  ): Promise<void>;
}

export class TempLogs {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];

  dir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-time-travel-'));
    this.dirs.push(dir);
    return dir;
  }

  async open(): Promise<Log> {
    const dir = this.dir();
    let now = new Date('2024-01-01T00:00:00.000Z');
    const store = await openEventStore(
      { kind: 'sqlite', path: path.join(dir, 'chidao.db') },
      { now: () => new Date(now) },
    );
    this.closers.push(() => store.close());
    return {
      dir,
      store,
      setNow: (instant) => {
        now = new Date(instant);
      },
      async append(recordedAt, streamId, events, metadata) {
        now = new Date(recordedAt);
        await store.append(
          streamId,
          events.map(({ type, schemaVersion, data, occurredOn }) => ({
            type,
            schemaVersion,
            data,
            occurredOn,
            metadata,
          })),
        );
      },
    };
  }

  /** A new log holding, in the same order, only the events of `store` recorded at or before K. */
  async truncatedCopy(store: EventStore, knownAt: string): Promise<EventStore> {
    const copy = await this.open();
    for await (const batch of store.readAll({ batchSize: 100 })) {
      for (const event of batch) {
        if (event.recordedAt > knownAt) continue;
        await copy.append(event.recordedAt, event.streamId, [event], event.metadata);
      }
    }
    return copy.store;
  }

  /** The live path: the tasks projection rebuilt from the whole log, queried as the API does. */
  async liveStats(store: EventStore, query: CompletionStatsQuery) {
    const readStore = SqliteReadModelStore.open({ path: path.join(this.dir(), 'read.db') });
    try {
      const rebuilt = await rebuildProjection(taskTimelineProjection, {
        eventStore: readDomainEvents(store),
        readStore,
      });
      const result = await completionStats(readStore.documents(taskTimelineProjection.name), query);
      return { ...result, position: rebuilt.position };
    } finally {
      await readStore.close();
    }
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A story's events, decided by the domain as the API would (see taskStoryEvents). */
export const storyEvents = (story: TaskStory) => taskStoryEvents(story, DECIDED_AT);

export const registerDirectiveEvents = (
  directiveId: string,
  reference: string,
  issuedOn: string,
): DomainEvent[] =>
  directiveEvents({
    type: 'RegisterDirective',
    data: { directiveId, reference, issuedOn, issuer: 'UBND tỉnh Hà Tĩnh', title: reference },
    meta: { actor: DIRECTIVE_CLERK, occurredOn: issuedOn, receivedAt: DECIDED_AT },
  });

export const revokeDirectiveEvents = (
  registered: readonly DomainEvent[],
  occurredOn: string,
): DomainEvent[] =>
  directiveEvents(
    {
      type: 'RevokeDirective',
      data: { reason: 'Văn bản đã được thay thế' },
      meta: { actor: DIRECTIVE_CLERK, occurredOn, receivedAt: DECIDED_AT },
    },
    registered,
  );

export interface Entry {
  readonly streamId: string;
  readonly event: DomainEvent;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
}

/**
 * Appends one event at a time in the order the server would have received them (by recordedAt;
 * a stream's own events keep their order, so give them non-decreasing times).
 */
export async function appendInRecordedOrder(log: Log, entries: readonly Entry[]): Promise<void> {
  const ordered = entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) =>
      a.entry.recordedAt < b.entry.recordedAt
        ? -1
        : a.entry.recordedAt > b.entry.recordedAt
          ? 1
          : a.i - b.i,
    );
  for (const { entry } of ordered) {
    await log.append(entry.recordedAt, entry.streamId, [entry.event], entry.metadata);
  }
}

/**
 * A story's events, each entered on the day it is dated at `time` (Vietnam), except those from
 * index `lateFrom` on, entered at `lateAt` (a back-dated entry).
 */
export function storyEntries(
  story: TaskStory,
  metadata: EventMetadata,
  late?: { from: number; at: string },
): Entry[] {
  return storyEvents(story).map((event, i) => ({
    streamId: `task-${story.id}`,
    event,
    recordedAt: late && i >= late.from ? late.at : at(event.occurredOn, '10:00'),
    metadata,
  }));
}
