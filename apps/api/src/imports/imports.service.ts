/**
 * Importing an office's list over HTTP: the session of @chidao/imports (prepareImport,
 * showImport, commitImport: docs/imports.md) on the API's log, file store, register and clock,
 * its refusals said as the API says every domain refusal.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@chidao/domain';
import { ConcurrencyError, type EventStore } from '@chidao/event-store';
import {
  commitImport,
  ImportRefused,
  prepareImport,
  showImport,
  type ApplyChoice,
  type ImportCommitResult,
  type ImportPorts,
  type ImportView,
} from '@chidao/imports';
import type { ImportFileStore } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository, metadataOf } from '../infrastructure/aggregate-repository';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { IMPORT_FILE_STORE } from './import-file-store.provider';

@Injectable()
export class ImportsService {
  private readonly ports: ImportPorts;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(IMPORT_FILE_STORE) files: ImportFileStore,
    repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) clock: Clock,
  ) {
    const register = directory;
    this.ports = {
      log: {
        append: (streamId, events, options) => store.append(streamId, events, options),
        appendBatches: (batches) => store.appendBatches(batches),
        readStream: (streamId) => repository.readStream(streamId),
        streamVersion: (streamId) => store.streamVersion(streamId),
        isConflict: (error) => error instanceof ConcurrencyError,
      },
      files,
      directory: {
        agencies: register.agencies,
        // Read on every use: the register follows the log.
        get aliases() {
          return register.agencyAliases();
        },
        nameOf: (code) => register.agencies.get(code)?.name ?? code,
        userNameOf: (userId) => register.users.get(userId)?.displayName ?? null,
      },
      clock,
    };
  }

  /** The dry run: read, plan against the log, keep the file, record the run. Writes no task. */
  async prepare(
    upload: { readonly name: string; readonly bytes: Buffer },
    mappingText: string | undefined,
    ctx: RequestContext,
  ): Promise<ImportView> {
    await this.directory.catchUp();
    return refusalsSaid(() => prepareImport(this.ports, upload, mappingText, acting(ctx)));
  }

  /** The dry run again, planned against the log as it is now; committed or not. */
  async show(importId: string, ctx: RequestContext): Promise<ImportView> {
    await this.directory.catchUp();
    return refusalsSaid(() => showImport(this.ports, importId, ctx.actor));
  }

  async commit(
    importId: string,
    apply: ApplyChoice,
    ctx: RequestContext,
  ): Promise<ImportCommitResult> {
    await this.directory.catchUp();
    return refusalsSaid(() => commitImport(this.ports, importId, apply, acting(ctx)));
  }
}

const acting = (
  ctx: RequestContext,
): { actor: Actor; metadata: ReturnType<typeof metadataOf> } => ({
  actor: ctx.actor,
  metadata: metadataOf(ctx),
});

async function refusalsSaid<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportRefused) throw new DomainException(error.refusal);
    throw error;
  }
}
