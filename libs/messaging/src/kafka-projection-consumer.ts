/**
 * A projection fed from the log topic instead of the store: a kafkajs consumer in the group
 * `chidao-projections-<projection>`, so the instances of a deployment share the partitions (at
 * most one instance per partition does work). For each partition batch:
 *
 * 1. applyPartitionBatch in one read-model transaction: documents, the partition's source
 *    checkpoint and the generation's position (the complete prefix of the log) together;
 * 2. then the Kafka offsets are committed.
 *
 * A process that dies between the two gets the batch again (this instance after a restart, or
 * another after the rebalance) and skips it by the source checkpoint: exactly once in effect.
 * Offsets only save re-reading; the source checkpoints are the truth. So a partition the current
 * generation has no checkpoint for (a new generation, a generation built from the store) is read
 * from the start of the topic once, whatever the group committed for an older one.
 */
import { decodeEvent, readDomainEvents, type EventStore } from '@chidao/event-store';
import {
  applyPartitionBatch,
  assertPartitionable,
  GenerationGoneError,
  NotPartitionableError,
  projectionFingerprint,
  ProjectionSupersededError,
  RateMeter,
  rebuildGeneration,
  schemaOf,
  unlessSuperseded,
  type DocumentProjection,
  type PartitionBatchOutcome,
  type PartitionEntry,
  type ProjectionFaultInjection,
  type ReadModelStore,
  type WriteTarget,
} from '@chidao/projections';
import {
  WorkerLoop,
  workerOptionsOf,
  type CycleEnd,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { decodeMessage, MessageFormatError, type RelayMessage } from './event-message';
import {
  ensureLogTopic,
  partitionSource,
  partitionSources,
  type LogTopicOptions,
} from './log-topic';

type ConsumerPhase =
  | 'idle'
  /** The stored documents were built by other code: rebuilding from the store first. */
  | 'rebuilding'
  /** Reaching the broker and joining the group. */
  | 'connecting'
  /** In the group, applying what its partitions deliver. */
  | 'consuming'
  /** Other code owns the read model and no event store was given to rebuild: not writing. */
  | 'superseded'
  | 'stopped';

export interface ConsumerStatus {
  readonly projection: string;
  /** The loop's view, the same for every worker: state, failures, reason, last progress. */
  readonly worker: WorkerStatus;
  readonly groupId: string;
  readonly topic: string;
  readonly phase: ConsumerPhase;
  readonly generation: number | null;
  /** The generation's position as last seen: every event up to it is in the documents. */
  readonly position: number;
  /** Partitions this instance was last assigned. */
  readonly partitions: readonly number[];
  readonly eventsApplied: number;
  /** Events delivered again (relay restarts, redeliveries) and skipped. */
  readonly duplicatesSkipped: number;
  /** Applied events per second over the last 10 s. */
  readonly eventsPerSecond: number;
  readonly consecutiveFailures: number;
  /** The failure it is retrying after (null once it applies a batch again). */
  readonly lastError: WorkerStatus['lastError'];
}

/** What happened to one partition batch, for tests and metrics. */
export interface AppliedBatch {
  readonly partition: number;
  readonly firstOffset: string;
  readonly lastOffset: string;
  readonly outcome: PartitionBatchOutcome;
}

export interface KafkaProjectionConsumerOptions<D> extends LogTopicOptions, WorkerOptions {
  readonly projection: DocumentProjection<D>;
  readonly readStore: ReadModelStore;
  readonly kafka: Kafka;
  /** Default `chidao-projections-<projection>`. */
  readonly groupId?: string;
  /**
   * Lets the consumer rebuild from the store when the stored documents were built by other code
   * (the topic may no longer hold the whole log). Without it, it waits in `superseded`.
   */
  readonly eventStore?: EventStore;
  /** Messages per read-model transaction (default 500): a large fetch is applied in slices. */
  readonly batchSize?: number;
  /** Group membership timing (default: the client's, see kafkaClient and CHIDAO_KAFKA_*). */
  readonly sessionTimeout?: number;
  readonly heartbeatInterval?: number;
  /**
   * How long a fetch waits for messages (kafkajs default 5 s). A member only rejoins a rebalance
   * between fetches, so this bounds how long a scale-out or a departure stalls the group.
   */
  readonly maxWaitTimeInMs?: number;
  /** How often waitFor reads the stored position (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** TEST ONLY, see ProjectionFaultInjection. */
  readonly faultInjection?: ProjectionFaultInjection;
  /**
   * TEST ONLY: called after a batch's read-model transaction committed and before its offsets
   * are committed; the consumer waits for the returned promise (a child blocks here to be
   * killed, a test throws here to lose the offset commit).
   */
  readonly afterApply?: (batch: AppliedBatch) => Promise<void> | void;
}

/** Errors that retrying the same batch cannot fix: the consumer stops as `failed` on them. */
const isFatal = (error: unknown): boolean =>
  error instanceof ProjectionSupersededError ||
  error instanceof MessageFormatError ||
  error instanceof NotPartitionableError;

export class KafkaProjectionConsumer<D> {
  readonly groupId: string;
  readonly fingerprint: string;
  private readonly batchSize: number;
  private readonly loop: WorkerLoop;
  private readonly pollIntervalMs: number;
  private readonly rate = new RateMeter();
  private phase: ConsumerPhase = 'idle';
  private generation: number | null = null;
  private sources: string[] = [];
  private assigned: number[] = [];
  /** `<generation>:<partition>` known to have a source checkpoint (or read from the start). */
  private readonly placed = new Set<string>();
  private eventsApplied = 0;
  private duplicatesSkipped = 0;
  private consumer: Consumer | null = null;
  private poller: NodeJS.Timeout | null = null;
  private interrupt: ((error?: Error) => void) | null = null;

  constructor(private readonly options: KafkaProjectionConsumerOptions<D>) {
    assertPartitionable(options.projection);
    this.groupId = options.groupId ?? `chidao-projections-${options.projection.name}`;
    this.fingerprint = projectionFingerprint(options.projection);
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.loop = new WorkerLoop(
      {
        name: `consumer ${options.projection.name}`,
        kind: 'consumer',
        ...workerOptionsOf(options),
        failurePolicy: { isFatal: (error) => isFatal(rootCause(error)), ...options.failurePolicy },
      },
      {
        cycle: () => this.cycle(),
        interrupt: () => this.interrupt?.(),
        cleanup: async () => {
          await this.disconnect();
          this.stopPolling();
        },
      },
    );
  }

  get name(): string {
    return this.options.projection.name;
  }

  /** Starts in the background; failures go to status and the log, never reject. */
  start(): this {
    this.loop.start();
    return this;
  }

  /** Leaves the group after the batch in flight (applied and committed, or neither). */
  async stop(): Promise<void> {
    await this.loop.stop();
    if (this.phase !== 'superseded') this.setPhase('stopped');
    this.stopPolling();
  }

  /**
   * Resolves once queries reflect every event up to `position` (the generation's stored
   * position, whichever instance of the group got it there); rejects if this consumer stops.
   */
  waitFor(position: number): Promise<void> {
    const waiting = this.loop.waitFor(position);
    if (this.loop.waiting > 0) this.startPolling();
    return waiting;
  }

  /** The loop's status alone (for /metrics and /ready). */
  workerStatus(): WorkerStatus {
    return this.loop.status();
  }

  status(): ConsumerStatus {
    const worker = this.loop.status();
    return {
      projection: this.name,
      worker,
      groupId: this.groupId,
      topic: this.options.topic,
      phase: this.phase,
      generation: this.generation,
      position: this.loop.currentPosition,
      partitions: [...this.assigned],
      eventsApplied: this.eventsApplied,
      duplicatesSkipped: this.duplicatesSkipped,
      eventsPerSecond: this.rate.perSecond(),
      consecutiveFailures: worker.consecutiveFailures,
      lastError: worker.lastError,
    };
  }

  private setPhase(phase: ConsumerPhase): void {
    this.phase = phase;
    this.loop.setPhase(phase);
  }

  /** One membership: ready the read model, join the group, consume until stop or a crash. */
  private async cycle(): Promise<CycleEnd> {
    try {
      // Newer code took the read model over (or, without an event store to rebuild from, other
      // code holds it): the consumer ends.
      return await unlessSuperseded(
        () => this.membership(),
        () => this.setPhase('superseded'),
      );
    } finally {
      await this.disconnect();
    }
  }

  private async membership(): Promise<void> {
    await this.readyReadModel();
    if (this.loop.isStopping) return;
    this.setPhase('connecting');
    const partitions = await ensureLogTopic(this.options.kafka, this.options);
    this.sources = partitionSources(this.options.topic, partitions);
    const consumer = this.options.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      ...(this.options.sessionTimeout ? { sessionTimeout: this.options.sessionTimeout } : {}),
      ...(this.options.heartbeatInterval
        ? { heartbeatInterval: this.options.heartbeatInterval }
        : {}),
      ...(this.options.maxWaitTimeInMs ? { maxWaitTimeInMs: this.options.maxWaitTimeInMs } : {}),
      // kafkajs restarts the consumer on anything else by itself.
      retry: { restartOnFailure: (error) => Promise.resolve(!isFatal(rootCause(error))) },
    });
    this.consumer = consumer;
    const ended = new Promise<void>((resolve, reject) => {
      this.interrupt = (error) => (error === undefined ? resolve() : reject(error));
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(rootCause(payload.error));
        else this.loop.recordFailure(payload.error);
      });
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assigned = [...(payload.memberAssignment[this.options.topic] ?? [])].sort(
        (a, b) => a - b,
      );
      this.options.log?.info(
        { worker: this.loop.name, group: this.groupId, partitions: this.assigned },
        `${this.loop.name}: joined group ${this.groupId}, partitions [${this.assigned.join(', ')}]`,
      );
      // In the group again: healthy, whether or not its partitions have anything new.
      this.loop.progress();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    this.setPhase('consuming');
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consume(payload),
    });
    if (this.loop.isStopping) this.interrupt?.();
    try {
      await ended;
    } finally {
      this.interrupt = null;
    }
  }

  /**
   * Registers the projection. On the first start only, rebuilds from the store when other code
   * built the stored documents (later, that means newer code took over: superseded).
   */
  private async readyReadModel(): Promise<void> {
    const { projection, readStore, eventStore } = this.options;
    const record = await readStore.register(schemaOf(projection), this.fingerprint);
    if (record.fingerprint !== this.fingerprint && eventStore && this.generation === null) {
      this.setPhase('rebuilding');
      const generation =
        record.pendingFingerprint === this.fingerprint && record.pendingGeneration !== null
          ? record.pendingGeneration
          : (await readStore.beginGeneration(schemaOf(projection), this.fingerprint)).generation;
      await rebuildGeneration(
        projection,
        { eventStore: readDomainEvents(eventStore), readStore },
        generation,
        {
          isStopping: () => this.loop.isStopping,
        },
      );
    }
    await this.resolveGeneration();
  }

  /**
   * The active generation, which batches then target by number: if a swap replaces it, the next
   * batch fails (GenerationGoneError) and is delivered again once this is resolved anew, so no
   * partition continues into a new generation from an offset read for the old one.
   */
  private async resolveGeneration(): Promise<number> {
    const { projection, readStore } = this.options;
    const record = await readStore.projection(projection.name);
    if (record && record.fingerprint !== this.fingerprint) {
      throw new ProjectionSupersededError(projection.name, this.fingerprint, record.fingerprint);
    }
    const generation = record
      ? await readStore.generation(projection.name, record.activeGeneration)
      : null;
    if (!record || !generation)
      throw new GenerationGoneError(projection.name, this.generation ?? 0);
    this.generation = generation.generation;
    this.advance(generation.position);
    return generation.generation;
  }

  private get target(): WriteTarget {
    return { kind: 'generation', generation: this.generation! };
  }

  private async consume(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    try {
      if (!(await this.placeAtStart(payload))) return;
      for (let start = 0; start < batch.messages.length; start += this.batchSize) {
        if (!payload.isRunning() || payload.isStale()) return;
        await this.apply(payload, batch.messages.slice(start, start + this.batchSize));
      }
    } catch (error) {
      // kafkajs delivers the batch again by itself: count it, so a poison batch ends the worker.
      this.loop.recordFailure(error);
      // kafkajs delivers the batch again; it then goes to the generation active by then.
      if (error instanceof GenerationGoneError) await this.resolveGeneration();
      throw error;
    }
  }

  /**
   * A partition the generation has no checkpoint for is read from the start of the topic, not
   * from the group's offset, which may be an older generation's progress. Returns false when it
   * moved the partition there (this batch is dropped; the next fetch starts at the beginning).
   */
  private async placeAtStart(payload: EachBatchPayload): Promise<boolean> {
    const { partition } = payload.batch;
    const key = `${this.generation}:${partition}`;
    if (this.placed.has(key)) return true;
    const source = partitionSource(this.options.topic, partition);
    const known = await this.options.readStore.transaction(this.name, this.target, async (tx) =>
      (await tx.sourceCheckpoints()).has(source),
    );
    this.placed.add(key);
    if (known || payload.batch.firstOffset() === '0') return true;
    this.consumer!.seek({ topic: this.options.topic, partition, offset: '0' });
    return false;
  }

  private async apply(payload: EachBatchPayload, messages: readonly KafkaMessage[]) {
    const { batch } = payload;
    const startedAt = performance.now();
    const outcome = await applyPartitionBatch(
      this.options.projection,
      this.options.readStore,
      this.target,
      {
        source: partitionSource(this.options.topic, batch.partition),
        sources: this.sources,
        entries: messages.map((message) => partitionEntryOf(decodeMessage(message))),
      },
      { faultInjection: this.options.faultInjection },
    );
    const firstOffset = messages[0].offset;
    const lastOffset = messages[messages.length - 1].offset;
    await this.options.afterApply?.({
      partition: batch.partition,
      firstOffset,
      lastOffset,
      outcome,
    });
    const next = String(BigInt(lastOffset) + 1n);
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
    });
    payload.resolveOffset(lastOffset);
    await payload.heartbeat();

    this.eventsApplied += outcome.events;
    this.duplicatesSkipped += outcome.duplicates;
    if (outcome.events > 0) this.rate.record(outcome.events, startedAt);
    this.advance(outcome.checkpoint);
    this.loop.progress();
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    this.assigned = [];
    await consumer?.disconnect().catch(() => undefined);
  }

  private advance(position: number): void {
    this.loop.advance(position);
    if (this.loop.waiting === 0) this.stopPolling();
  }

  /** Other instances move the position too: read it while someone waits. */
  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => {
      this.options.readStore
        .documents(this.name)
        .position()
        .then(
          (position) => this.advance(position),
          () => undefined,
        );
    }, this.pollIntervalMs);
    this.poller.unref();
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }
}

/** kafkajs wraps what a handler threw (retries exceeded): the original error decides. */
function rootCause(error: unknown): unknown {
  let current = error as { cause?: unknown; originalError?: unknown } | null;
  while (current && typeof current === 'object') {
    const inner = current.originalError ?? current.cause;
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** What a partition delivers, as the projection reads it: events decoded like the log's readers. */
const partitionEntryOf = (message: RelayMessage): PartitionEntry =>
  message.kind === 'event' ? { kind: 'event', event: decodeEvent(message.event) } : message;
