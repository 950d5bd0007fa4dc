import type { RecordedEvent, Subscription } from '@chidao/event-store';
import {
  WorkerLoop,
  workerOptionsOf,
  type CycleEnd,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import { applyBatch, type BatchOutcome, type ProjectionFaultInjection } from './apply-batch';
import { catchUp, type ProjectionDeps } from './catch-up';
import { projectionFingerprint } from './fingerprint';
import {
  schemaOf,
  type DocumentProjection,
  type PositionedEvent,
  type ReadModelSchema,
} from './projection';
import { RateMeter } from './rate-meter';
import { ProjectionSupersededError } from './read-model-store.port';
import { rebuildGeneration } from './rebuild-projection';

export type RunnerPhase =
  /** Not started yet. */
  | 'idle'
  /** The stored documents were built by other code: building a new generation to swap in. */
  | 'rebuilding'
  /** Reading the log with readAll towards the head. */
  | 'catching-up'
  /** Subscribed: applying appends as they come. */
  | 'live'
  /** Another version of the code took the projection over; this runner will not write again. */
  | 'superseded'
  | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  /** The loop's view, the same for every worker: state, failures, reason, last progress. */
  readonly worker: WorkerStatus;
  readonly fingerprint: string;
  readonly phase: RunnerPhase;
  /** The generation being written (the pending one while rebuilding). */
  readonly generation: number | null;
  /** Checkpoint of that generation as this runner last saw it. */
  readonly position: number;
  /** The log's head, read when the status was asked for. */
  readonly head: number;
  readonly lag: number;
  /** Applied events per second over the last 10 s. */
  readonly eventsPerSecond: number;
  /** Events applied by this runner since it started. */
  readonly eventsApplied: number;
  /** Failures since the last batch that went through (0 when healthy). */
  readonly consecutiveFailures: number;
  /** The failure it is retrying after (null once it makes progress again). */
  readonly lastError: WorkerStatus['lastError'];
}

export interface ProjectionRunnerOptions extends WorkerOptions {
  /** Events per batch transaction (default 500). */
  readonly batchSize?: number;
  /** TEST ONLY, see ProjectionFaultInjection. */
  readonly faultInjection?: ProjectionFaultInjection;
}

/**
 * One cycle of a worker writing a projection. Newer code owning the read model ends the worker
 * (`stopped`, with the reason) instead of failing it: writing on would fight the other version,
 * each rebuilding over the other's work.
 */
export async function unlessSuperseded(
  attempt: () => Promise<void>,
  onSuperseded: () => void,
): Promise<CycleEnd> {
  try {
    await attempt();
  } catch (error) {
    if (!(error instanceof ProjectionSupersededError)) throw error;
    onSuperseded();
    return { done: error.message };
  }
}

/** Thrown from the subscription handler to restart it from the stored checkpoint. */
const RESYNC = new Error('resync: restart the subscription from the stored checkpoint');

/**
 * Keeps one projection's active generation up to date: catch up with readAll, then follow live
 * appends with subscribe. Each batch is one transaction of documents plus checkpoint (see
 * applyBatch). When the stored documents were built by other code (fingerprint), it first
 * rebuilds into a new generation and swaps it in; the old one serves queries until then.
 * Runs in a WorkerLoop: a failure is retried with back-off from the stored checkpoint, and the
 * same failure again and again (a poison event) stops the runner as `failed`, saying why.
 */
export class ProjectionRunner<D, E extends PositionedEvent = RecordedEvent> {
  readonly fingerprint: string;
  private readonly schema: ReadModelSchema;
  private readonly batchSize: number;
  private readonly loop: WorkerLoop;
  private readonly rate = new RateMeter();
  private phase: RunnerPhase = 'idle';
  private generation: number | null = null;
  /** Checkpoint of the generation being written (the loop's position is the active one's). */
  private position = 0;
  private eventsApplied = 0;
  private subscription: Subscription | null = null;
  private interrupt: (() => void) | null = null;

  constructor(
    readonly projection: DocumentProjection<D, E>,
    private readonly deps: ProjectionDeps<E>,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.schema = schemaOf(projection);
    this.fingerprint = projectionFingerprint(projection);
    this.batchSize = options.batchSize ?? 500;
    this.loop = new WorkerLoop(
      {
        name: `projection ${projection.name}`,
        kind: 'projection',
        ...workerOptionsOf(options),
      },
      {
        cycle: () => this.cycle(),
        interrupt: async () => {
          // Let a batch in flight finish first, then end the following.
          await this.subscription?.stop();
          this.interrupt?.();
        },
      },
    );
  }

  get name(): string {
    return this.projection.name;
  }

  /** Starts the loop in the background; failures go to status and the log, never reject. */
  start(): this {
    this.setPhase('catching-up');
    this.loop.start();
    return this;
  }

