import type { Upcaster } from '../shared/upcasting';
import type { UserPasswordSetDataV1 } from './user.events';

/**
 * The credential id under which the start-up import (apps/api/src/identity/legacy-credential-import.ts) keeps
 * the hash a version-1 UserPasswordSet carried: the user's latest one, one row per user.
 */
export const legacyCredentialId = (userId: string): string => `legacy:${userId}`;

/**
 * How older shapes of user events become current ones on read; the log keeps the old bytes.
 * Version 1 of UserPasswordSet held the password hash: every decoded reader gets it without.
 */
export const USER_UPCASTERS: readonly Upcaster<never>[] = [
  {
    type: 'UserPasswordSet',
    fromVersion: 1,
    upcast: (data: UserPasswordSetDataV1) => ({
      userId: data.userId,
      credentialId: legacyCredentialId(data.userId),
    }),
  },
];
