/**
 * What an import session needs of the deployment, said as plain shapes so that the API (its
 * Nest providers) and the command line (the stores it opens itself) hand in the same things:
 * the log, the store of uploaded files, the register, a clock.
 */
import type { Actor, AgencyRegister, DomainError, DomainEvent } from '@chidao/domain';
import type { MarkedEvent, MarkedWrite } from '../commit/commit-writes';

/** A stream's event as the log holds it, decoded to its current version. */
export type LoggedImportEvent = DomainEvent & {
  readonly metadata: Readonly<Record<string, unknown>> & { readonly actor: string };
  readonly recordedAt: string;
};

/** The event store, as far as an import uses it (EventStore with readDomainEvents' streams). */
export interface ImportEventLog {
  append(
    streamId: string,
    events: readonly MarkedEvent[],
    options: { expectedVersion: number | 'no_stream' },
  ): Promise<unknown>;
  /** One transaction: every write lands, or none (a stream moved on: `isConflict`). */
  /** The commit: every batch in one transaction (the event store's appendBatches). */
  appendBatches(
    batches: AsyncIterable<readonly MarkedWrite[]>,
  ): Promise<{ readonly lastPosition: number }>;
  readStream(streamId: string): Promise<readonly LoggedImportEvent[]>;
  streamVersion(streamId: string): Promise<number>;
  /** The store's error for a stream that moved on since it was read (ConcurrencyError). */
  isConflict(error: unknown): boolean;
}

/** An uploaded list as kept beside the log (stores in @chidao/runtime: import-file-store.ts). */
export interface ImportFileRecord {
  readonly importId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly agency: string;
  readonly uploadedBy: string;
  readonly mapping: string | null;
  readonly bytes: Buffer;
  readonly savedAt: string;
}

export interface ImportFiles {
  save(file: ImportFileRecord): Promise<void>;
  get(importId: string): Promise<ImportFileRecord | null>;
}

/** The register as folded from the log (the API's DirectoryService, the CLI's own fold). */
export interface ImportDirectory {
  readonly agencies: AgencyRegister & {
    list(): readonly { code: string; name: string; active: boolean }[];
  };
  /** The names offices' lists use for active agencies (alias → code). */
  readonly aliases: ReadonlyMap<string, string>;
  /** An agency's name as the register has it; the code when unknown. */
  nameOf(code: string): string;
  /** A user's display name; null when unknown. */
  userNameOf(userId: string): string | null;
}

export interface ImportPorts {
  readonly log: ImportEventLog;
  readonly files: ImportFiles;
  readonly directory: ImportDirectory;
  readonly clock: { now(): Date };
}

/** Who acts, and the metadata their events carry (the API's request, the CLI's run). */
export interface ImportActing {
  readonly actor: Actor;
  readonly metadata: MarkedEvent['metadata'];
}

/** A refusal of the import's rules, for the caller to say in its own way (HTTP, exit code). */
export class ImportRefused extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.message);
    this.name = 'ImportRefused';
  }
}
