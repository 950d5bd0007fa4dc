/**
 * What a commit appends of its plan, as the person confirmed it: the documents the new tasks
 * need, the new tasks, the changed ones, the cancellations of the vanished ones. Each event
 * carries the committer's metadata and `imported` (the import, the file's SHA-256, and the sheet
 * and row it came from), so an auditor tells imported history from history entered live.
 */
import type { DomainEvent } from '@chidao/domain';
import type { KindedWrite, PlannedWrite } from './plan-import';

export interface ApplyChoice {
  readonly new: boolean;
  readonly changed: boolean;
  readonly vanished: boolean;
}

/** As the event store's NewEvent: structurally the same, without depending on the store. */
export interface MarkedEvent extends DomainEvent {
  readonly metadata: Readonly<Record<string, unknown>> & {
    readonly actor: string;
    readonly agency: string | null;
    readonly correlationId: string;
    readonly causationId: string | null;
  };
}

export interface MarkedWrite {
  readonly streamId: string;
  readonly expectedVersion: number | 'no_stream';
  readonly events: readonly MarkedEvent[];
}

export interface CommitCounts {
  readonly created: number;
  readonly updated: number;
  readonly cancelled: number;
  readonly unchanged: number;
  readonly directivesRegistered: number;
}

/** A document is registered only with the new tasks that need it. */
export const isChosen = (write: KindedWrite, apply: ApplyChoice): boolean =>
  write.kind === 'changed' ? apply.changed : apply.new;

export function markedWrite(
  write: PlannedWrite,
  marker: { readonly importId: string; readonly sha256: string },
  metadata: MarkedEvent['metadata'],
): MarkedWrite {
  return {
    streamId: write.streamId,
    expectedVersion: write.expectedVersion,
    events: write.events.map(({ type, schemaVersion, data, occurredOn }) => ({
      type,
      schemaVersion,
      data,
      occurredOn,
      metadata: { ...metadata, imported: { ...marker, ...(write.source ?? {}) } },
    })),
  };
}

/** The commit's counts, taken write by write as they stream past. */
export class CommitTally {
  private created = 0;
  private updated = 0;
  private directivesRegistered = 0;

  add(write: KindedWrite): void {
    if (write.kind === 'new') this.created += 1;
    else if (write.kind === 'changed') this.updated += 1;
    else if (write.events[0]?.type === 'DirectiveRegistered') this.directivesRegistered += 1;
  }

  counts(cancelled: number, unchanged: number): CommitCounts {
    const { created, updated, directivesRegistered } = this;
    return { created, updated, cancelled, unchanged, directivesRegistered };
  }
}
