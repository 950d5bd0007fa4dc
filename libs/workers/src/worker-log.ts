/**
 * Where a worker says what happens to it. Matches the structured logger of
 * @chidao/observability (message first, fields after); tests may pass nothing.
 */
export interface WorkerLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
