/**
 * What a suite does when a server or tool it needs is missing. By default it says so and does
 * not run (a developer without Kafka can still run the rest); with CHIDAO_REQUIRE_SERVICES=1,
 * which .ci/run sets, it fails instead, so a run that was meant to test everything cannot go
 * green by skipping.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const REQUIRE_VARIABLE = 'CHIDAO_REQUIRE_SERVICES';

/** True under CHIDAO_REQUIRE_SERVICES=1; any value other than 1, 0 or empty is a mistake. */
function servicesRequired(): boolean {
  const value = (process.env[REQUIRE_VARIABLE] ?? '').trim();
  if (value === '1') return true;
  if (value === '' || value === '0') return false;
  throw new Error(`${REQUIRE_VARIABLE}="${value}": use 1 (missing servers fail) or 0`);
}

const failure = (what: string): Error =>
  new Error(`${what} (${REQUIRE_VARIABLE}=1: a missing server or tool fails the run)`);

/**
 * Part of a test cannot run for want of something: throws under CHIDAO_REQUIRE_SERVICES=1,
 * otherwise prints `what` and returns, and the caller leaves that part out.
 */
export function notRun(what: string): void {
  if (servicesRequired()) throw failure(what);
  console.warn(what);
}

/**
 * A whole suite cannot run: under CHIDAO_REQUIRE_SERVICES=1 it holds one failing test, otherwise
 * one skipped test; either way the test's name and a printed line say why.
 */
export function describeNotRun(name: string, why: string): void {
  describe(name, () => {
    if (servicesRequired()) {
      it(why, () => {
        throw failure(`${name}: ${why}`);
      });
      return;
    }
    console.warn(`${name}: ${why}`);
    it.skip(why, () => undefined);
  });
}

/** The first of `names` found on PATH, as an absolute path; null when none is. */
export function findOnPath(names: readonly string[]): string | null {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}
