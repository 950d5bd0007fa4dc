/**
 * The side-by-side workload's view of an event store: append one task event at a time with the
 * expected version (as a command does), read a stream back. Chidao's stores and Emmett's are
 * driven through it with the same events in the same order.
 */
import type { NewEvent } from '@chidao/event-store';

export interface PeerStore {
  readonly name: string;
  /** Appends `event` as version `version` + 1 of the stream (`version` events before it). */
  append(streamId: string, event: NewEvent, version: number): Promise<void>;
  /** The stream's events, as the store gives them back (type and data). */
  read(streamId: string): Promise<{ type: string; data: unknown }[]>;
  close(): Promise<void>;
}
