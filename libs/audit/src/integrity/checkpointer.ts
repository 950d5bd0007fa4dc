import {
  EMPTY_LOG_DIGEST,
  LogDigester,
  type EventStore,
  type LogDigestState,
} from '@chidao/event-store';
import {
  timedLoop,
  workerOptionsOf,
  type WorkerLoop,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import {
  EVENT_HASH_PREFIX,
  keyIdOf,
  signCheckpoint,
  type CheckpointReason,
  type SignedCheckpoint,
} from './checkpoint';
import type { CheckpointKeyPair } from './checkpoint-key';
import type { CheckpointWitness } from './checkpoint-witness';

interface CheckpointerOptions extends WorkerOptions {
  readonly eventStore: EventStore;
  readonly key: CheckpointKeyPair;
  readonly witnesses: readonly CheckpointWitness[];
  /**
   * The newest checkpoint already sent (read back from the file witness), to continue from: only
   * the events since it are read. Without it the first checkpoint reads the log from position 0.
   */
  readonly previous?: SignedCheckpoint | null;
  /** A checkpoint once this many events were appended since the last one (default 1000). */
  readonly everyEvents?: number;
  /** A checkpoint once this long passed since the last one, if events were appended (15 min). */
  readonly everyMs?: number;
  /** How often the head is looked at (default 5 s): a count checkpoint is at most this late. */
  readonly pollMs?: number;
  readonly clock?: { now(): Date };
  readonly batchSize?: number;
  readonly onCheckpoint?: (checkpoint: SignedCheckpoint) => void;
}

/**
 * Takes signed checkpoints of the whole log and sends them to the witnesses: on start, after
 * every `everyEvents` appended events, every `everyMs` while events come in, when asked (a report
 * snapshot) and on stop. Each reads only the events since the previous checkpoint; appends are
 * untouched (the head is polled). Checkpoints of one checkpointer never overlap.
 */
export class Checkpointer {
  private last: LogDigestState;
  private lastAt: number;
  private running: Promise<unknown> = Promise.resolve();
  private readonly clock: { now(): Date };
  private readonly loop: WorkerLoop;

  constructor(private readonly options: CheckpointerOptions) {
    const previous = options.previous ?? null;
    this.last = previous
      ? { position: previous.position, digest: previous.logDigest }
      : { position: 0, digest: EMPTY_LOG_DIGEST };
    this.clock = options.clock ?? { now: () => new Date() };
    this.lastAt = previous ? Date.parse(previous.createdAt) : this.clock.now().getTime();
    let started = false;
    this.loop = timedLoop({
      name: 'checkpoints',
      ...workerOptionsOf(options),
      tick: async () => {
        const reason = started ? await this.dueReason() : 'start';
        started = true;
        await this.take(reason);
      },
      nextDelay: () => options.pollMs ?? 5000,
    });
  }

  /** The position and digest of the newest checkpoint taken (or continued from). */
  get covered(): LogDigestState {
    return this.last;
  }

  start(): this {
    this.loop.start();
    return this;
  }

  /** Stops the timer, then takes a last checkpoint of what was appended since the previous. */
  async stop(): Promise<SignedCheckpoint | null> {
    await this.loop.stop();
    return this.take('shutdown');
  }

  status(): WorkerStatus {
    return this.loop.status();
  }

  /** Why a checkpoint is due now (count first), or null when none is. */
  async dueReason(): Promise<CheckpointReason | null> {
    const appended = (await this.options.eventStore.headPosition()) - this.last.position;
    if (appended >= (this.options.everyEvents ?? 1000)) return 'count';
    const elapsed = this.clock.now().getTime() - this.lastAt;
    if (appended > 0 && elapsed >= (this.options.everyMs ?? 15 * 60 * 1000)) return 'time';
    return null;
  }

  /** Takes the checkpoint if one is due (what the timer does). */
  async tick(): Promise<SignedCheckpoint | null> {
    return this.take(await this.dueReason());
  }

  /**
   * A checkpoint of the log up to its head now, sent to every witness; null when nothing was
   * appended since the previous one (or `reason` is null). Serialised with the other calls.
   */
  take(reason: CheckpointReason | null): Promise<SignedCheckpoint | null> {
    const run = this.running.then(() => (reason ? this.takeNow(reason) : null));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async takeNow(reason: CheckpointReason): Promise<SignedCheckpoint | null> {
    const { eventStore, key, witnesses, batchSize } = this.options;
    const from = this.last;
    const head = await eventStore.headPosition();
    if (head < from.position) {
      throw new Error(
        `The log ends at ${head} but the last checkpoint covers up to ${from.position}: ` +
          'events were removed; no checkpoint is signed for this log',
      );
    }
    if (head === from.position) return null;

    const digester = new LogDigester(from);
    const prefixes: string[] = [];
    for await (const batch of eventStore.readAll({ after: from.position, upTo: head, batchSize })) {
      for (const event of batch) {
        digester.update(event);
        prefixes.push(event.hash.slice(0, EVENT_HASH_PREFIX));
      }
    }
    const folded = digester.result();
    if (!folded.contiguous || folded.position !== head) {
      throw new Error(
        `Positions ${from.position + 1}..${head} are not all present: no checkpoint is signed`,
      );
    }
    const now = this.clock.now();
    const checkpoint = signCheckpoint(
      {
        version: 1,
        position: head,
        logDigest: folded.digest,
        previousPosition: from.position,
        previousLogDigest: from.digest,
        eventHashes: prefixes.join(''),
        reason,
        createdAt: now.toISOString(),
        keyId: keyIdOf(key.publicKey),
      },
      key.privateKey,
    );
    // Advance first: the checkpoint is signed whatever a witness answers, and the next one
    // continues from it; a failing witness is reported (the loop backs off and logs it).
    this.last = { position: head, digest: folded.digest };
    this.lastAt = now.getTime();
    const sent = await Promise.allSettled(witnesses.map((w) => w.send(checkpoint)));
    this.options.onCheckpoint?.(checkpoint);
    const failed = sent.flatMap((result, i) =>
      result.status === 'rejected' ? [`${witnesses[i].label}: ${String(result.reason)}`] : [],
    );
    if (failed.length > 0) {
      throw new Error(`Checkpoint at ${head} not received by ${failed.join('; ')}`);
    }
    return checkpoint;
  }
}
