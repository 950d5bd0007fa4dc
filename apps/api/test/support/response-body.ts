/**
 * supertest parsers for bodies it does not buffer by itself: files (.xlsx, .docx) as bytes,
 * exports (NDJSON, CSV) as text, whatever their content type.
 */
import type { Response } from 'supertest';

// At run time a parser is handed the raw IncomingMessage.
const streamOf = (res: Response) => res as unknown as NodeJS.ReadableStream;

export function asBuffer(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  streamOf(res).on('data', (chunk: Buffer) => chunks.push(chunk));
  streamOf(res).on('end', () => done(null, Buffer.concat(chunks)));
}

export function asText(res: Response, done: (err: Error | null, body: string) => void): void {
  const stream = streamOf(res);
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}
