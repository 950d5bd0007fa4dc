/**
 * A distributed deployment to break on purpose: a fresh PostgreSQL schema holding a generated
 * history, a fresh topic, and projector and reporting processes started as an operator starts
 * them (test/distributed's machinery), each with a client id of its own so that group members
 * can be told apart.
 */
import { openEventStore, type EventStore } from '@chidao/event-store';
import { dropSchema, uniqueSchema, uniqueTopic } from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ENTRY,
  freePort,
  startProcess,
  stopProcess,
  type Running,
} from '../../../test/distributed/support/processes';
import { DEFAULT_SHAPE, generateTasks, taskWriteBatches } from '../history/task-histories';
import type { OpenTask } from '../stores';
import { reportProgress } from '../workloads/task-command';

export interface DeploymentOptions {
  readonly postgresUrl: string;
  readonly brokers: readonly string[];
  readonly partitions: number;
  /** Events of the generated history loaded before anything starts. */
  readonly historyEvents: number;
  /** Extra variables for every process (the settings under test). */
  readonly settings: Readonly<Record<string, string>>;
}

export type Role = 'projector' | 'reporting';

const STARTED: Record<Role, RegExp> = {
  projector: /Chidao projector/,
  reporting: /Chidao reporting/,
};

export class Deployment {
  readonly topic = uniqueTopic('failover');
  private readonly schema = uniqueSchema('failover');
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-failover-'));
  private readonly running = new Set<Running>();
  private openTasks: OpenTask[] = [];
  private sequence = 0;
  private started = 0;
  private store: EventStore | null = null;

  constructor(readonly options: DeploymentOptions) {}

  /** The consumer groups, as apps/projector and apps/reporting name them. */
  get groups(): Record<string, { readonly role: Role; readonly projection: string }> {
    return {
      [`${this.topic}.projector.tasks`]: { role: 'projector', projection: 'tasks' },
      [`${this.topic}.projector.directives`]: { role: 'projector', projection: 'directives' },
      [`${this.topic}.reporting.tasks`]: { role: 'reporting', projection: 'tasks' },
    };
  }

  get readStoreConfig() {
    return { kind: 'postgres' as const, url: this.options.postgresUrl, schema: this.schema };
  }

  /** The log: the generated history, appended before any process starts. */
  async load(): Promise<void> {
    this.store = await openEventStore(this.readStoreConfig);
    const tasks = generateTasks(this.options.historyEvents, { ...DEFAULT_SHAPE, seed: 7 });
    const open: OpenTask[] = [];
    const collected = (function* () {
      for (const task of tasks) {
        if (task.open) open.push(task);
        yield task;
      }
    })();
    for (const batch of taskWriteBatches(collected, 200)) await this.store.appendMany(batch);
    this.openTasks = open;
  }

  /** A command as a user sends it (a progress report); returns the log's head after it. */
  async append(): Promise<number> {
    const store = this.store!;
    this.sequence += 1;
    const task = this.openTasks[this.sequence % this.openTasks.length];
    await reportProgress(store, task, this.sequence, new Date());
    return store.headPosition();
  }

  head(): Promise<number> {
    return this.store!.headPosition();
  }

  /**
   * Starts a process; resolves once it printed its start line. Its client id is `name` and a
   * number of its own: a group may still list the member a killed process was.
   */
  async start(role: Role, name: string): Promise<Running> {
    this.started += 1;
    const clientId = `${name}-${this.started}`;
    const dataDir = path.join(this.dataDir, clientId);
    fs.mkdirSync(dataDir, { recursive: true });
    const env: Record<string, string> = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: this.options.postgresUrl,
      CHIDAO_DATABASE_SCHEMA: this.schema,
      CHIDAO_DATA_DIR: dataDir,
      CHIDAO_BUS: 'kafka',
      CHIDAO_KAFKA_BROKERS: this.options.brokers.join(','),
      CHIDAO_KAFKA_TOPIC: this.topic,
      CHIDAO_KAFKA_PARTITIONS: String(this.options.partitions),
      CHIDAO_KAFKA_CLIENT_ID: clientId,
      PORT: String(await freePort()),
      ...(role === 'reporting' ? { CHIDAO_REPORT_SCHEDULES: 'none' } : {}),
      ...this.options.settings,
    };
    const process = await startProcess(clientId, ENTRY[role], env, STARTED[role]);
    this.running.add(process);
    return process;
  }

  /** kill -9: no leaving the group, no handing the relay lease over. */
  kill(process: Running): void {
    process.child.kill('SIGKILL');
    this.running.delete(process);
  }

  async close(): Promise<void> {
    for (const process of this.running) await stopProcess(process).catch(() => undefined);
    this.running.clear();
    await this.store?.close();
    await dropSchema(this.options.postgresUrl, this.schema);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
