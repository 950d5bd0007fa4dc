/**
 * The outbox relay: publishes every stored event, in log order, to one Kafka topic. The log is
 * the outbox (events are stored once, by the append); the relay follows it with a subscription
 * from its own checkpoint and, for each batch:
 *
 * 1. sends the events with an idempotent producer, one request in flight, acks from all
 *    replicas: within a partition they land once each, in log order;
 * 2. sends a watermark (the batch's last position) to every partition, once the events are
 *    acknowledged;
 * 3. stores the batch's last position as its checkpoint (with its lease, in one transaction).
 *
 * A crash or an outage anywhere in between means the batch is sent again from the checkpoint:
 * duplicates, never a gap; consumers skip what they already have. Failures are retried with
 * back-off, never skipping (a broker outage for as long as it lasts; the same other failure again
 * and again stops the relay as `failed`, see @chidao/workers). One relay per topic publishes (see
 * RelayLease).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore, StoredEvent, Subscription } from '@chidao/event-store';
import type { ReadModelStore } from '@chidao/projections';
import {
  WorkerLoop,
  workerOptionsOf,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { encodeEvent, encodeWatermark } from './event-message';
import { ensureLogTopic, type LogTopicOptions } from './log-topic';
import { relayCheckpoint, relayCheckpointName, RELAY_TARGET } from './relay-checkpoint';
import { LeaseLostError, RelayLease } from './relay-lease';

type RelayPhase =
  | 'idle'
  /** Another relay holds the lease; this one takes over when it expires or is released. */
  | 'standby'
  /** Holding the lease: reaching the broker, creating the topic if missing. */
  | 'connecting'
  /** Holding the lease: catching up with the log, then following appends. */
  | 'publishing'
  | 'stopped';

export interface RelayStatus {
  readonly topic: string;
  /** The loop's view, the same for every worker: state, failures, reason, last progress. */
  readonly worker: WorkerStatus;
  readonly phase: RelayPhase;
  /** This relay's lease owner id, and whose lease it is (null: nobody's, as far as it knows). */
  readonly owner: string;
  readonly leaseHolder: string | null;
  /** Partitions of the topic (null until connected). */
  readonly partitions: number | null;
  /** Checkpoint: every event up to here was acknowledged by Kafka. */
  readonly position: number;
  readonly head: number;
  readonly lag: number;
  /** Events published by this relay since it started (republished ones included). */
  readonly published: number;
  readonly consecutiveFailures: number;
  /** The failure it is retrying after (null once it publishes again). */
  readonly lastError: WorkerStatus['lastError'];
}

export interface OutboxRelayOptions extends LogTopicOptions, WorkerOptions {
  readonly eventStore: EventStore;
  /** Keeps the relay's checkpoint and lease: the deployment's read-model store. */
  readonly readStore: ReadModelStore;
  readonly kafka: Kafka;
  /** Events read and published per batch (default 500). */
  readonly batchSize?: number;
  readonly lease?: {
    /** Who this relay is in the lease (default host, pid and a random id). */
    readonly owner?: string;
    /** Default 15 s; renewed every third of it. */
    readonly ttlMs?: number;
  };
  /**
   * TEST ONLY: called after a batch (events and watermarks) was acknowledged by Kafka and before
   * the checkpoint is stored; the relay waits for the returned promise.
   */
  readonly afterPublish?: (batch: { from: number; to: number }) => Promise<void> | void;
}

/** A request well under the broker's default message.max.bytes (1 MiB) whatever the batch. */
const MAX_REQUEST_BYTES = 512 * 1024;

export class OutboxRelay {
  readonly topic: string;
  readonly owner: string;
  private readonly name: string;
  private readonly lease: RelayLease;
  private readonly batchSize: number;
  private readonly loop: WorkerLoop;
  private phase: RelayPhase = 'idle';
  private partitions: number | null = null;
  private published = 0;
  private leaseHolder: string | null = null;
  private producer: Producer | null = null;
  private subscription: Subscription | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Ends the following of the log: on stop, or when the heartbeat finds the lease lost. */
  private interrupt: ((error?: Error) => void) | null = null;

  constructor(private readonly options: OutboxRelayOptions) {
    this.topic = options.topic;
    this.name = relayCheckpointName(options.topic);
    this.owner = options.lease?.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new RelayLease(
      options.readStore,
      this.name,
      this.owner,
      options.lease?.ttlMs ?? 15_000,
    );
    this.batchSize = options.batchSize ?? 500;
    this.loop = new WorkerLoop(
      {
        name: `relay ${options.topic}`,
        kind: 'relay',
        ...workerOptionsOf(options),
      },
      {
        cycle: () => this.cycle(),
        interrupt: async () => {
          await this.subscription?.stop();
          this.interrupt?.();
        },
        cleanup: async () => {
          await this.disconnect();
          // Hand over at once rather than make a standby relay wait for the expiry.
          if (this.leaseHolder === this.owner) await this.lease.release().catch(() => undefined);
        },
      },
    );
  }

  /** Starts the loop in the background; failures go to status and the log, never reject. */
  start(): this {
    this.loop.start();
    return this;
  }

