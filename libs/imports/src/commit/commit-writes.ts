/**
 * The writes a commit appends, from its plan and what the person confirmed: the documents the
 * new tasks need, the new tasks, the changed ones, the cancellations of the vanished ones. Each
 * event carries the committer's metadata and `imported` (the import, the file's SHA-256, and the
 * sheet and row it came from), so an auditor tells imported history from history entered live.
 */
import type { DomainEvent } from '@chidao/domain';
import type { ImportPlan, PlannedWrite } from './plan-import';

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

export function commitWrites(
  plan: ImportPlan,
  apply: ApplyChoice,
  marker: { readonly importId: string; readonly sha256: string },
  metadata: MarkedEvent['metadata'],
): { readonly writes: MarkedWrite[]; readonly counts: CommitCounts } {
  const created = apply.new ? plan.tasks.filter((write) => write.kind === 'new') : [];
  const updated = apply.changed ? plan.tasks.filter((write) => write.kind === 'changed') : [];
  const cancelled = apply.vanished ? plan.vanished.map((vanished) => vanished.write) : [];
  // A document is registered only for the new tasks that need it (its stream and its number's).
  const directives = created.length > 0 ? plan.directives : [];
  const marked = (write: PlannedWrite): MarkedWrite => ({
    streamId: write.streamId,
    expectedVersion: write.expectedVersion,
    events: write.events.map(({ type, schemaVersion, data, occurredOn }) => ({
      type,
      schemaVersion,
      data,
      occurredOn,
      metadata: { ...metadata, imported: { ...marker, ...(write.source ?? {}) } },
    })),
  });
  return {
    writes: [...directives, ...created, ...updated, ...cancelled].map(marked),
    counts: {
      created: created.length,
      updated: updated.length,
      cancelled: cancelled.length,
      unchanged: plan.rows.filter((row) => row.kind === 'unchanged').length,
      directivesRegistered: directives.filter(
        (write) => write.events[0]?.type === 'DirectiveRegistered',
      ).length,
    },
  };
}
