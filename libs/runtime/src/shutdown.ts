/**
 * Runs `shutdown` once on SIGTERM or SIGINT, then exits 0. A signal handler's promise would go
 * unobserved: a failed shutdown is said and ends the process with 1.
 */
export function onTerminationSignal(shutdown: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
