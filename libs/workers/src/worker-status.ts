/** A failure as an operator sees it in a status. */
export interface RecordedFailure {
  readonly message: string;
  /** ISO-8601. */
  readonly at: string;
  /** Retrying cannot be expected to fix it soon or late (a server unreachable is transient). */
  readonly transient: boolean;
  readonly error: unknown;
}

/**
 * Where a worker stands, the same for every kind:
 * - `idle`: not started;
 * - `running`: doing its work (or waiting for more);
 * - `retrying`: the last attempt failed; it tries again after a back-off;
 * - `failed`: stopped by its failure policy (the same error again and again, or one that
 *   retrying cannot fix); it needs an operator, see `failure`;
 * - `stopped`: stopped on purpose, or ended its work (a projection superseded by newer code).
 */
export type WorkerState = 'idle' | 'running' | 'retrying' | 'failed' | 'stopped';

export type WorkerKind = 'projection' | 'relay' | 'consumer' | 'scheduler';

export interface WorkerStatus {
  /** Unique in the process, e.g. `projection tasks`, `relay chidao-log`, `scheduler reports`. */
  readonly name: string;
  readonly kind: WorkerKind;
  readonly state: WorkerState;
  /** The worker's own word for what it is doing (`catching-up`, `live`, `standby`, …). */
  readonly phase: string;
  /** Log position reached (null for schedulers). */
  readonly position: number | null;
  /** ISO-8601: the last time it got something done (a batch applied, a tick that went through). */
  readonly lastProgressAt: string | null;
  /** Failures since the last progress (0 when healthy). */
  readonly consecutiveFailures: number;
  /** The failure it is retrying after; cleared once it makes progress again (the log keeps it). */
  readonly lastError: Omit<RecordedFailure, 'error'> | null;
  /** Why it failed (state `failed`) or ended (state `stopped` on its own), in a sentence. */
  readonly reason: string | null;
}
