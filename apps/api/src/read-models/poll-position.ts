/** First pause between two reads of a stored checkpoint, doubling up to MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 20;
const MAX_PAUSE_MS = 250;

/**
 * Resolves once `read()` (a read model's stored checkpoint) reaches `position`, reading again
 * after a growing pause, until `signal` aborts. For a process that runs no projection runner:
 * the runners of another process advance the checkpoint, and only the store says how far.
 */
export async function pollPosition(
  read: () => Promise<number>,
  position: number,
  signal: AbortSignal,
): Promise<void> {
  let pause = FIRST_PAUSE_MS;
  while (!signal.aborted) {
    if ((await read()) >= position) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, pause);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}
