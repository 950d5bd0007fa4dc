import { createHash } from 'node:crypto';

/**
 * A message's id from what makes it one message (the run or the urge, the person, the channel):
 * the same on every attempt to queue it, so a second attempt finds the stream taken.
 */
export function messageIdOf(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // UUID-shaped (version 8, "custom"), lower case like every id of the log.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${(
    (parseInt(hex.slice(16, 17), 16) & 0x3) |
    0x8
  ).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
