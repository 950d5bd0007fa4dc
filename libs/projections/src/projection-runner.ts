import type { RecordedEvent, Subscription } from '@chidao/event-store';
import { applyBatch, type BatchOutcome, type ProjectionFaultInjection } from './apply-batch';
import { catchUp, type ProjectionDeps } from './catch-up';
import { projectionFingerprint } from './fingerprint';
import { PositionWaiters } from './position-waiters';
import {
  schemaOf,
  type DocumentProjection,
  type PositionedEvent,
  type ReadModelSchema,
} from './projection';
import { RateMeter } from './rate-meter';
import { ProjectionSupersededError } from './read-model-store.port';
import { rebuildGeneration } from './rebuild-projection';
import { RetryBackoff, type RecordedFailure } from './retry-backoff';

export type RunnerPhase =
  /** Not started yet. */
  | 'idle'
  /** The stored documents were built by other code: building a new generation to swap in. */
  | 'rebuilding'
  /** Reading the log with readAll towards the head. */
  | 'catching-up'
  /** Subscribed: applying appends as they come. */
  | 'live'
  /** The last attempt failed; waiting to try again. */
  | 'retrying'
  /** Another version of the code took the projection over; this runner will not write again. */
  | 'superseded'
  | 'stopped';

export type RunnerError = RecordedFailure;

export interface ProjectionStatus {
  readonly name: string;
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
  /** Kept after recovery, so an operator can see what happened; see consecutiveFailures. */
  readonly lastError: RunnerError | null;
}

export interface ProjectionRunnerOptions {
  /** Events per batch transaction (default 500). */
  readonly batchSize?: number;
  /** Back-off after a failure: doubles from `initialDelayMs` up to `maxDelayMs`. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Told about every failure (logging, metrics); the runner retries anyway. */
  readonly onError?: (error: unknown) => void;
  /** TEST ONLY, see ProjectionFaultInjection. */
  readonly faultInjection?: ProjectionFaultInjection;
}

/** Thrown from the subscription handler to restart it from the stored checkpoint. */
const RESYNC = new Error('resync: restart the subscription from the stored checkpoint');

/**
 * Keeps one projection's active generation up to date: catch up with readAll, then follow live
 * appends with subscribe. Each batch is one transaction of documents plus checkpoint (see
 * applyBatch). When the stored documents were built by other code (fingerprint), it first
 * rebuilds into a new generation and swaps it in; the old one serves queries until then.
 * A failure is recorded and retried with back-off, forever, from the stored checkpoint.
 */
export class ProjectionRunner<D, E extends PositionedEvent = RecordedEvent> {
  readonly fingerprint: string;
  private readonly schema: ReadModelSchema;
  private readonly batchSize: number;
  private readonly retry: RetryBackoff;
  private readonly rate = new RateMeter();
  private phase: RunnerPhase = 'idle';
  private generation: number | null = null;
  private position = 0;
  /** Checkpoint of the active generation: what queries see, and what waitFor waits on. */
  private activePosition = 0;
  private eventsApplied = 0;
  private readonly waiters = new PositionWaiters();
  private stopping = false;
  private done: Promise<void> | null = null;
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
    this.retry = new RetryBackoff(options);
  }

  get name(): string {
    return this.projection.name;
  }

  /** Starts the loop in the background; failures go to status and onError, never reject. */
  start(): this {
    if (this.done) return this;
    this.phase = 'catching-up';
    this.done = this.run();
    return this;
  }

  /** Stops at the next batch boundary (a batch in progress commits or rolls back first). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.retry.stop();
    // Let a batch in flight finish first, then end the following.
    await this.subscription?.stop();
    this.interrupt?.();
    await this.done;
    if (this.phase !== 'superseded') this.phase = 'stopped';
    this.waiters.rejectAll(new Error(`Runner ${this.name} stopped at ${this.activePosition}`));
  }

  /** Resolves once queries reflect every event up to `position`; rejects if the runner stops. */
  waitFor(position: number): Promise<void> {
    if (this.activePosition >= position) return Promise.resolve();
    if (this.stopping || this.phase === 'superseded' || this.phase === 'stopped') {
      return Promise.reject(new Error(`Runner ${this.name} is ${this.phase}`));
    }
    return this.waiters.waitFor(position);
  }

  async status(): Promise<ProjectionStatus> {
    const head = await this.deps.eventStore.headPosition();
    return {
      name: this.name,
      fingerprint: this.fingerprint,
      phase: this.phase,
      generation: this.generation,
      position: this.position,
      head,
      lag: Math.max(0, head - this.position),
      eventsPerSecond: this.rate.perSecond(),
      eventsApplied: this.eventsApplied,
      consecutiveFailures: this.retry.consecutiveFailures,
      lastError: this.retry.lastError,
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.cycle();
      } catch (error) {
        if (this.stopping) break;
        this.retry.recordFailure(error);
        if (error instanceof ProjectionSupersededError) {
          // Writing on would fight the other version (each rebuilding over the other's work).
          this.phase = 'superseded';
          this.waiters.rejectAll(error);
          return;
        }
        this.phase = 'retrying';
        await this.retry.backOff();
      }
    }
  }

  /** One attempt: rebuild if needed, catch up, follow; returns to be called again on resync. */
  private async cycle(): Promise<void> {
    const record =
      (await this.deps.readStore.projection(this.name)) ??
      (await this.deps.readStore.register(this.schema, this.fingerprint));
    if (record.fingerprint !== this.fingerprint) {
      await this.rebuild(
        record.pendingFingerprint === this.fingerprint ? record.pendingGeneration : null,
      );
      return;
    }
    this.phase = 'catching-up';
    const active = await this.deps.readStore.generation(this.name, record.activeGeneration);
    const from = active?.position ?? 0;
    this.generation = record.activeGeneration;
    this.position = from;
    this.advanceActive(from);
    const target = { kind: 'active', fingerprint: this.fingerprint } as const;
    const reached = await catchUp(this.projection, this.deps, target, from, {
      batchSize: this.batchSize,
      faultInjection: this.options.faultInjection,
      isStopping: () => this.stopping,
      onOutcome: (outcome, _batch, startedAt) => this.observe(outcome, startedAt, true),
    });
    if (this.stopping) return;
    this.phase = 'live';
    await this.follow(reached);
  }

  /** Builds (or resumes) a generation with this code and swaps it in. */
  private async rebuild(resume: number | null): Promise<void> {
    this.phase = 'rebuilding';
    const generation =
      resume ??
      (await this.deps.readStore.beginGeneration(this.schema, this.fingerprint)).generation;
    this.generation = generation;
    const result = await rebuildGeneration(this.projection, this.deps, generation, {
      batchSize: this.batchSize,
      faultInjection: this.options.faultInjection,
      isStopping: () => this.stopping,
      onOutcome: (outcome, _batch, startedAt) => this.observe(outcome, startedAt, false),
    });
    this.advanceActive(result.position);
  }

  /** Subscribes from `after`; settles when the subscription ends (resync, error or stop). */
  private follow(after: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
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
      this.retry.recordSuccess();
    }
    if (active) this.advanceActive(outcome.checkpoint);
  }

  private advanceActive(position: number): void {
    this.activePosition = position;
    this.waiters.advance(position);
  }
}
