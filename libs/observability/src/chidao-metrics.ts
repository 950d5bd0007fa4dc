import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a command ended: accepted, or refused by the kind of refusal (as its HTTP status says). */
export type CommandOutcome =
  'accepted' | 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' | 'rule_refused' | 'error';

/** `conflict`: the stream moved on (a concurrent writer); `failed`: the store did not answer. */
export type AppendOutcome = 'appended' | 'conflict' | 'failed';

/** `already_done`: another instance (or an earlier run) did it; nothing was left to do. */
export type ScheduledRunOutcome = 'succeeded' | 'already_done' | 'failed';

/** The route label of requests no route matched: raw paths would make a series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface HttpRequestSample {
  readonly method: string;
  /** The matched route's template (`/api/tasks/:id`), or UNMATCHED_ROUTE; never a raw path. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

export interface AppendSample {
  /** The event store's engine: `sqlite` or `postgres`. */
  readonly store: string;
  readonly outcome: AppendOutcome;
  /** Events written (0 unless appended). */
  readonly events: number;
  readonly seconds: number;
}

/** Chidao's metrics in one registry, with the process and Node.js metrics every exporter has. */
export interface ChidaoMetrics {
  readonly registry: Registry;
  observeHttpRequest(sample: HttpRequestSample): void;
  /** `command`: the command's name (`ReportTaskProgress`, `CreateUser`, …), never data. */
  countCommand(command: string, outcome: CommandOutcome): void;
  observeAppend(sample: AppendSample): void;
  /** One per run of a scheduler (`reports`, `anchors`, `reminders`) and its outcome. */
  countScheduledRun(scheduler: string, outcome: ScheduledRunOutcome): void;
  /** Reminder messages delivered, by channel (`email`, `sms`, `in_app`). */
  countReminderSent(channel: string): void;
  /** Reminder delivery attempts that failed (retried later or given up), by channel. */
  countReminderFailed(channel: string): void;
  /** Reminder messages waiting to go after the last delivery run, by channel. */
  setRemindersQueued(channel: string, count: number): void;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const APPEND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A registry of its own per call, so that several apps in one process (tests) do not mix. */
export function createMetrics(): ChidaoMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const http = new Histogram({
    name: 'chidao_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const commands = new Counter({
    name: 'chidao_commands_total',
    help: 'Commands handled, by command and outcome (accepted, or the kind of refusal).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const appendSeconds = new Histogram({
    name: 'chidao_event_append_duration_seconds',
    help: 'Time to append to the event log (one stream, or several in one transaction), by store engine and outcome.',
    labelNames: ['store', 'outcome'] as const,
    buckets: APPEND_BUCKETS,
    registers,
  });
  const appended = new Counter({
    name: 'chidao_events_appended_total',
    help: 'Events written to the event log, by store engine.',
    labelNames: ['store'] as const,
    registers,
  });
  const scheduledRuns = new Counter({
    name: 'chidao_scheduled_runs_total',
    help: 'Runs of the schedulers (report snapshots, log anchors, reminders), by scheduler and outcome.',
    labelNames: ['scheduler', 'outcome'] as const,
    registers,
  });
  const remindersSent = new Counter({
    name: 'chidao_reminders_sent_total',
    help: 'Reminder messages delivered, by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const remindersFailed = new Counter({
    name: 'chidao_reminders_failed_total',
    help: 'Reminder delivery attempts that failed (to be retried, or given up), by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const remindersQueued = new Gauge({
    name: 'chidao_reminders_queued',
    help: 'Reminder messages waiting to be delivered after the last delivery run, by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  return {
    registry,
    observeHttpRequest: ({ method, route, status, seconds }) =>
      http.observe({ method, route, status: String(status) }, seconds),
    countCommand: (command, outcome) => commands.inc({ command, outcome }),
    observeAppend: ({ store, outcome, events, seconds }) => {
      appendSeconds.observe({ store, outcome }, seconds);
      if (events > 0) appended.inc({ store }, events);
    },
    countScheduledRun: (scheduler, outcome) => scheduledRuns.inc({ scheduler, outcome }),
    countReminderSent: (channel) => remindersSent.inc({ channel }),
    countReminderFailed: (channel) => remindersFailed.inc({ channel }),
    setRemindersQueued: (channel, count) => remindersQueued.set({ channel }, count),
  };
}
