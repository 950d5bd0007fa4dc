/**
 * Where a worker says what happens to it: fields first, then the message, as pino takes them
 * (so the structured logger of @chidao/observability is one). Tests may pass nothing.
 */
export interface WorkerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
