import type { Provider } from '@nestjs/common';
import type { SessionStore, Stores } from '@chidao/runtime';
import { STORES } from '../infrastructure/event-store.providers';

export const SESSION_STORE = Symbol('SESSION_STORE');

/** The deployment's login sessions, beside the log (closed with the other stores). */
export const sessionStoreProvider: Provider = {
  provide: SESSION_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): SessionStore => stores.sessions,
};
