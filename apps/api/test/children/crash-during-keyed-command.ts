/**
 * The API on the parent's data directory, sending itself one command under an Idempotency-Key
 * and stopping dead at a chosen point of it: `claimed` (the key is claimed, the command has not
 * run) or `appended` (its events are in the log, its answer not yet stored). It says the point
 * and waits there for the parent's SIGKILL, as a process killed mid-request would leave things.
 */
import { runChild, say } from '@chidao/event-store/testing';
import {
  IDEMPOTENCY_STORE,
  type IdempotencyStore,
} from '../../src/infrastructure/idempotency.store';
import { startTestApp } from '../support/test-app';

interface Args {
  readonly dataDir: string;
  readonly now: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: object;
  readonly stopAt: 'claimed' | 'appended';
}

const forever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));

runChild<Args>(async ({ dataDir, now, url, headers, body, stopAt }) => {
  const t = await startTestApp({ dataDir, now });
  const store = t.app.get<symbol, IdempotencyStore>(IDEMPOTENCY_STORE);
  if (stopAt === 'appended') {
    // The interceptor stores the answer once the command has appended and answered.
    store.complete = () => {
      say('appended');
      return forever();
    };
  } else {
    const claim = store.claim.bind(store);
    store.claim = async (request) => {
      await claim(request);
      say('claimed');
      return forever();
    };
  }
  t.http
    .post(url)
    .set(headers)
    .send(body)
    .end(() => undefined);
  await forever();
});
