/**
 * Importing a long list (issue 19: "a 50 000-row file imports in under a minute"): the API
 * started as `npm start` starts it on the demo province, a fresh one for every run, and the
 * office's tracker uploading a generated .xlsx of `--import-rows` tasks (`POST /api/imports`,
 * the dry run) then committing every new task (`POST /api/imports/{id}/commit`), each timed
 * with the API process's peak memory. Beside them the floor: reading the file's rows alone
 * (readSpreadsheet, nothing interpreted) and one raw appendMany of as many events over as many
 * streams as the commit wrote, on an SQLite file of its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent, StreamWrite } from '@chidao/event-store';
import { readSpreadsheet } from '@chidao/imports';
import {
  ENTRY,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
} from '../../../test/distributed/support/processes';
import { say, type BenchContext } from '../context';
import { writeGeneratedList } from '../imports/generated-list';
import { figure, peakRssOfPid, repeat, type Figure } from '../measure';
import { openBenchStore } from '../stores';

const TRACKER = 'theodoi';
const PASSWORD = 'chidao-demo';

interface Run {
  readonly dryRunMs: number;
  readonly dryRunRssMb: number | null;
  readonly commitMs: number;
  readonly commitRssMb: number | null;
  readonly catchUpMs: number;
  readonly againMs: number;
  readonly againRssMb: number | null;
  readonly events: number;
  readonly streams: number;
  readonly parseMs: number;
  readonly appendMs: number;
}

export async function importsWorkload(ctx: BenchContext): Promise<Figure[]> {
  const rows = ctx.importRows;
  const file = path.join(ctx.workDir, 'danh-sach.xlsx');
  const list = await writeGeneratedList(file, rows);
  const bytes = fs.readFileSync(file);
  say(`${rows} rows, ${list.documents} documents, ${(list.bytes / 1e6).toFixed(1)} MB`);

  const runs = await repeat(ctx, async (run): Promise<Run> => {
    const parseMs = await timed(async () => {
      let read = 0;
      for await (const sheet of readSpreadsheet(bytes, 'danh-sach.xlsx')) {
        for await (const row of sheet.rows) read += row.cells.length > 0 ? 1 : 0;
      }
      if (read < rows) throw new Error(`read ${read} rows of ${rows}`);
    });
    const measured = await importOnce(ctx, bytes, rows, run);
    const appendMs = await rawAppend(ctx, measured.streams, measured.events, run);
    const result = { ...measured, parseMs, appendMs };
    say(
      `run ${run}: dry run ${Math.round(result.dryRunMs)} ms (${result.dryRunRssMb} MB), commit ${Math.round(result.commitMs)} ms (${result.commitRssMb} MB), read model ${Math.round(result.catchUpMs)} ms, again ${Math.round(result.againMs)} ms (${result.againRssMb} MB), ${result.events} events; floor: parse ${Math.round(parseMs)} ms, appendMany ${Math.round(appendMs)} ms`,
    );
    return result;
  });

  const { events, streams } = runs[0];
  const note = `${rows} rows (${list.documents} documents, ${(list.bytes / 1e6).toFixed(1)} MB .xlsx), ${events} events over ${streams} streams; demo province on SQLite, one API process per run; memory is the API process's peak during that step`;
  const floorNote = `the same file's rows read alone; ${events} events over ${streams} streams in one appendMany on a bare SQLite store; memory is the bench process's`;
  const ms = (id: string, label: string, values: number[], peakRssMb?: number, text = note) =>
    figure({ id, label, unit: 'ms', better: 'lower', note: text, peakRssMb }, values);
  const peak = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length > 0 ? Math.max(...known) : undefined;
  };
  return [
    ms(
      'import.dry-run',
      `Dry run of a ${rows}-row .xlsx through the API (upload, read, plan)`,
      runs.map((r) => r.dryRunMs),
      peak(runs.map((r) => r.dryRunRssMb)),
    ),
    ms(
      'import.commit',
      `Commit of that list through the API (plan again, append in one transaction)`,
      runs.map((r) => r.commitMs),
      peak(runs.map((r) => r.commitRssMb)),
    ),
    ms(
      'import.catch-up',
      `Task list read model caught up with the commit (after it answered)`,
      runs.map((r) => r.catchUpMs),
    ),
    ms(
      'import.again',
      `The same file again after the commit: dry run, every task unchanged`,
      runs.map((r) => r.againMs),
      peak(runs.map((r) => r.againRssMb)),
    ),
    ms(
      'import.floor.parse',
      `Floor: the file's ${rows} rows read alone (readSpreadsheet)`,
      runs.map((r) => r.parseMs),
      undefined,
      floorNote,
    ),
    ms(
      'import.floor.append',
      `Floor: raw appendMany of the commit's ${events} events (sqlite)`,
      runs.map((r) => r.appendMs),
      undefined,
      floorNote,
    ),
  ];
}

/** One dry run and commit on a fresh demo province in an API process of its own. */
async function importOnce(
  ctx: BenchContext,
  bytes: Buffer,
  rows: number,
  run: number,
): Promise<Omit<Run, 'parseMs' | 'appendMs'>> {
  const dataDir = path.join(ctx.workDir, `api-${run}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const env = { CHIDAO_DATA_DIR: dataDir };
  const demo = await runToExit([...ENTRY.chidao, 'demo'], env);
  if (demo.code !== 0) throw new Error(`chidao demo exited ${demo.code}: ${demo.stderr}`);
  const port = await freePort();
  const api = await startProcess(
    'api',
    ENTRY.api,
    { ...env, PORT: String(port), CHIDAO_REPORT_SCHEDULES: 'none' },
    /Chidao API on http/,
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = (await call(base, '/api/auth/login', {
      username: TRACKER,
      password: PASSWORD,
    })) as { accessToken: string };
    const headers = { authorization: `Bearer ${login.accessToken}` };
    const pid = api.child.pid;
    const head = async () =>
      ((await (await fetch(`${base}/ready`)).json()) as { headPosition: number }).headPosition;
    const before = await head();

    resetPeakRss(pid);
    let prepared: { id: string; ready: boolean; counts: unknown; problems: unknown[] } | null =
      null;
    const dryRunMs = await timed(async () => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'danh-sach.xlsx');
      const response = await fetch(`${base}/api/imports`, {
        method: 'POST',
        headers,
        body: form,
      });
      if (!response.ok) throw new Error(`dry run: ${response.status} ${await response.text()}`);
      prepared = (await response.json()) as typeof prepared;
    });
    const dryRunRssMb = peakRssOfPid(pid);
    const dry = prepared!;
    if (!dry.ready) {
      throw new Error(
        `the generated list is not ready: ${JSON.stringify(dry.counts)} ${JSON.stringify(dry.problems.slice(0, 5))}`,
      );
    }

    resetPeakRss(pid);
    let position = 0;
    let streams = 0;
    const commitMs = await timed(async () => {
      const done = (await call(
        base,
        `/api/imports/${dry.id}/commit`,
        { apply: { new: true, changed: true, vanished: true } },
        headers,
      )) as { created: number; directivesRegistered: number; position: number };
      position = done.position;
      // Each task's stream, each document's and its number's, and the import's own.
      streams = done.created + 2 * done.directivesRegistered + 1;
    });
    const commitRssMb = peakRssOfPid(pid);

    // The read models fold the commit's events after it answers (embedded projections).
    const catchUpMs = await timed(async () => {
      for (;;) {
        const response = await fetch(`${base}/api/tasks/list?size=1&minPosition=${position}`, {
          headers,
        });
        if (response.ok) return;
        if (response.status !== 503) throw new Error(`task list: ${response.status}`);
      }
    });

    // The same file again, as an office checks its list a month on: every task is now in the
    // log, so each row reads and folds its task's stream, and what vanished is looked for.
    resetPeakRss(pid);
    let unchanged = 0;
    const againMs = await timed(async () => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'danh-sach.xlsx');
      const response = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form });
      if (!response.ok)
        throw new Error(`dry run again: ${response.status} ${await response.text()}`);
      unchanged = ((await response.json()) as { diff: { unchanged: number } }).diff.unchanged;
    });
    const againRssMb = peakRssOfPid(pid);
    if (unchanged !== rows)
      throw new Error(`the same file again: ${unchanged} of ${rows} unchanged`);
    return {
      dryRunMs,
      dryRunRssMb,
      commitMs,
      commitRssMb,
      catchUpMs,
      againMs,
      againRssMb,
      // The dry run's own event is one; the rest is the commit's.
      events: position - before - 1,
      streams,
    };
  } finally {
    await stopProcess(api);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor of the commit's writes: as many events over as many streams, one appendMany. */
async function rawAppend(
  ctx: BenchContext,
  streams: number,
  events: number,
  run: number,
): Promise<number> {
  const store = await openBenchStore('sqlite', ctx, `floor-${run}`);
  try {
    const metadata = {
      actor: 'bench',
      agency: 'UBND-TINH',
      correlationId: randomUUID(),
      causationId: null,
    };
    const writes: StreamWrite[] = [];
    for (let s = 0; s < Math.max(1, streams); s += 1) {
      const count =
        Math.floor(events / Math.max(1, streams)) + (s < events % Math.max(1, streams) ? 1 : 0);
      const taskId = randomUUID();
      const list: NewEvent[] = [];
      for (let e = 0; e < count; e += 1) {
        list.push({
          type: 'TaskAssigned',
          schemaVersion: 1,
          data: {
            taskId,
            title: `Rà soát thủ tục hành chính thuộc thẩm quyền (nhiệm vụ ${s})`,
            leadAgency: 'STTTT',
            supportAgencies: ['STC'],
            deadline: '2024-06-30',
            step: e,
          },
          metadata: {
            ...metadata,
            imported: { importId: 'bench', sha256: 'x'.repeat(64), sheet: 'DS', row: s },
          },
          occurredOn: '2024-01-19',
        });
      }
      writes.push({ streamId: `task-${taskId}`, events: list, expectedVersion: 'no_stream' });
    }
    return await timed(() => store.eventStore.appendMany(writes));
  } finally {
    await store.close();
  }
}

/** Lets VmHWM count from now (Linux: writing 5 to clear_refs); where it cannot, from the start. */
function resetPeakRss(pid: number | undefined): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // the peak then covers the process's life so far
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function call(
  base: string,
  route: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}
