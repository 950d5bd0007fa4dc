/**
 * One HTTP command end to end: the API started as `npm start` starts it (its own process) on
 * the demo province (`chidao demo`), a member of an agency's staff reporting progress on the
 * agency's tasks, one request at a time over a kept-alive connection — authentication,
 * validation, permission, the aggregate read, the domain's decision, the append and the answer.
 */
import {
  ENTRY,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
} from '../../../test/distributed/support/processes';
import { say, type BenchContext } from '../context';
import { figure, peakRssOfPid, percentile, repeat, type Figure } from '../measure';

const HTTP_REQUESTS = 200;
const STAFF = 'stttt.canbo';
const PASSWORD = 'chidao-demo';

export async function httpWorkload(ctx: BenchContext): Promise<Figure[]> {
  const env = { CHIDAO_DATA_DIR: ctx.workDir };
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
    const login = await post(base, '/api/auth/login', { username: STAFF, password: PASSWORD });
    const headers = { authorization: `Bearer ${(login as { accessToken: string }).accessToken}` };
    const list = (await (
      await fetch(`${base}/api/tasks?status=in_progress&role=lead&limit=200`, { headers })
    ).json()) as { items: { id: string }[] };
    if (list.items.length === 0) throw new Error(`${STAFF} has no task in progress`);
    say(`${list.items.length} tasks in progress for ${STAFF}`);
    let sequence = 0;
    const runs = await repeat(ctx, async () => {
      const ms: number[] = [];
      for (let i = 0; i < HTTP_REQUESTS; i += 1) {
        sequence += 1;
        const task = list.items[sequence % list.items.length];
        const started = performance.now();
        await post(
          base,
          `/api/tasks/${task.id}/progress`,
          { percent: sequence % 100, note: `Báo cáo ${sequence}` },
          headers,
        );
        ms.push(performance.now() - started);
      }
      return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
    });
    const note = `${HTTP_REQUESTS} POST /api/tasks/{id}/progress per run, one at a time, on the demo province (SQLite, embedded projections); memory is the API process's`;
    const peakRssMb = peakRssOfPid(api.child.pid) ?? undefined;
    const label = 'One HTTP command end to end (progress report)';
    return [
      figure(
        {
          id: 'http.command.p50',
          label: `${label}, p50`,
          unit: 'ms',
          better: 'lower',
          note,
          peakRssMb,
        },
        runs.map((r) => r.p50),
      ),
      figure(
        {
          id: 'http.command.p99',
          label: `${label}, p99`,
          unit: 'ms',
          better: 'lower',
          note,
          peakRssMb,
        },
        runs.map((r) => r.p99),
      ),
    ];
  } finally {
    await stopProcess(api);
  }
}

async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
