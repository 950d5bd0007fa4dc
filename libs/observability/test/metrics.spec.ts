import { ConcurrencyError, openEventStore, type EventStore } from '@chidao/event-store';
import type { WorkerStatus } from '@chidao/workers';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMetrics,
  instrumentEventStore,
  registerLagMetrics,
  registerWorkerMetrics,
  scrapeMetrics,
  type LagSample,
} from '../src';

/** The samples of the exposition text whose line starts with `name{` or `name `. */
const samplesOf = (text: string, name: string): string[] =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

const status = (overrides: Partial<WorkerStatus> & Pick<WorkerStatus, 'name'>): WorkerStatus => ({
  kind: 'projection',
  state: 'running',
  phase: 'live',
  position: 42,
  lastProgressAt: '2024-06-30T03:00:00.000Z',
  consecutiveFailures: 0,
  lastError: null,
  reason: null,
  ...overrides,
});

describe('createMetrics', () => {
  it('exposes process metrics and every Chidao metric with its help text', async () => {
    const metrics = createMetrics();
    metrics.observeHttpRequest({
      method: 'GET',
      route: '/api/tasks/:id',
      status: 200,
      seconds: 0.02,
    });
    metrics.countCommand('ReportTaskProgress', 'accepted');
    metrics.countCommand('ReportTaskProgress', 'rule_refused');
    metrics.countScheduledRun('reports', 'succeeded');
    const text = await metrics.registry.metrics();

    expect(text).toContain('# HELP process_cpu_user_seconds_total');
    expect(text).toContain('# HELP nodejs_eventloop_lag_seconds');
    for (const name of [
      'chidao_http_request_duration_seconds',
      'chidao_commands_total',
      'chidao_event_append_duration_seconds',
      'chidao_events_appended_total',
      'chidao_scheduled_runs_total',
    ]) {
      expect(text).toMatch(new RegExp(`# HELP ${name} \\w`));
    }
    expect(samplesOf(text, 'chidao_http_request_duration_seconds_count')).toEqual([
      'chidao_http_request_duration_seconds_count{method="GET",route="/api/tasks/:id",status="200"} 1',
    ]);
    expect(samplesOf(text, 'chidao_commands_total')).toEqual([
      'chidao_commands_total{command="ReportTaskProgress",outcome="accepted"} 1',
      'chidao_commands_total{command="ReportTaskProgress",outcome="rule_refused"} 1',
    ]);
    expect(samplesOf(text, 'chidao_scheduled_runs_total')).toEqual([
      'chidao_scheduled_runs_total{scheduler="reports",outcome="succeeded"} 1',
    ]);
  });

  it('gives each call a registry of its own', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.countCommand('CreateUser', 'accepted');
    expect(samplesOf(await second.registry.metrics(), 'chidao_commands_total')).toEqual([]);
  });
});

