import {
  failureKey,
  failurePolicy,
  messageOf,
  type FailurePolicy,
  type FailureVerdict,
} from './failure-policy';
import { PositionWaiters } from './position-waiters';
import { RetryBackoff, type RetryOptions } from './retry-backoff';
import type { WorkerLog } from './worker-log';
import type { RecordedFailure, WorkerKind, WorkerState, WorkerStatus } from './worker-status';

export interface WorkerLoopOptions {
  /** Unique in the process: `projection tasks`, `relay chidao-log`, `scheduler reports`. */
  readonly name: string;
  readonly kind: WorkerKind;
  readonly retry?: RetryOptions;
  readonly failurePolicy?: Partial<FailurePolicy>;
  /** Where starts, failures, recoveries, failing and stopping are said (default: nowhere). */
  readonly log?: WorkerLog;
  /** Told about every failure (tests, metrics); the loop decides what to do anyway. */
  readonly onError?: (error: unknown) => void;
}

/** What the owner of a worker sets: how it retries, when it gives up, where it says so. */
export type WorkerOptions = Pick<WorkerLoopOptions, 'retry' | 'failurePolicy' | 'log' | 'onError'>;

/** Just the WorkerOptions of a larger options object (a runner's, a relay's…). */
export const workerOptionsOf = ({
  retry,
  failurePolicy,
  log,
  onError,
}: WorkerOptions): WorkerOptions => ({ retry, failurePolicy, log, onError });

/** What a cycle may return: nothing (run the next cycle), or that the worker's work is over. */
export type CycleEnd = void | { readonly done: string };

export interface WorkerBody {
  /**
   * One attempt at the worker's work, run again and again until stop: connect, catch up, follow.
   * It throws on failure (the loop backs off and calls it again) and returns when it wants to
   * be called again at once; `{ done: why }` ends the worker as `stopped`.
   */
  cycle(): Promise<CycleEnd>;
  /** Ends a cycle in progress soon (stop a subscription, leave a group); stop() calls it. */
  interrupt?(): void | Promise<void>;
  /** Runs once when the loop is over, whichever way (disconnect, release a lease). */
  cleanup?(): Promise<void>;
}

/** The longest wait between attempts while a server is away (see retryDelay). */
const TRANSIENT_MAX_DELAY_MS = 5_000;

interface FailureStreak {
  readonly key: string;
  readonly position: number | null;
  count: number;
}

/**
 * The loop every background worker runs (projection runners, the outbox relay, Kafka consumers,
 * the report and anchor schedulers): start and stop, waiting for a position, retry with
 * back-off, and the failure policy (see failure-policy.ts). The worker supplies one cycle of its
 * work and reports progress; the loop owns the rest, so each worker's status means the same.
 */
export class WorkerLoop {
  readonly name: string;
  readonly kind: WorkerKind;
  private readonly policy: FailurePolicy;
  private readonly backoff: RetryBackoff;
  private readonly waiters = new PositionWaiters();
  private state: WorkerState = 'idle';
  private phase = 'idle';
  private position: number | null = null;
  private lastProgressAt: Date | null = null;
  private failures = 0;
  private lastError: RecordedFailure | null = null;
  private streak: FailureStreak | null = null;
  private reason: string | null = null;
  private stopping = false;
  private done: Promise<void> | null = null;
  private interruptCycle: (() => void) | null = null;

  constructor(
    private readonly options: WorkerLoopOptions,
    private readonly body: WorkerBody,
  ) {
    this.name = options.name;
    this.kind = options.kind;
    this.policy = failurePolicy(options.failurePolicy);
    this.backoff = new RetryBackoff(options.retry);
  }

  /** Starts the loop in the background; failures go to the status and the log, never reject. */
  start(): void {
    if (this.done) return;
    this.state = 'running';
    this.options.log?.info({ worker: this.name }, `${this.name}: started`);
    this.done = this.run();
  }

  /** Stops after the work in flight (the cycle's interrupt decides how soon) and cleans up. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.backoff.stop();
      await this.body.interrupt?.();
    }
    await this.done;
    if (this.state !== 'failed' && this.reason === null) this.state = 'stopped';
    this.waiters.rejectAll(new Error(`${this.name} stopped at ${this.position ?? 0}`));
  }

  /** True once stop() was called or the loop ended: a cycle should return soon. */
  get isStopping(): boolean {
    return this.stopping || this.state === 'failed' || this.state === 'stopped';
  }

  get currentState(): WorkerState {
    return this.state;
  }

  get currentPosition(): number {
    return this.position ?? 0;
  }

  setPhase(phase: string): void {
    this.phase = phase;
  }

  /** A wait that stop() cuts short (a scheduler's sleep, a standby's poll). */
  pause(ms: number): Promise<void> {
    return this.backoff.pause(ms);
  }

  /**
   * The worker got something done (a batch applied, a connection made, a tick through): it is
   * healthy again. A streak of identical failures survives only progress that did not move the
   * position (connecting again before the same poison batch fails again).
   */
  progress(): void {
    if (this.failures > 0) {
      this.options.log?.info(
        { worker: this.name, failures: this.failures },
        `${this.name}: recovered after ${this.failures} failure(s); last was: ${this.lastError?.message}`,
      );
    }
    this.failures = 0;
    this.lastError = null;
    this.lastProgressAt = new Date();
    if (this.state === 'retrying') this.state = 'running';
    if (this.streak && (this.position === null || this.streak.position !== this.position)) {
      this.streak = null;
    }
  }

