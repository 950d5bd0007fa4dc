/**
 * Importing an office's list, in three moves, for the API and the command line alike: the dry
 * run (the file kept beside the log, the run recorded in it by the file's SHA-256), showing it
 * again, and the commit, which plans the writes again against the log as it is then and appends
 * them, with the commit's own event, in one transaction: every task of the list lands, or none
 * does. Each event written carries `metadata.imported` (the import, the file's SHA-256, the
 * sheet and row it came from). Refusals are thrown as ImportRefused.
 */
import { createHash, randomUUID } from 'node:crypto';
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
import {
  CommitTally,
  isChosen,
  markedWrite,
  type ApplyChoice,
  type CommitCounts,
  type MarkedWrite,
} from '../commit/commit-writes';
import { planImport, type ImportPlan, type WriteSink } from '../commit/plan-import';
import { WriteChannel } from '../commit/write-channel';
import { LISTED_PROBLEMS, PREVIEW_ROWS, readImportFile } from '../read-import-file';
import type { ImportProblem } from '../rows/import-problem';
import { parseManualMapping, type ManualMapping } from '../rows/manual-mapping';
import type { ImportedTask } from '../rows/read-task-row';
import {
  ImportRefused,
  type ImportActing,
  type ImportFileRecord,
  type ImportPorts,
} from './import-ports';
import type { ImportCommitResult, ImportView } from './import-view';

/** Writes per batch of the commit's transaction: memory holds about two batches. */
const COMMIT_BATCH_WRITES = 500;

interface Analysis {
  readonly reading: Awaited<ReturnType<typeof readImportFile>>;
  /** The dry run's plan: its rows and problems, none of its writes. */
  readonly plan: ImportPlan;
  /** The same plan again, against the log as it is then, each write handed to `onWrite`. */
  readonly replan: (onWrite: WriteSink) => Promise<ImportPlan>;
}

type Committed = (TaskListImportCommitted['data'] & { at: string; by: string }) | null;

/** The dry run: read, plan against the log, keep the file, record the run. Writes no task. */
export async function prepareImport(
  ports: ImportPorts,
  upload: { readonly name: string; readonly bytes: Buffer },
  mappingText: string | undefined,
  { actor, metadata }: ImportActing,
): Promise<ImportView> {
  const refusal = authorizeImport(actor);
  if (refusal) throw new ImportRefused(refusal);
  const manual = mappingText ? parseManualMapping(mappingText) : undefined;
  const record: ImportFileRecord = {
    importId: randomUUID(),
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    fileName: upload.name,
    agency: actor.agency!,
    uploadedBy: actor.userId,
    mapping: manual ? JSON.stringify(manual) : null,
    bytes: upload.bytes,
    savedAt: ports.clock.now().toISOString(),
  };
  const view = viewOf(ports, record, await analyse(ports, record, actor), null);
  await ports.files.save(record);
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
  await ports.log.append(
    STREAMS.taskListImport.of(record.importId),
    [
      {
        type: 'TaskListImportPrepared',
        schemaVersion: 1,
        data: prepared,
        metadata,
        occurredOn: vietnamDateOf(record.savedAt),
      },
    ],
    { expectedVersion: 'no_stream' },
  );
  return view;
}

/** The dry run again, planned against the log as it is now; committed or not. */
export async function showImport(
  ports: ImportPorts,
  importId: string,
  actor: Actor,
): Promise<ImportView> {
  const record = await readable(ports, importId, actor);
  const { committed } = await history(ports, importId);
  return viewOf(ports, record, await analyse(ports, record, actor), committed);
}