describe('instrumentEventStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-obs-'));
  let store: EventStore;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'sqlite', path: path.join(dir, 'log.sqlite') });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const event = (type: string) => ({
    type,
    schemaVersion: 1,
    data: {},
    metadata: { actor: 'u1', actorRoles: [], agency: null, correlationId: 'c1', causationId: null },
    occurredOn: '2024-06-30',
  });

  it('times appends by outcome, counts the events written, and passes everything else through', async () => {
    const metrics = createMetrics();
    const instrumented = instrumentEventStore(store, metrics, 'sqlite');
    await instrumented.append('s-1', [event('A'), event('B')], { expectedVersion: 'no_stream' });
    await instrumented.appendMany([
      { streamId: 's-2', events: [event('C')], expectedVersion: 'no_stream' },
      { streamId: 's-3', events: [event('D')], expectedVersion: 'no_stream' },
    ]);
    await expect(
      instrumented.append('s-1', [event('E')], { expectedVersion: 'no_stream' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);

    expect(await instrumented.headPosition()).toBe(4);
    expect((await instrumented.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    const text = await metrics.registry.metrics();
    expect(samplesOf(text, 'chidao_event_append_duration_seconds_count')).toEqual([
      'chidao_event_append_duration_seconds_count{store="sqlite",outcome="appended"} 2',
      'chidao_event_append_duration_seconds_count{store="sqlite",outcome="conflict"} 1',
    ]);
    expect(samplesOf(text, 'chidao_events_appended_total')).toEqual([
      'chidao_events_appended_total{store="sqlite"} 4',
    ]);
  });
});

describe('registerWorkerMetrics', () => {
  it('reads the statuses at each scrape: one state at 1, failures, last progress, position', async () => {
    const metrics = createMetrics();
    let statuses: WorkerStatus[] = [
      status({ name: 'projection tasks' }),
      status({
        name: 'scheduler reports',
        kind: 'scheduler',
        state: 'failed',
        position: null,
        lastProgressAt: null,
        consecutiveFailures: 5,
      }),
    ];
    registerWorkerMetrics(metrics.registry, () => statuses);
    let text = await metrics.registry.metrics();

    expect(samplesOf(text, 'chidao_worker_state').filter((line) => line.endsWith(' 1'))).toEqual([
      'chidao_worker_state{worker="projection tasks",kind="projection",state="running"} 1',
      'chidao_worker_state{worker="scheduler reports",kind="scheduler",state="failed"} 1',
    ]);
    expect(samplesOf(text, 'chidao_worker_state')).toHaveLength(10);
    expect(samplesOf(text, 'chidao_worker_consecutive_failures')).toEqual([
      'chidao_worker_consecutive_failures{worker="projection tasks"} 0',
      'chidao_worker_consecutive_failures{worker="scheduler reports"} 5',
    ]);
    expect(samplesOf(text, 'chidao_worker_last_progress_timestamp_seconds')).toEqual([
      `chidao_worker_last_progress_timestamp_seconds{worker="projection tasks"} ${Date.parse('2024-06-30T03:00:00Z') / 1000}`,
    ]);
    expect(samplesOf(text, 'chidao_worker_position')).toEqual([
      'chidao_worker_position{worker="projection tasks"} 42',
    ]);

    statuses = [status({ name: 'projection tasks', state: 'retrying', consecutiveFailures: 1 })];
    text = await metrics.registry.metrics();
    expect(samplesOf(text, 'chidao_worker_state').filter((line) => line.endsWith(' 1'))).toEqual([
      'chidao_worker_state{worker="projection tasks",kind="projection",state="retrying"} 1',
    ]);
    expect(text).not.toContain('scheduler reports');
  });
});

describe('registerLagMetrics', () => {
  it('reads the lags once per scrape and exposes each kind under its own gauge', async () => {
    const metrics = createMetrics();
    let calls = 0;
    const samples: LagSample[] = [
      { kind: 'projection', projection: 'tasks', events: 12, seconds: 3.5 },
      { kind: 'projection', projection: 'stats', events: 0, seconds: null },
      { kind: 'relay', topic: 'chidao-log', events: 7 },
      { kind: 'consumer', projection: 'tasks', group: 'chidao-projection-tasks', events: 2 },
    ];
    registerLagMetrics(metrics.registry, () => {
      calls += 1;
      return Promise.resolve(samples);
    });
    const text = await metrics.registry.metrics();

    expect(calls).toBe(1);
    expect(samplesOf(text, 'chidao_projection_lag_events')).toEqual([
      'chidao_projection_lag_events{projection="tasks"} 12',
      'chidao_projection_lag_events{projection="stats"} 0',
    ]);
    expect(samplesOf(text, 'chidao_projection_lag_seconds')).toEqual([
      'chidao_projection_lag_seconds{projection="tasks"} 3.5',
    ]);
    expect(samplesOf(text, 'chidao_relay_lag_events')).toEqual([
      'chidao_relay_lag_events{topic="chidao-log"} 7',
    ]);
    expect(samplesOf(text, 'chidao_consumer_lag_events')).toEqual([
      'chidao_consumer_lag_events{projection="tasks",group="chidao-projection-tasks"} 2',
    ]);
    await metrics.registry.metrics();
    expect(calls).toBe(2);
  });

  it('leaves the lags out when they cannot be read, says why, and still answers the rest', async () => {
    const metrics = createMetrics();
    const errors: unknown[] = [];
    let failing = false;
    registerLagMetrics(
      metrics.registry,
      () =>
        failing
          ? Promise.reject(new Error('read store down'))
          : Promise.resolve([{ kind: 'projection', projection: 'tasks', events: 1, seconds: 0 }]),
      (error) => errors.push(error),
    );
    expect(
      samplesOf(await metrics.registry.metrics(), 'chidao_projection_lag_events'),
    ).toHaveLength(1);
    failing = true;
    const text = await metrics.registry.metrics();
    expect(samplesOf(text, 'chidao_projection_lag_events')).toEqual([]);
    expect(text).toContain('# HELP process_cpu_user_seconds_total');
    expect(errors).toEqual([new Error('read store down')]);
  });
});

describe('scrapeMetrics', () => {
  const token = 'metrics-token-0123456789';

  it('answers the text format when no token is set', async () => {
    const answer = await scrapeMetrics(
      { registry: createMetrics().registry, token: null },
      undefined,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.body).toContain('# TYPE chidao_commands_total counter');
  });

  it('asks for the token when one is set', async () => {
    const endpoint = { registry: createMetrics().registry, token };
    for (const header of [undefined, `Bearer ${token}x`, `Basic ${token}`, token]) {
      const answer = await scrapeMetrics(endpoint, header);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'unauthenticated' });
    }
    expect((await scrapeMetrics(endpoint, `Bearer ${token}`)).status).toBe(200);
  });
});
