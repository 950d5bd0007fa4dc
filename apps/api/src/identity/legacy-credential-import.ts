import { legacyCredentialId } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { CredentialStore } from '@chidao/runtime';

/**
 * Logs written before the credential store hold each password hash in a version-1
 * UserPasswordSet. The log is append-only and hash-chained, so those events stay; at start each
 * user's latest such hash is copied into the credential store under `legacyCredentialId`, the id
 * the upcaster gives those events, so their users still log in. Running it again writes the
 * same rows: it is idempotent, and a crash half-way is repaired by the next start.
 */
export async function importLegacyCredentials(
  eventStore: EventStore,
  credentials: CredentialStore,
  now: Date,
): Promise<number> {
  const latest = new Map<string, string>();
  for await (const batch of eventStore.readAll()) {
    for (const event of batch) {
      if (event.type !== 'UserPasswordSet' || event.schemaVersion !== 1) continue;
      const data = event.data as { userId?: unknown; passwordHash?: unknown };
      if (typeof data.userId === 'string' && typeof data.passwordHash === 'string') {
        latest.set(data.userId, data.passwordHash);
      }
    }
  }
  for (const [userId, passwordHash] of latest) {
    await credentials.save({ credentialId: legacyCredentialId(userId), userId, passwordHash }, now);
  }
  return latest.size;
}
