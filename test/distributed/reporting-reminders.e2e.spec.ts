/**
 * The reporting process runs the daily reminders in the distributed deployment: the API (here in
 * the test's process, on PostgreSQL) records the work and only queues; reporting, started as an
 * operator starts it with CHIDAO_REMINDER_AT set, runs the day and sends. Twice over: two
 * reporting processes on the database with the bus in process (the reminders' lease lets one of
 * them run and send while the other stands by; the day is claimed in the log besides: it runs
 * once, the message is delivered once), and one reporting process beside the projector on Kafka
 * (its read models from its own groups).
 *
 * The day is chosen: the API's clock is fixed on a working day, and the reporting processes run
 * on the same day (their clock shifted by support/shifted-clock.js), whatever day the test runs.
 */
import { vietnamDateOf } from '@chidao/domain';
import type { EventStore, StoredEvent } from '@chidao/event-store';
import {
  describeWithKafka,
  describeWithPostgres,
  dropSchema,
  uniqueSchema,
  uniqueTopic,
} from '@chidao/event-store/testing';
import { createWorkingCalendar } from '@chidao/reporting';
import { Kafka, logLevel } from 'kafkajs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/event-store.providers';
import { seedProvince, type Province } from '../../apps/api/test/support/province';
import { assignReceivedTask, registerDirective } from '../../apps/api/test/support/task-steps';
import { startTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import {
  ENTRY,
  eventually,
  freePort,
  startProcess,
  stopProcess,
  type Running,
} from './support/processes';

/** Wednesday 04/03/2026, 10:00 in Vietnam: a working day, past the daily hour below. */
const NOW = new Date('2026-03-04T03:00:00Z');
const TODAY = vietnamDateOf(NOW);
const REMINDER_AT = '08:00';
const REMINDER_MODELS = ['tasks', 'task_reminders', 'reminder_messages'];
/** `node -r ts-register -r shifted-clock apps/reporting/src/main.ts`. */
const REPORTING_ON_TODAY = [
  ...ENTRY.reporting.slice(0, -1),
  '-r',
  './test/distributed/support/shifted-clock.js',
  ...ENTRY.reporting.slice(-1),
];

interface Scene {
  readonly api: TestApp;
  readonly province: Province;
  readonly taskId: string;
  /** Every process started, the reporting ones with their probe port. */
  readonly processes: { readonly running: Running; readonly port: number }[];
  readonly reporting: { readonly running: Running; readonly port: number }[];
}

/**
 * The API on `deployment` with a task due today, then `extra` processes (the projector) and
 * `reporting` reporting processes, all started at once.
 */
function reminderScene(
  deployment: () => Record<string, string>,
  options: { readonly reporting: number; readonly projector: boolean },
): { scene: () => Scene; start: () => Promise<void>; stop: () => Promise<void> } {
  let current: Scene | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-reporting-reminders-'));
  return {
    scene: () => current!,
    start: async () => {
      expect(createWorkingCalendar().isWorkingDay(TODAY)).toBe(true);
      // The API: no daily hour, so it never runs the day nor sends.
      const api = await startTestApp({
        now: NOW.toISOString(),
        env: {
          ...deployment(),
          CHIDAO_JWT_SECRET: 'a-secret-for-the-reminders-suite-0123456789',
        },
      });
      const processes: Scene['processes'] = [];
      const reporting: Scene['reporting'] = [];
      current = { api, province: null!, taskId: '', processes, reporting };
      const province = await seedProvince(api);
      const directive = await registerDirective(api, province);
      // Due today: the lead agency's staff are reminded on the deadline day.
      const taskId = await assignReceivedTask(
        api,
        province,
        directive,
        { title: 'Báo cáo chuyển đổi số', leadAgency: 'STTTT', deadline: TODAY, occurredOn: TODAY },
        TODAY,
      );
      current = { api, province, taskId, processes, reporting };

      const offset = String(NOW.getTime() - Date.now());
      const start = async (name: string, args: readonly string[], line: RegExp, env = {}) => {
        const port = await freePort();
        const dir = path.join(dataDir, name);
        fs.mkdirSync(dir);
        const running = await startProcess(
          name,
          args,
          { ...deployment(), PORT: String(port), CHIDAO_DATA_DIR: dir, ...env },
          line,
        );
        processes.push({ running, port });
        return { running, port };
      };
      const reportingEnv = {
        CHIDAO_REPORT_SCHEDULES: 'none',
        CHIDAO_REMINDER_AT: REMINDER_AT,
        CHIDAO_TEST_CLOCK_OFFSET_MS: offset,
      };
      // All at once: each reporting process ticks as soon as it starts.
      await Promise.all([
        ...(options.projector ? [start('projector', ENTRY.projector, /Chidao projector:/)] : []),
        ...Array.from({ length: options.reporting }, async (_, i) =>
          reporting.push(
            await start(
              `reporting-${i + 1}`,
              REPORTING_ON_TODAY,
              /Chidao reporting:/,
              reportingEnv,
            ),
          ),
        ),
      ]);
    },
    stop: async () => {
      for (const { running } of current?.processes ?? []) {
        if (running.child.exitCode === null && running.child.signalCode === null) {
          running.child.kill('SIGKILL');
        }
      }
      await current?.api.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function logOf(api: TestApp): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of api.app.get<EventStore>(EVENT_STORE).readAll()) events.push(...batch);
  return events;
}

const metric = async (port: number, line: RegExp): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = text.split('\n').find((each) => line.test(each));
  return match ? Number(match.split(' ').at(-1)) : 0;
};

/** What every scene must show once reporting ran the day: each thing once, and seen in the app. */
function itSendsTheDayOnce(scene: () => Scene): void {
  it('runs the day once: the reminder recorded on its task once, one message queued and delivered once', async () => {
    const { api, taskId, reporting } = scene();
    // Done once the log has the delivery and the process has said so (after the day's line).
    const said = () =>
      reporting.some(({ running }) =>
        running.output.stdout.includes('reminder messages: 1 delivered'),
      );
    const events = await eventually(async () => {
      const log = await logOf(api);
      return said() &&
        log.some((e) => e.type === 'ReminderMessageDelivered') &&
        log.some((e) => e.type === 'ReminderRunFinished')
        ? log
        : undefined;
    }, 'the day’s reminder delivered');

    const issued = events.filter((e) => e.type === 'TaskReminderIssued');
    expect(issued.map((e) => [e.streamId, (e.data as { rule: string }).rule])).toEqual([
      [`task-${taskId}`, 'on_deadline'],
    ]);
    expect(issued[0].metadata.actor).toBe('system:reminders');
    const runs = events.filter((e) => e.streamId.startsWith('reminder-run-'));
    expect(runs.map((e) => e.type)).toEqual(['ReminderRunStarted', 'ReminderRunFinished']);
    const queued = events.filter((e) => e.type === 'ReminderMessageQueued');
    expect(queued.map((e) => (e.data as { channel: string }).channel)).toEqual(['in_app']);
    expect(events.filter((e) => e.type === 'ReminderMessageDelivered')).toHaveLength(1);

    // One process ran the day and sent; any other stood by; each said so.
    const outputs = reporting.map(({ running }) => running.output.stdout);
    const ran = `daily reminders of ${TODAY}: 1 reminders, 1 messages`;
    const holds = 'reminders: this process runs them and sends the messages';
    const [active] = outputs.filter((out) => out.includes(ran));
    expect(outputs.filter((out) => out.includes(ran))).toHaveLength(1);
    expect(active).toContain(holds);
    expect(outputs.filter((out) => out.includes(holds))).toHaveLength(1);
    expect(outputs.filter((out) => out.includes('reminders: standing by'))).toHaveLength(
      reporting.length - 1,
    );
    const sent = await Promise.all(
      reporting.map(({ port }) => metric(port, /^chidao_reminders_sent_total\{channel="in_app"\}/)),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('the person sees it in the app, through the API', async () => {
    const { api, province, taskId } = scene();
    const head = await api.app.get<EventStore>(EVENT_STORE).headPosition();
    const { body } = await api.http
      .get(`/api/notifications?minPosition=${head}`)
      .set(province.headers('staffTTTT'))
      .expect(200);
    expect(body.unread).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      subject: 'Nhắc việc ngày 04/03/2026: 1 nhiệm vụ cần chú ý',
      tasks: [{ id: taskId, title: 'Báo cáo chuyển đổi số' }],
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    for (const { running } of scene().processes) {
      expect({ name: running.name, ...(await stopProcess(running)) }).toEqual({
        name: running.name,
        code: 0,
        signal: null,
      });
      expect(running.output.stderr).toBe('');
    }
  });
}

describeWithPostgres('the reporting process sends the daily reminders', (url) => {
  describe('two of them on PostgreSQL, the bus in process', () => {
    const schema = uniqueSchema('remind');
    const { scene, start, stop } = reminderScene(
      () => ({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_READ_STORE: 'postgres',
        CHIDAO_DATABASE_URL: url,
        CHIDAO_DATABASE_SCHEMA: schema,
      }),
      { reporting: 2, projector: false },
    );
    beforeAll(start, 90_000);
    afterAll(async () => {
      await stop();
      await dropSchema(url, schema);
    });

    it('says it runs the reminders, keeping the read models they need, and is ready', async () => {
      for (const { running, port } of scene().reporting) {
        expect(running.startLine).toContain(`reminders daily at ${REMINDER_AT} (in app)`);
        expect(running.startLine).toContain(`${REMINDER_MODELS.join(', ')} from the store`);
        const ready = await fetch(`http://127.0.0.1:${port}/ready`);
        expect(ready.status).toBe(200);
        const { workers } = (await ready.json()) as { workers: { name: string; state: string }[] };
        expect(workers.map((worker) => [worker.name, worker.state])).toEqual([
          ['projection tasks', 'running'],
          ['projection task_reminders', 'running'],
          ['projection reminder_messages', 'running'],
          ['scheduler reports', 'running'],
          ['scheduler reminders', 'running'],
        ]);
      }
    });

    itSendsTheDayOnce(scene);
  });

  describeWithKafka('one beside the projector, on PostgreSQL and Kafka', ({ brokers }) => {
    const schema = uniqueSchema('remindk');
    const topic = uniqueTopic('remind');
    const groups = [
      ...['tasks', 'directives', 'reminder_messages', 'task_reminders'].map(
        (name) => `${topic}.projector.${name}`,
      ),
      ...REMINDER_MODELS.map((name) => `${topic}.reporting.${name}`),
    ];
    const { scene, start, stop } = reminderScene(
      () => ({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_READ_STORE: 'postgres',
        CHIDAO_DATABASE_URL: url,
        CHIDAO_DATABASE_SCHEMA: schema,
        CHIDAO_BUS: 'kafka',
        CHIDAO_KAFKA_BROKERS: brokers.join(','),
        CHIDAO_KAFKA_TOPIC: topic,
      }),
      { reporting: 1, projector: true },
    );
    beforeAll(start, 90_000);
    afterAll(async () => {
      await stop();
      const admin = new Kafka({
        clientId: 'reporting-reminders-spec',
        brokers: [...brokers],
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
      await dropSchema(url, schema);
    });

    it('keeps the read models from the topic in its own groups', () => {
      const [{ running }] = scene().reporting;
      expect(running.startLine).toContain(
        `${REMINDER_MODELS.join(', ')} from ${topic} in groups ${groups.slice(4).join(', ')}`,
      );
    });

    itSendsTheDayOnce(scene);
  });
});
