import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { EventReader, EventStore, RecordedEvent } from '@chidao/event-store';
import {
  ensureProjection,
  projectionFingerprint,
  projectionLag,
  rebuildProjection,
  schemaOf,
  type DocumentCollection,
  type DocumentProjection,
  type ProjectionLag,
  type ProjectionRunner,
  type ProjectionStatus,
  type ReadModelStore,
  type RebuildResult,
  type RunnerPhase,
} from '@chidao/projections';
import type { WorkerStatus } from '@chidao/workers';
import { apiError } from '../common/api-error';
import { nestWorkerLog } from '../common/nest-worker-log';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DOMAIN_EVENTS, EVENT_STORE } from '../infrastructure/event-store.providers';
import { pollPosition } from './poll-position';
import { PROJECTIONS } from './projection-catalogue';
import { READ_MODEL_STORE } from './read-model.providers';

/** How long a query may wait for `?minPosition=` before answering 503. */
const MIN_POSITION_TIMEOUT_MS = 10_000;

export interface ProjectionView extends Omit<ProjectionStatus, 'lastError' | 'phase' | 'worker'> {
  /**
   * The runner's phase; `external` when this process runs no runner (CHIDAO_PROJECTIONS=off)
   * and the projector's runners keep the read model: position is then the stored checkpoint.
   */
  phase: RunnerPhase | 'external';
  /** The runner's loop (null when the projector runs it: see its own /ready). */
  worker: WorkerStatus | null;
  /** Age in seconds of the oldest event not in the read model yet (0 when caught up). */
  lagSeconds: number;
  lastError: { message: string; at: string } | null;
  rebuild: {
    running: boolean;
    lastResult: Omit<RebuildResult, 'record'> | null;
    lastError: string | null;
  };
}

/**
 * Embedded mode: one runner per projection follows the log inside the API process, so a
 * command's effect reaches the queries moments later. Changed projection code is rebuilt on
 * start (ensureProjection) while the previous generation keeps answering. With
 * CHIDAO_PROJECTIONS=off a projector process runs them instead: this one only reads the store.
 */
@Injectable()
export class ProjectionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner<unknown>>();
  private readonly rebuilds = new Map<string, ProjectionView['rebuild']>();

  private readonly embedded: boolean;
  private readonly workerSettings: AppConfig['workers'];

  constructor(
    @Inject(DOMAIN_EVENTS) private readonly events: EventReader<RecordedEvent>,
    @Inject(READ_MODEL_STORE) private readonly readStore: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.embedded = config.projections === 'embedded';
    this.workerSettings = config.workers;
  }

  async onModuleInit(): Promise<void> {
    for (const projection of PROJECTIONS) {
      if (!this.embedded) {
        // Queries answer (empty) before the projector's first start; its runners fill them.
        await this.readStore.register(schemaOf(projection), projectionFingerprint(projection));
        continue;
      }
      const { runner, rebuilding } = await ensureProjection(
        projection,
        { eventStore: this.events, readStore: this.readStore },
        { ...this.workerSettings, log: nestWorkerLog(this.logger) },
      );
      if (rebuilding)
        this.logger.log(`${projection.name}: code changed, rebuilding from position 0`);
      this.runners.set(projection.name, runner);
    }
  }

  /** The runners' loops, for /ready and /metrics (none when the projector runs them). */
  workerStatuses(): WorkerStatus[] {
    return [...this.runners.values()].map((runner) => runner.workerStatus());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    await this.readStore.close();
  }

  collection<D>(name: string): DocumentCollection<D> {
    return this.readStore.documents<D>(name);
  }

  /** Resolves once the projection reflects every event up to `position` (`?minPosition=`). */
  async waitFor(name: string, position: number | undefined): Promise<void> {
    if (position === undefined) return;
    const reached = new AbortController();
    const caughtUp = this.embedded
      ? this.runner(name).waitFor(position)
      : pollPosition(() => this.collection(name).position(), position, reached.signal);
    // Settles after the timeout sometimes (the runner stopped, the store failed): not unhandled.
    caughtUp.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableException(
              apiError(
                'projection_behind',
                `The ${name} read model has not reached position ${position} yet; retry shortly.`,
                'Dữ liệu tổng hợp chưa cập nhật kịp; hãy thử lại sau giây lát.',
                { projection: name, minPosition: position },
              ),
            ),
          ),
        MIN_POSITION_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([caughtUp, timeout]);
    } finally {
      clearTimeout(timer);
      reached.abort();
    }
  }

  async statuses(): Promise<ProjectionView[]> {
    return Promise.all(
      PROJECTIONS.map(async (projection) => {
        const status = this.embedded
          ? await this.runner(projection.name).status()
          : await this.storedStatus(projection);
        const lag = await projectionLag(this.store, status.position);
        return {
          ...status,
          worker: 'worker' in status ? status.worker : null,
          lagSeconds: lag.seconds,
          lastError: status.lastError && {
            message: status.lastError.message,
            at: status.lastError.at,
          },
          rebuild: this.rebuilds.get(projection.name) ?? {
            running: false,
            lastResult: null,
            lastError: null,
          },
        };
      }),
    );
  }

  /** Each read model's position and lag behind the log (whoever keeps it: runner or projector). */
  async lags(): Promise<Array<{ readonly name: string } & ProjectionLag>> {
    return Promise.all(
      PROJECTIONS.map(async (projection) => ({
        name: projection.name,
        ...(await projectionLag(this.store, await this.collection(projection.name).position())),
      })),
    );
  }

  /**
   * Rebuilds from position 0 into a fresh generation and swaps it in; queries keep answering
   * from the current generation meanwhile. Resolves when the swap is done.
   */
  async rebuild(name: string): Promise<RebuildResult> {
    const projection = PROJECTIONS.find((p) => p.name === name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    const state = { running: true, lastResult: null, lastError: null } as ProjectionView['rebuild'];
    this.rebuilds.set(name, state);
    try {
      const result = await rebuildProjection(projection, {
        eventStore: this.events,
        readStore: this.readStore,
      });
      const { record: _record, ...summary } = result;
      this.rebuilds.set(name, { running: false, lastResult: summary, lastError: null });
      this.logger.log(
        `${name}: rebuilt ${result.events} events in ${Math.round(result.elapsedMs)} ms`,
      );
      return result;
    } catch (error) {
      this.rebuilds.set(name, { running: false, lastResult: null, lastError: String(error) });
      throw error;
    }
  }

  isRebuilding(name: string): boolean {
    return this.rebuilds.get(name)?.running === true;
  }

  /** Without a runner here: what the store says of the projector's progress. */
  private async storedStatus(
    projection: DocumentProjection<unknown>,
  ): Promise<Omit<ProjectionView, 'rebuild' | 'worker' | 'lagSeconds'>> {
    const [record, head] = await Promise.all([
      this.readStore.projection(projection.name),
      this.events.headPosition(),
    ]);
    const active =
      record && (await this.readStore.generation(projection.name, record.activeGeneration));
    const position = active?.position ?? 0;
    return {
      name: projection.name,
      fingerprint: record?.fingerprint ?? projectionFingerprint(projection),
      phase: record?.status === 'rebuilding' ? 'rebuilding' : 'external',
      generation: record?.activeGeneration ?? null,
      position,
      head,
      lag: Math.max(0, head - position),
      eventsPerSecond: 0,
      eventsApplied: 0,
      consecutiveFailures: 0,
      lastError: null,
    };
  }

  private runner(name: string): ProjectionRunner<unknown> {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`Unknown projection ${name}`);
    return runner;
  }
}
