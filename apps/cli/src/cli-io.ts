import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Exit codes, stable for scripts. */
export const EXIT = {
  ok: 0,
  /** verify / check-anchor found the log altered, or the paper anchor does not match. */
  problemFound: 1,
  /** Bad command line, or the data source cannot be opened. */
  usage: 2,
  /** Anything else (a bug, a disk error): the message is on stderr. */
  failure: 3,
} as const;

/** A refusal the user can fix: printed in Vietnamese and English, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, no positionals; its errors become UsageErrors. */
export function parseOptions<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message, `Tham số dòng lệnh không hợp lệ: ${message}`);
  }
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`--${name} is required`, `Thiếu tham số bắt buộc --${name}`);
  }
  return value;
}

/** Writes a chunk and waits for 'drain' when the stream's buffer is full (backpressure). */
export function writeChunk(stream: Writable, chunk: string): Promise<void> {
  if (stream.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    stream.on('drain', onDrain);
    stream.on('error', done);
  });
}

export const line = (stream: Writable, text = ''): void => {
  stream.write(`${text}\n`);
};

/** 12345 → `12.345`, as Vietnamese documents print numbers. */
export const vn = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
