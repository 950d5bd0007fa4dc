import { pino, stdTimeFunctions, type DestinationStream, type LoggerOptions } from 'pino';
import type { LogLevel } from './log-level';
import { REDACTED, REDACTED_PATHS } from './redaction';

export type LogFields = Record<string, unknown>;

/**
 * What non-Nest code logs through: a message, with fields first when there are any. Pass an error
 * as `{ err: error }` to get its type, message and stack. pino's logger satisfies it.
 */
export interface Logger {
  error(message: string): void;
  error(fields: LogFields, message: string): void;
  warn(message: string): void;
  warn(fields: LogFields, message: string): void;
  info(message: string): void;
  info(fields: LogFields, message: string): void;
  debug(message: string): void;
  debug(fields: LogFields, message: string): void;
  /** A logger adding `fields` to every line (e.g. `{ worker: 'projection tasks' }`). */
  child(fields: LogFields): Logger;
}

export interface LoggerSettings {
  /** The process: `api`, `projector`, `reporting`, `cli`. */
  readonly service: string;
  /** Default `info`; processes pass CHIDAO_LOG_LEVEL (readObservabilityConfig). */
  readonly level?: LogLevel;
  /** Default stdout; tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

/**
 * One JSON object per line, the same in every process: `time` (ISO-8601), `level` as a word,
 * `service`, `msg`, then the fields. No colours: the lines go to files and log collectors.
 */
export function loggerOptions(settings: Pick<LoggerSettings, 'service' | 'level'>): LoggerOptions {
  return {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
  };
}

/** The pino logger itself, for integrations that need one (nestjs-pino in the API). */
export function createPinoLogger(settings: LoggerSettings): pino.Logger {
  return pino(
    loggerOptions(settings),
    settings.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The logger of a process without NestJS (projector, reporting, CLI, workers). */
export function createLogger(settings: LoggerSettings): Logger {
  return createPinoLogger(settings);
}