export async function commitImport(
  ports: ImportPorts,
  importId: string,
  apply: ApplyChoice,
  { actor, metadata }: ImportActing,
): Promise<ImportCommitResult> {
  const refusal = authorizeImport(actor);
  if (refusal) throw new ImportRefused(refusal);
  const record = await readable(ports, importId, actor);
  const { committed, version } = await history(ports, importId);
  if (committed) throw new ImportRefused(importErrors.alreadyCommitted(committed.at));
  if (!apply.new && !apply.changed && !apply.vanished) {
    throw new ImportRefused(importErrors.nothingChosen());
  }
  const analysis = await analyse(ports, record, actor);
  const errors = problemsOf(analysis).errors.length;
  if (errors > 0) throw new ImportRefused(importErrors.notReady(errors));

  // Planned again, streamed into one transaction a batch at a time: the plan never holds the
  // list's events. What changed in the log since the check above rolls it all back.
  const marker = { importId, sha256: record.sha256 };
  const tally = new CommitTally();
  const channel = new WriteChannel<MarkedWrite>(COMMIT_BATCH_WRITES);
  const planning = analysis
    .replan(async (write) => {
      if (!isChosen(write, apply)) return;
      tally.add(write);
      await channel.push(markedWrite(write, marker, metadata));
    })
    .then(
      (plan) => {
        channel.close();
        return plan;
      },
      (error: unknown) => {
        channel.fail(error);
        throw error;
      },
    );
  let counts: CommitCounts | null = null;
  async function* batches(): AsyncGenerator<MarkedWrite[]> {
    yield* channel.batches();
    const plan = await planning;
    if (plan.problems.some((problem) => problem.severity === 'error')) {
      throw new ImportRefused(importErrors.changedMeanwhile());
    }
    const cancelled = apply.vanished ? plan.vanished : [];
    counts = tally.counts(
      cancelled.length,
      plan.rows.filter((row) => row.kind === 'unchanged').length,
    );
    const result: TaskListImportCommitted['data'] = {
      importId,
      sha256: record.sha256,
      agency: record.agency,
      applied: { ...apply },
      ...counts,
    };
    yield [
      ...cancelled.map((vanished) => markedWrite(vanished.write, marker, metadata)),
      {
        streamId: STREAMS.taskListImport.of(importId),
        expectedVersion: version,
        events: [
          {
            type: 'TaskListImportCommitted',
            schemaVersion: 1,
            data: result,
            metadata,
            occurredOn: vietnamDateOf(ports.clock.now()),
          },
        ],
      },
    ];
  }
  try {
    const { lastPosition } = await ports.log.appendBatches(batches());
    return { id: importId, ...counts!, position: lastPosition };
  } catch (error) {
    channel.abort(error);
    await planning.catch(() => undefined);
    if (ports.log.isConflict(error)) throw new ImportRefused(importErrors.changedMeanwhile());
    throw error;
  }
}

/** The file's problems and the plan's, each in sheet and row order. */
export function problemsOf({ reading, plan }: Pick<Analysis, 'reading' | 'plan'>): {
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

/** The import's file, if the actor may see it: its body's importers, and auditors. */
async function readable(
  ports: ImportPorts,
  importId: string,
  actor: Actor,
): Promise<ImportFileRecord> {
  const record = /^[0-9a-f-]{36}$/.test(importId) ? await ports.files.get(importId) : null;
  const events = record ? await ports.log.streamVersion(STREAMS.taskListImport.of(importId)) : 0;
  // A file whose dry run was never recorded (a crash between the two) does not exist.
  if (!record || events === 0) throw new ImportRefused(importErrors.notFound());
  if (hasRole(actor, 'auditor')) return record;
  const refusal = authorizeImport(actor);
  if (refusal) throw new ImportRefused(refusal);
  if (actor.agency !== record.agency) throw new ImportRefused(importErrors.otherBody());
  return record;
}

async function history(
  ports: ImportPorts,
  importId: string,
): Promise<{ committed: Committed; version: number }> {
  const events = await ports.log.readStream(STREAMS.taskListImport.of(importId));
  let committed: Committed = null;
  for (const event of events) {
    if (isTaskListImportEvent(event) && event.type === 'TaskListImportCommitted') {
      committed = { ...event.data, at: event.recordedAt, by: event.metadata.actor };
    }
  }
  return { committed, version: events.length };
}

async function analyse(
  { directory, clock, log, files }: ImportPorts,
  record: ImportFileRecord,
  actor: Actor,
): Promise<Analysis> {
  const agencies = directory.agencies
    .list()
    .filter((agency) => agency.active)
    .map(({ code, name }) => ({ code, name }));
  const read = (file: ImportFileRecord) =>
    readImportFile({ name: file.fileName, bytes: file.bytes }, agencies, {
      aliases: directory.aliases,
      manual: file.mapping ? (JSON.parse(file.mapping) as ManualMapping) : undefined,
    });
  const reading = await read(record);
  const now = clock.now();
  // The importer acts for the body whose file it is (an auditor only looks at it).
  const importer: Actor = { ...actor, agency: record.agency };
  const replan = (onWrite: WriteSink) =>
    planImport(
      reading.tasks,
      {
        importId: record.importId,
        fileName: record.fileName,
        actor: importer,
        bodyName: directory.nameOf(record.agency),
        agencies: directory.agencies,
        today: vietnamDateOf(now),
        receivedAt: now.toISOString(),
      },
      log,
      async (previousId): Promise<readonly ImportedTask[] | null> => {
        const previous = await files.get(previousId);
        return previous ? (await read(previous)).tasks : null;
      },
      onWrite,
    );
  return { reading, plan: await replan(() => undefined), replan };
}

function viewOf(
  { directory }: ImportPorts,
  record: ImportFileRecord,
  { reading, plan }: Analysis,
  committed: Committed,
): ImportView {
  const nameOf = (code: string) => directory.nameOf(code);
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
    uploadedByName: directory.userNameOf(record.uploadedBy),
    agency: record.agency,
    agencyName: nameOf(record.agency),
    status: committed ? 'committed' : 'prepared',
    committed: committed && {
      at: committed.at,
      byName: directory.userNameOf(committed.by),
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