  /** Stops after the batch in flight (published and checkpointed, or not at all) and hands over. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.setPhase('stopped');
  }

  /** Resolves once Kafka acknowledged every event up to `position`; rejects if the relay stops. */
  waitFor(position: number): Promise<void> {
    return this.loop.waitFor(position);
  }

  /** The loop's status alone: no store read (for /metrics and /ready). */
  workerStatus(): WorkerStatus {
    return this.loop.status();
  }

  async status(): Promise<RelayStatus> {
    const head = await this.options.eventStore.headPosition();
    const worker = this.loop.status();
    const position = this.loop.currentPosition;
    return {
      topic: this.topic,
      worker,
      phase: this.phase,
      owner: this.owner,
      leaseHolder: this.leaseHolder,
      partitions: this.partitions,
      position,
      head,
      lag: Math.max(0, head - position),
      published: this.published,
      consecutiveFailures: worker.consecutiveFailures,
      lastError: worker.lastError,
    };
  }

  private setPhase(phase: RelayPhase): void {
    this.phase = phase;
    this.loop.setPhase(phase);
  }

  /** One go: standby until the lease is ours, then publish until stopped, lease lost or a failure. */
  private async cycle(): Promise<void> {
    try {
      await this.publishWhileLeased();
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.leaseHolder = error.holder; // back to standby: not a failure
    } finally {
      await this.disconnect();
    }
  }

  private async publishWhileLeased(): Promise<void> {
    for (;;) {
      // In standby too, so status() shows how far the publishing relay got.
      this.loop.advance(await relayCheckpoint(this.options.readStore, this.topic));
      const lease = await this.lease.claim();
      this.leaseHolder = lease.owner;
      if (lease.held) break;
      if (this.phase !== 'standby') {
        this.options.log?.info(
          { worker: this.loop.name, leaseHolder: lease.owner },
          `${this.loop.name}: standing by, ${lease.owner ?? 'another relay'} publishes`,
        );
      }
      this.setPhase('standby');
      this.loop.progress();
      // Often enough to take over soon after a release, at one small read per second at most.
      await this.loop.pause(Math.min(this.lease.ttlMs / 3, 1_000));
      if (this.loop.isStopping) return;
    }
    this.setPhase('connecting');
    this.partitions = await ensureLogTopic(this.options.kafka, this.options);
    this.producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    // Read again under the lease: a relay that held it before may have moved it meanwhile.
    const from = await relayCheckpoint(this.options.readStore, this.topic);
    this.loop.advance(from);
    this.startHeartbeat();
    this.setPhase('publishing');
    this.options.log?.info(
      { worker: this.loop.name, from },
      `${this.loop.name}: publishing to ${this.topic} from position ${from}`,
    );
    this.loop.progress();
    await this.follow(from);
  }

  private follow(after: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.loop.isStopping) return resolve();
      this.interrupt = (error) => (error === undefined ? resolve() : reject(error));
      this.subscription = this.options.eventStore.subscribe(
        { after, batchSize: this.batchSize, onError: reject },
        (batch) => this.publish(batch),
      );
    }).finally(async () => {
      this.interrupt = null;
      // Never leave a subscription publishing behind the next cycle's.
      await this.subscription?.stop();
      this.subscription = null;
    });
  }

  private async publish(batch: readonly StoredEvent[]): Promise<void> {
    const producer = this.producer;
    const partitions = this.partitions;
    if (!producer || partitions === null) throw new Error('Relay is not connected');
    const from = batch[0].position;
    const to = batch[batch.length - 1].position;
    for (const messages of chunks(batch.map(encodeEvent))) {
      await producer.send({ topic: this.topic, acks: -1, messages });
    }
    // After the events are acknowledged: a watermark never overtakes an event it covers.
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: Array.from({ length: partitions }, (_, p) => encodeWatermark(to, p)),
    });
    this.published += batch.length;
    await this.options.afterPublish?.({ from, to });
    await this.options.readStore.transaction(this.name, RELAY_TARGET, async (tx) => {
      const lease = await this.lease.claimIn(tx);
      if (!lease.held) throw new LeaseLostError(this.topic, lease.owner);
      if (to > tx.generation.position) await tx.setCheckpoint(to);
    });
    this.loop.advance(to);
    this.loop.progress();
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      this.lease.claim().then(
        (lease) => {
          this.leaseHolder = lease.owner;
          if (!lease.held) this.interrupt?.(new LeaseLostError(this.topic, lease.owner));
        },
        // The store is unreachable: the next checkpoint fails too, and says so.
        () => undefined,
      );
    }, this.lease.ttlMs / 3);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async disconnect(): Promise<void> {
    this.stopHeartbeat();
    const producer = this.producer;
    this.producer = null;
    // A producer that went through an outage starts afresh (new connection, new producer id).
    await producer?.disconnect().catch(() => undefined);
  }
}

/** Consecutive requests of at most MAX_REQUEST_BYTES of values, in order. */
function chunks(messages: readonly Message[]): Message[][] {
  const out: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.value as string);
    if (current.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
