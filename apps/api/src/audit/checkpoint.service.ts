import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  checkpointProblem,
  Checkpointer,
  FileWitness,
  HttpWitness,
  loadCheckpointKey,
  type CheckpointKeyPair,
  type CheckpointReason,
  type CheckpointWitness,
  type SignedCheckpoint,
} from '@chidao/audit';
import type { EventStore } from '@chidao/event-store';
import type { WorkerStatus } from '@chidao/workers';
import { CLOCK, type Clock } from '../common/clock';
import { nestWorkerLog } from '../common/nest-worker-log';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../infrastructure/event-store.providers';

/**
 * Signed checkpoints of the whole log, sent to the configured witnesses: on start, by count and
 * by time, after every report snapshot and on shutdown (docs/audit.md). Off when no signing key
 * is configured.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private checkpointer: Checkpointer | null = null;
  private key: CheckpointKeyPair | null = null;
  private fileWitness: FileWitness | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.checkpoints;
    if (settings === null) return;
    // Throws (and the API does not start) on a key inside the data directory or unreadable.
    const key = loadCheckpointKey(settings.signingKeyPath, this.config.dataDir);
    this.key = key;
    const witnesses: CheckpointWitness[] = [];
    if (settings.witnessFile !== null) {
      this.fileWitness = new FileWitness(settings.witnessFile);
      witnesses.push(this.fileWitness);
    }
    if (settings.witnessUrl !== null) witnesses.push(new HttpWitness(settings.witnessUrl));
    this.checkpointer = new Checkpointer({
      eventStore: this.eventStore,
      key,
      witnesses,
      previous: this.lastValidCheckpoint(),
      everyEvents: settings.everyEvents,
      everyMs: settings.everyMs,
      clock: this.clock,
      log: nestWorkerLog(this.logger),
      ...this.config.workers,
    }).start();
  }

  workerStatuses(): WorkerStatus[] {
    return this.checkpointer ? [this.checkpointer.status()] : [];
  }

  /**
   * A checkpoint now, for `reason` (a report snapshot was taken); null when checkpoints are off
   * or nothing was appended since the last one. A witness that fails is logged, not thrown: the
   * caller's work is done and the next checkpoint covers it again.
   */
  async take(reason: CheckpointReason): Promise<SignedCheckpoint | null> {
    if (!this.checkpointer) return null;
    try {
      return await this.checkpointer.take(reason);
    } catch (error) {
      this.logger.error(`Checkpoint (${reason}) not completed: ${String(error)}`);
      return null;
    }
  }

  /** What verification checks the log against: the witness file's checkpoints and the key. */
  verificationInput() {
    if (this.key === null || this.fileWitness === null) return undefined;
    return { records: this.fileWitness.read(), publicKey: this.key.publicKey };
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.checkpointer?.stop();
    } catch (error) {
      this.logger.error(`Shutdown checkpoint not completed: ${String(error)}`);
    }
  }

  /** The newest checkpoint of the witness file this key signed, to continue from. */
  private lastValidCheckpoint(): SignedCheckpoint | null {
    const records = this.fileWitness?.read() ?? [];
    for (let i = records.length - 1; i >= 0; i -= 1) {
      const record = records[i];
      if (record !== null && checkpointProblem(record, this.key!.publicKey) === null) return record;
    }
    return null;
  }
}
