/**
 * Importing an office's list, in three moves: the dry run (the file kept beside the log, the
 * run recorded in it by the file's SHA-256), showing it again, and the commit, which plans the
 * writes again against the log as it is then and appends them, with the commit's own event, in
 * one transaction: every task of the list lands, or none does. Each event written carries
 * `metadata.imported` (the import, the file's SHA-256, the sheet and row it came from).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  authorizeImport,
  hasRole,
  importErrors,
  isTaskListImportEvent,
  STREAMS,
  vietnamDateOf,
  type Actor,
  type TaskListImportCommitted,
  type TaskListImportPrepared,
} from '@chidao/domain';
import { ConcurrencyError, type EventStore, type StreamWrite } from '@chidao/event-store';
import {
  LISTED_PROBLEMS,
  commitWrites,
  parseManualMapping,
  type ApplyChoice,
  PREVIEW_ROWS,
  readImportFile,
  planImport,
  type ImportedTask,
  type ImportPlan,
  type ImportProblem,
  type ManualMapping,
} from '@chidao/imports';
import type { ImportFileStore, StoredImportFile } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository, metadataOf } from '../infrastructure/aggregate-repository';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { IMPORT_FILE_STORE } from './import-file-store.provider';

import type { ImportCommitResult, ImportView } from './import.view';

interface Analysis {
  readonly reading: Awaited<ReturnType<typeof readImportFile>>;
  readonly plan: ImportPlan;
}

@Injectable()
export class ImportsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IMPORT_FILE_STORE) private readonly files: ImportFileStore,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The dry run: read, plan against the log, keep the file, record the run. Writes no task. */
  async prepare(
    upload: { readonly name: string; readonly bytes: Buffer },
    mappingText: string | undefined,
    ctx: RequestContext,
  ): Promise<ImportView> {
    const manual = mappingText ? parseManualMapping(mappingText) : undefined;
    await this.directory.catchUp();
    const record: StoredImportFile = {
      importId: randomUUID(),
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      fileName: upload.name,
      agency: ctx.actor.agency!,
      uploadedBy: ctx.actor.userId,
      mapping: manual ? JSON.stringify(manual) : null,
      bytes: upload.bytes,
      savedAt: this.clock.now().toISOString(),
    };
    const analysis = await this.analyse(record, ctx.actor);
    const view = this.viewOf(record, analysis, null);
    await this.files.save(record);
    const prepared: TaskListImportPrepared['data'] = {
      importId: record.importId,
      sha256: record.sha256,
      fileName: record.fileName,
      bytes: record.bytes.length,
      agency: record.agency,
      tasks: view.counts.tasks,
      errors: view.counts.errors,
      warnings: view.counts.warnings,
      mapping: manual ? { ...manual.columns } : null,
    };
    await this.store.append(
      STREAMS.taskListImport.of(record.importId),
      [
        {
          type: 'TaskListImportPrepared',
          schemaVersion: 1,
          data: prepared,
          metadata: metadataOf(ctx),
          occurredOn: vietnamDateOf(record.savedAt),
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    return view;
  }

  /** The dry run again, planned against the log as it is now; committed or not. */
  async show(importId: string, ctx: RequestContext): Promise<ImportView> {
    const record = await this.readable(importId, ctx.actor);
    await this.directory.catchUp();
    const { committed } = await this.history(importId);
    return this.viewOf(record, await this.analyse(record, ctx.actor), committed);
  }

  async commit(
    importId: string,
    apply: ApplyChoice,
    ctx: RequestContext,
  ): Promise<ImportCommitResult> {
    const refusal = authorizeImport(ctx.actor);
    if (refusal) throw new DomainException(refusal);
    const record = await this.readable(importId, ctx.actor);
    const { committed, version } = await this.history(importId);
    if (committed) throw new DomainException(importErrors.alreadyCommitted(committed.at));
    if (!apply.new && !apply.changed && !apply.vanished) {
      throw new DomainException(importErrors.nothingChosen());
    }
    await this.directory.catchUp();
    const analysis = await this.analyse(record, ctx.actor);
    const errors = problemsOf(analysis).errors.length;
    if (errors > 0) throw new DomainException(importErrors.notReady(errors));

    const base = metadataOf(ctx);
    const { writes, counts } = commitWrites(
      analysis.plan,
      apply,
      { importId, sha256: record.sha256 },
      base,
    );
    const result: TaskListImportCommitted['data'] = {
      importId,
      sha256: record.sha256,
      agency: record.agency,
      applied: { ...apply },
      ...counts,
    };
    const now = this.clock.now().toISOString();
    const all: StreamWrite[] = [
      ...writes,
      {
        streamId: STREAMS.taskListImport.of(importId),
        expectedVersion: version,
        events: [
          {
            type: 'TaskListImportCommitted',
            schemaVersion: 1,
            data: result,
            metadata: base,
            occurredOn: vietnamDateOf(now),
          },
        ],
      },
    ];
    try {
      const appended = await this.store.appendMany(all);
      return { id: importId, ...counts, position: appended[appended.length - 1].lastPosition };
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw new DomainException(importErrors.changedMeanwhile());
      }
      throw error;
    }
  }

  /** The import's file, if the actor may see it: its body's importers, and auditors. */
  private async readable(importId: string, actor: Actor): Promise<StoredImportFile> {
    const record = /^[0-9a-f-]{36}$/.test(importId) ? await this.files.get(importId) : null;
    const events = record ? await this.store.streamVersion(STREAMS.taskListImport.of(importId)) : 0;
    // A file whose dry run was never recorded (a crash between the two) does not exist.
    if (!record || events === 0) throw new DomainException(importErrors.notFound());
    if (hasRole(actor, 'auditor')) return record;
    const refusal = authorizeImport(actor);
    if (refusal) throw new DomainException(refusal);
    if (actor.agency !== record.agency) throw new DomainException(importErrors.otherBody());
    return record;
  }

  private async history(importId: string): Promise<{
    committed: (TaskListImportCommitted['data'] & { at: string; by: string }) | null;
    version: number;
  }> {
    const events = await this.repository.readStream(STREAMS.taskListImport.of(importId));
    let committed = null;
    for (const event of events) {
      if (isTaskListImportEvent(event) && event.type === 'TaskListImportCommitted') {
        committed = { ...event.data, at: event.recordedAt, by: event.metadata.actor };
      }
    }
    return { committed, version: events.length };
  }

  private async analyse(record: StoredImportFile, actor: Actor): Promise<Analysis> {
    const agencies = this.directory.agencies
      .list()
      .filter((agency) => agency.active)
      .map(({ code, name }) => ({ code, name }));
    const read = (file: StoredImportFile) =>
      readImportFile({ name: file.fileName, bytes: file.bytes }, agencies, {
        aliases: this.directory.agencyAliases(),
        manual: file.mapping ? (JSON.parse(file.mapping) as ManualMapping) : undefined,
      });
    const reading = await read(record);
    const now = this.clock.now();
    // The importer acts for the body whose file it is (an auditor only looks at it).
    const importer: Actor = { ...actor, agency: record.agency };
    const plan = await planImport(
      reading.tasks,
      {
        importId: record.importId,
        fileName: record.fileName,
        actor: importer,
        bodyName: this.directory.agencies.get(record.agency)?.name ?? record.agency,
        agencies: this.directory.agencies,
        today: vietnamDateOf(now),
        receivedAt: now.toISOString(),
      },
      this.repository,
      async (previousId): Promise<readonly ImportedTask[] | null> => {
        const previous = await this.files.get(previousId);
        return previous ? (await read(previous)).tasks : null;
      },
    );
    return { reading, plan };
  }

  private viewOf(
    record: StoredImportFile,
    { reading, plan }: Analysis,
    committed: Awaited<ReturnType<ImportsService['history']>>['committed'],
  ): ImportView {
    const nameOf = (code: string) => this.directory.agencies.get(code)?.name ?? code;
    const byRow = new Map(reading.tasks.map((task) => [`${task.sheet}\u0000${task.row}`, task]));
    const rowKey = (sheet: string, row: number) => `${sheet}\u0000${row}`;
    const { errors, warnings } = problemsOf({ reading, plan });
    const counts = { tasks: plan.rows.length, errors: errors.length, warnings: warnings.length };
    const kinds = { new: 0, changed: 0, unchanged: 0 };
    for (const row of plan.rows) kinds[row.kind] += 1;
    return {
      id: record.importId,
      fileName: record.fileName,
      sha256: record.sha256,
      bytes: record.bytes.length,
      uploadedAt: record.savedAt,
      uploadedByName: this.directory.users.get(record.uploadedBy)?.displayName ?? null,
      agency: record.agency,
      agencyName: nameOf(record.agency),
      status: committed ? 'committed' : 'prepared',
      committed: committed && {
        at: committed.at,
        byName: this.directory.users.get(committed.by)?.displayName ?? null,
        created: committed.created,
        updated: committed.updated,
        cancelled: committed.cancelled,
      },
      sheets: reading.sheets,
      counts,
      tasks: plan.rows.slice(0, PREVIEW_ROWS).map((row) => {
        const task = byRow.get(rowKey(row.sheet, row.row))!;
        return {
          ...task,
          leadAgencyName: nameOf(task.leadAgency),
          supportAgencyNames: task.supportAgencies.map(nameOf),
          change: row.kind,
        };
      }),
      problems: [...errors, ...warnings].slice(0, LISTED_PROBLEMS),
      unmatchedNames: reading.unmatchedNames,
      diff: {
        ...kinds,
        vanished: plan.vanished.length,
        changes: plan.rows
          .filter((row) => row.kind === 'changed')
          .slice(0, PREVIEW_ROWS)
          .map((row) => {
            const task = byRow.get(rowKey(row.sheet, row.row))!;
            return {
              sheet: row.sheet,
              row: row.row,
              title: task.title,
              leadAgencyName: nameOf(task.leadAgency),
              fields: row.changes.map(({ labelVi, before, after }) => ({
                label: labelVi,
                before,
                after,
              })),
            };
          }),
        vanishedTasks: plan.vanished.slice(0, PREVIEW_ROWS).map((task) => ({
          taskId: task.taskId,
          title: task.title,
          leadAgencyName: nameOf(task.leadAgency),
          deadline: task.deadline,
        })),
      },
      ready: counts.errors === 0 && counts.tasks > 0,
    };
  }
}

/** The file's problems and the plan's, each in sheet and row order. */
function problemsOf({ reading, plan }: Analysis): {
  errors: ImportProblem[];
  warnings: ImportProblem[];
} {
  const inOrder = (problems: ImportProblem[]) =>
    problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return {
    errors: inOrder([
      ...reading.errors,
      ...plan.problems.filter((problem) => problem.severity === 'error'),
    ]),
    warnings: inOrder([
      ...reading.warnings,
      ...plan.problems.filter((problem) => problem.severity === 'warning'),
    ]),
  };
}