  /** Moves the position waiters see (never back). */
  advance(position: number): void {
    this.position = Math.max(this.position ?? 0, position);
    this.waiters.advance(this.position);
  }

  /** Resolves once the position reaches `position`; rejects if the worker stops or fails. */
  waitFor(position: number): Promise<void> {
    if ((this.position ?? 0) >= position) return Promise.resolve();
    if (this.isStopping) {
      return Promise.reject(new Error(`${this.name} is ${this.state}${this.reasonSuffix()}`));
    }
    return this.waiters.waitFor(position);
  }

  /** How many are waiting (a worker polls a shared position only while someone waits). */
  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * A failure seen outside a cycle's throw (a client retrying a batch by itself). Counts like
   * one: when the policy gives up, the cycle is interrupted and the worker ends as `failed`.
   */
  recordFailure(error: unknown): FailureVerdict {
    const verdict = this.judge(error);
    if (verdict === 'fail') this.interruptCycle?.();
    return verdict;
  }

  status(): WorkerStatus {
    return {
      name: this.name,
      kind: this.kind,
      state: this.state,
      phase: this.phase,
      position: this.position,
      lastProgressAt: this.lastProgressAt?.toISOString() ?? null,
      consecutiveFailures: this.failures,
      lastError: this.lastError && {
        message: this.lastError.message,
        at: this.lastError.at,
        transient: this.lastError.transient,
      },
      reason: this.reason,
    };
  }

  private async run(): Promise<void> {
    try {
      while (!this.isStopping) {
        try {
          const end = await this.cycleUntilInterrupted();
          if (end) {
            this.end('stopped', end.done);
            this.options.log?.warn({ worker: this.name }, `${this.name}: ended: ${end.done}`);
            return;
          }
        } catch (error) {
          if (this.state === 'failed') break;
          // Recorded even while stopping: a tick that stop() waited for may have failed.
          if (this.judge(error) === 'fail' || this.stopping) break;
          await this.backoff.pause(this.retryDelay());
        }
      }
    } finally {
      await this.body
        .cleanup?.()
        .catch((error: unknown) =>
          this.options.log?.warn(
            { worker: this.name },
            `${this.name}: cleaning up failed: ${messageOf(error)}`,
          ),
        );
      if (this.stopping && this.state !== 'failed') {
        this.state = 'stopped';
        this.options.log?.info(
          { worker: this.name },
          `${this.name}: stopped at position ${this.position ?? '-'}`,
        );
      }
    }
  }

  /** The cycle, or as soon as the policy gives up on a failure recorded from outside it. */
  private cycleUntilInterrupted(): Promise<CycleEnd> {
    const interrupted = new Promise<CycleEnd>((resolve) => {
      this.interruptCycle = () => resolve();
    });
    return Promise.race([this.body.cycle(), interrupted]).finally(() => {
      this.interruptCycle = null;
    });
  }

  /** Records a failure and applies the policy; ends the worker when it gives up. */
  private judge(error: unknown): FailureVerdict {
    this.failures += 1;
    const transient = this.policy.isTransient(error);
    const message = messageOf(error);
    this.lastError = { message, at: new Date().toISOString(), transient, error };
    try {
      this.options.onError?.(error);
    } catch {
      // a failing reporter must not stop the loop
    }
    if (this.policy.isFatal(error)) {
      this.fail(`${message} (retrying cannot fix this)`);
      return 'fail';
    }
    if (this.state === 'running') this.state = 'retrying';
    if (transient) {
      this.logFailure(message, 'transient');
      return 'transient';
    }
    const key = failureKey(error);
    if (this.streak && this.streak.key === key && this.streak.position === this.position) {
      this.streak.count += 1;
    } else {
      this.streak = { key, position: this.position, count: 1 };
    }
    if (this.streak.count >= this.policy.maxIdenticalFailures) {
      const where = this.position === null ? '' : ` at position ${this.position}`;
      this.fail(`the same failure ${this.streak.count} times in a row${where}: ${message}`);
      return 'fail';
    }
    this.logFailure(message, 'retry');
    return 'retry';
  }

  private logFailure(message: string, verdict: 'transient' | 'retry'): void {
    const delay = this.retryDelay();
    this.options.log?.warn(
      { worker: this.name, failures: this.failures, retryInMs: delay },
      `${this.name}: failed (${this.failures} in a row${verdict === 'transient' ? ', transient' : ''}), ` +
        `retrying in ${delay} ms: ${message}`,
    );
  }

  /**
   * The back-off before the next attempt. While a server is away it never exceeds
   * TRANSIENT_MAX_DELAY_MS, so the worker resumes within seconds of the server's return however
   * long the outage lasted.
   */
  private retryDelay(): number {
    const delay = this.backoff.delay(this.failures);
    return this.lastError?.transient ? Math.min(delay, TRANSIENT_MAX_DELAY_MS) : delay;
  }

  private fail(reason: string): void {
    this.end('failed', reason);
    this.options.log?.error({ worker: this.name }, `${this.name}: gave up and stopped: ${reason}`);
    // Whatever the cycle is doing, it must end: it will not be called again.
    this.backoff.stop();
    void this.body.interrupt?.();
  }

  private end(state: 'failed' | 'stopped', reason: string): void {
    this.state = state;
    this.reason = reason;
    this.waiters.rejectAll(new Error(`${this.name} is ${state}: ${reason}`));
  }

  private reasonSuffix(): string {
    return this.reason ? `: ${this.reason}` : '';
  }
}
