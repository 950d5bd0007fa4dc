/**
 * Where a relay keeps its progress and its lease: a read model with no columns, registered in the
 * deployment's read-model store (SQLite or PostgreSQL) like any projection. Its generation's
 * checkpoint is the last position Kafka acknowledged; its one document, `lease`, says which relay
 * publishes. No new port, and both change in the store's serialised batch transactions.
 */
import { createHash } from 'node:crypto';
import type { ReadModelSchema, ReadModelStore, WriteTarget } from '@chidao/projections';

/** Changes only if the layout of this read model does. */
const RELAY_FINGERPRINT = createHash('sha256').update('chidao.kafka-relay/1').digest('hex');

export const RELAY_TARGET: WriteTarget = { kind: 'active', fingerprint: RELAY_FINGERPRINT };

/**
 * `kafka_relay_<topic, as an identifier>_<hash of the topic>`: a projection name is a short SQL
 * identifier and a topic is not; the hash keeps `a.b` and `a_b` apart.
 */
export function relayCheckpointName(topic: string): string {
  const slug = topic
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 15)
    .replace(/_+$/, '');
  const hash = createHash('sha256').update(topic, 'utf8').digest('hex').slice(0, 12);
  return slug ? `kafka_relay_${slug}_${hash}` : `kafka_relay_${hash}`;
}

/** Registers the relay's read model if new; its checkpoint is where publishing resumes. */
export async function relayCheckpoint(store: ReadModelStore, topic: string): Promise<number> {
  const schema: ReadModelSchema = { name: relayCheckpointName(topic), columns: [] };
  const record = await store.register(schema, RELAY_FINGERPRINT);
  const generation = await store.generation(schema.name, record.activeGeneration);
  return generation?.position ?? 0;
}
