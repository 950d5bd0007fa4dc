import type { Provider } from '@nestjs/common';
import type { CredentialStore, Stores } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { STORES } from '../infrastructure/event-store.providers';
import { importLegacyCredentials } from './legacy-credential-import';

export const CREDENTIAL_STORE = Symbol('CREDENTIAL_STORE');

/**
 * The deployment's credential store (closed with the other stores), once the hashes an older
 * log carries have been copied into it: before the app answers its first login.
 */
export const credentialStoreProvider: Provider = {
  provide: CREDENTIAL_STORE,
  inject: [STORES, CLOCK],
  useFactory: async (stores: Stores, clock: Clock): Promise<CredentialStore> => {
    await importLegacyCredentials(stores.eventStore, stores.credentials, clock.now());
    return stores.credentials;
  },
};
