/**
 * Everything Chidao answers about a log, as one JSON value: read models rebuilt from scratch,
 * statistics, time travel, late entries, report snapshots and the audit export. Computed the same
 * way before and after a schema change, the two values must be equal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STREAMS, isDomainError, type TaskTimeline } from '@chidao/domain';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import {
  completionStatsKnownAt,
  directiveAsOf,
  exportEvents,
  lateEntries,
  parseEventFilter,
  taskAsOf,
  type EventFilterInput,
  type ExportFormat,
} from '@chidao/audit';
import {
  ALL_PROJECTIONS,
  completionStats,
  dashboardFigures,
  rebuildProjection,
  SqliteReadModelStore,
  type DocumentCollection,
} from '@chidao/projections';
import { periodOf, SqliteSnapshotStore, takeSnapshot } from '@chidao/reporting';
import { dumpLog } from './fixture-log';
import { TASK_LIVES } from './province-tasks';
import {
  DASHBOARDS,
  DIRECTIVES_AS_OF,
  EXPORT_AGENCY,
  KNOWN_LATER,
  LATE_ENTRY_PERIOD,
  LATE_ENTRY_THRESHOLDS,
  REPORT_TAKEN_AT,
  REPORT_TAKEN_BY,
  STATISTICS,
  STATISTICS_KNOWN_AT,
  TASK_CUT_OFFS,
  TASKS_KNOWN_EARLIER,
} from './questions';
import { taskIdOf } from './task-life';

export const ANSWER_SECTIONS = [
  'readModels',
  'statistics',
  'timeTravel',
  'lateEntries',
  'report',
  'export',
] as const;
export type AnswerSection = (typeof ANSWER_SECTIONS)[number];
export type Answers = Record<AnswerSection, unknown>;

/** `scratchDir` holds the temporary read models and snapshot store; they are removed after. */
export async function computeAnswers(store: EventStore, scratchDir: string): Promise<Answers> {
  fs.mkdirSync(scratchDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratchDir, 'answers-'));
  const readStore = SqliteReadModelStore.open({ path: path.join(dir, 'read-models.db') });
  const snapshots = SqliteSnapshotStore.open({ path: path.join(dir, 'snapshots.db') });
  try {
    const readModels = await rebuiltReadModels(store, readStore);
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const answers: Answers = {
      readModels,
      statistics: await statistics(tasks),
      timeTravel: await timeTravel(store, dir),
      lateEntries: await lateEntryReports(store),
      report: await reportSnapshots(store, tasks, snapshots),
      export: await exports(store),
    };
    // As the golden file holds it: plain JSON, nothing undefined.
    return JSON.parse(JSON.stringify(answers)) as Answers;
  } finally {
    await snapshots.close();
    await readStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every projection the application keeps, rebuilt from position 0: its documents by id. */
async function rebuiltReadModels(store: EventStore, readStore: SqliteReadModelStore) {
  const models: Record<string, { position: number; documents: [string, unknown][] }> = {};
  for (const projection of ALL_PROJECTIONS) {
    const { position } = await rebuildProjection(projection, {
      eventStore: readDomainEvents(store),
      readStore,
    });
    const documents: [string, unknown][] = [];
    for await (const { id, json } of readStore.documents(projection.name).stream()) {
      documents.push([id, JSON.parse(json)]);
    }
    documents.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    models[projection.name] = { position, documents };
  }
  return models;
}

async function statistics(tasks: DocumentCollection<TaskTimeline>) {
  const completion: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(STATISTICS)) {
    completion[name] = await completionStats(tasks, query);
  }
  const dashboard: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(DASHBOARDS)) {
    dashboard[name] = await dashboardFigures(tasks, query);
  }
  return { completion, dashboard };
}

const LABEL_OF = new Map(TASK_LIVES.map((life) => [taskIdOf(life.label), life.label]));