  /** Stops at the next batch boundary (a batch in progress commits or rolls back first). */
  async stop(): Promise<void> {
    await this.loop.stop();
    if (this.phase !== 'superseded') this.setPhase('stopped');
  }

  /** Resolves once queries reflect every event up to `position`; rejects if the runner stops. */
  waitFor(position: number): Promise<void> {
    return this.loop.waitFor(position);
  }

  /** The loop's status alone: no store read (for /metrics and /ready). */
  workerStatus(): WorkerStatus {
    return this.loop.status();
  }

  async status(): Promise<ProjectionStatus> {
    const head = await this.deps.eventStore.headPosition();
    const worker = this.loop.status();
    return {
      name: this.name,
      worker,
      fingerprint: this.fingerprint,
      phase: this.phase,
      generation: this.generation,
      position: this.position,
      head,
      lag: Math.max(0, head - this.position),
      eventsPerSecond: this.rate.perSecond(),
      eventsApplied: this.eventsApplied,
      consecutiveFailures: worker.consecutiveFailures,
      lastError: worker.lastError,
    };
  }

  private setPhase(phase: RunnerPhase): void {
    this.phase = phase;
    this.loop.setPhase(phase);
  }

  /** One attempt: rebuild if needed, catch up, follow; returns to be called again on resync. */
  private cycle(): Promise<CycleEnd> {
    return unlessSuperseded(
      () => this.attempt(),
      () => this.setPhase('superseded'),
    );
  }

  private async attempt(): Promise<void> {
    const record =
      (await this.deps.readStore.projection(this.name)) ??
      (await this.deps.readStore.register(this.schema, this.fingerprint));
    if (record.fingerprint !== this.fingerprint) {
      await this.rebuild(
        record.pendingFingerprint === this.fingerprint ? record.pendingGeneration : null,
      );
      return;
    }
    this.setPhase('catching-up');
    const active = await this.deps.readStore.generation(this.name, record.activeGeneration);
    const from = active?.position ?? 0;
    this.generation = record.activeGeneration;
    this.position = from;
    this.loop.advance(from);
    const target = { kind: 'active', fingerprint: this.fingerprint } as const;
    const reached = await catchUp(this.projection, this.deps, target, from, {
      batchSize: this.batchSize,
      faultInjection: this.options.faultInjection,
      isStopping: () => this.loop.isStopping,
      onOutcome: (outcome, _batch, startedAt) => this.observe(outcome, startedAt, true),
    });
    if (this.loop.isStopping) return;
    this.setPhase('live');
    // Caught up and subscribed: healthy, even if no event comes for a while.
    this.loop.progress();
    await this.follow(reached);
  }

  /** Builds (or resumes) a generation with this code and swaps it in. */
  private async rebuild(resume: number | null): Promise<void> {
    this.setPhase('rebuilding');
    const generation =
      resume ??
      (await this.deps.readStore.beginGeneration(this.schema, this.fingerprint)).generation;
    this.generation = generation;
    const result = await rebuildGeneration(this.projection, this.deps, generation, {
      batchSize: this.batchSize,
      faultInjection: this.options.faultInjection,
      isStopping: () => this.loop.isStopping,
      onOutcome: (outcome, _batch, startedAt) => this.observe(outcome, startedAt, false),
    });
    this.loop.advance(result.position);
  }

  /** Subscribes from `after`; settles when the subscription ends (resync, error or stop). */
  private follow(after: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.loop.isStopping) return resolve();
      const target = { kind: 'active', fingerprint: this.fingerprint } as const;
      this.subscription = this.deps.eventStore.subscribe(
        {
          after,
          batchSize: this.batchSize,
          onError: (error) => (error === RESYNC ? resolve() : reject(error)),
        },
        async (batch) => {
          const startedAt = performance.now();
          const outcome = await applyBatch(this.projection, this.deps.readStore, target, batch, {
            faultInjection: this.options.faultInjection,
          });
          this.observe(outcome, startedAt, true);
          if (outcome.checkpoint !== batch[batch.length - 1].position) throw RESYNC;
        },
      );
      // stop() stops the subscription; the loop then ends without calling onError.
      this.interrupt = resolve;
    }).finally(() => {
      this.subscription = null;
      this.interrupt = null;
    });
  }

  private observe(outcome: BatchOutcome, startedAt: number, active: boolean): void {
    this.generation = outcome.generation;
    this.position = outcome.checkpoint;
    if (outcome.kind === 'applied') {
      this.eventsApplied += outcome.events;
      this.rate.record(outcome.events, startedAt);
    }
    if (active) this.loop.advance(outcome.checkpoint);
    this.loop.progress();
  }
}