async function timeTravel(store: EventStore, scratchDir: string) {
  // The tasks the log shows reassigned, found from the stored events themselves.
  const reassigned = new Set<string>();
  for (const event of await dumpLog(store)) {
    if (event.type === 'TaskReassigned') reassigned.add(STREAMS.task.idOf(event.streamId)!);
  }
  const tasks: Record<string, unknown> = {};
  for (const taskId of [...reassigned].sort()) {
    for (const asOf of TASK_CUT_OFFS) {
      const key = `${LABEL_OF.get(taskId) ?? taskId} asOf ${asOf}`;
      tasks[key] = await taskAsOf(store, taskId, { asOf, knownAt: KNOWN_LATER });
    }
  }
  const tasksKnownEarlier: Record<string, unknown> = {};
  for (const { label, asOf, knownAt } of TASKS_KNOWN_EARLIER) {
    tasksKnownEarlier[`${label} asOf ${asOf} knownAt ${knownAt}`] = await taskAsOf(
      store,
      taskIdOf(label),
      { asOf, knownAt },
    );
  }
  const directives: Record<string, unknown> = {};
  for (const [name, { directiveId, asOf, knownAt }] of Object.entries(DIRECTIVES_AS_OF)) {
    directives[name] = await directiveAsOf(store, directiveId, { asOf, knownAt, scratchDir });
  }
  const statisticsKnownAt: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(STATISTICS_KNOWN_AT)) {
    statisticsKnownAt[name] = await completionStatsKnownAt(store, query, { scratchDir });
  }
  return { tasks, tasksKnownEarlier, directives, statisticsKnownAt };
}

async function lateEntryReports(store: EventStore) {
  const reports: Record<string, unknown> = {};
  for (const thresholdDays of LATE_ENTRY_THRESHOLDS) {
    reports[`over${thresholdDays}Days`] = await lateEntries(store, {
      ...LATE_ENTRY_PERIOD,
      thresholdDays,
    });
  }
  return reports;
}

async function reportSnapshots(
  store: EventStore,
  tasks: DocumentCollection<TaskTimeline>,
  snapshots: SqliteSnapshotStore,
) {
  const period = periodOf({ type: 'year', year: 2024 });
  if (isDomainError(period)) throw new Error(period.message);
  const deps = { tasks, snapshots, eventStore: store };
  const common = {
    period,
    takenBy: REPORT_TAKEN_BY,
    trigger: 'manual',
    now: new Date(REPORT_TAKEN_AT),
  };
  return {
    province: await takeSnapshot(deps, {
      ...common,
      id: 'b0a7c0de-2024-4000-8000-000000000001',
      scope: {
        agency: null,
        includeUnits: false,
        directive: null,
        agencyName: null,
        directiveReference: null,
      },
    }),
    sttttWithUnits: await takeSnapshot(deps, {
      ...common,
      id: 'b0a7c0de-2024-4000-8000-000000000002',
      scope: {
        agency: 'STTTT',
        includeUnits: true,
        directive: null,
        agencyName: 'Sở Thông tin và Truyền thông',
        directiveReference: null,
      },
      leadAgencies: ['STTTT', 'STTTT-CNTT'],
    }),
  };
}

async function exports(store: EventStore) {
  return {
    all: await exportText(store, {}, 'ndjson'),
    agency: await exportText(store, { agency: EXPORT_AGENCY }, 'ndjson'),
    reassignments: await exportText(store, { type: ['TaskReassigned'] }, 'ndjson'),
    allCsv: await exportText(store, {}, 'csv'),
  };
}

async function exportText(
  store: EventStore,
  input: EventFilterInput,
  format: ExportFormat,
): Promise<string> {
  const filter = parseEventFilter(input);
  if (!('types' in filter)) throw new Error(`Bad export filter: ${filter.message}`);
  let text = '';
  for await (const chunk of exportEvents(store, filter, { format })) text += chunk;
  return text;
}
