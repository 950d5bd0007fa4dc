import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes guessing on GPUs costly.
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * At most this many derivations run at once (crypto.scrypt runs in libuv's pool of 4 threads,
 * which file access and DNS share): a flood of logins queues here instead of taking every
 * thread and 32 MiB per hash, so unrelated requests keep their pace.
 */
const CONCURRENT_DERIVATIONS = 2;
/** Beyond this many waiting, a login is refused at once as busy rather than queued. */
const MAX_WAITING = 64;

export class HasherBusyError extends Error {
  constructor() {
    super('Too many password verifications are waiting.');
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_DERIVATIONS) {
    if (waiting.length >= MAX_WAITING) throw new HasherBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so `running` counts it still.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return bounded(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(
          password.normalize('NFC'),
          salt,
          KEY_LENGTH,
          { ...options, maxmem: 128 * N * R * 2 },
          (error, key) => (error ? reject(error) : resolve(key)),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash`, the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, n, r, p, salt, hash] = stored.split('$');
  if (algorithm !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Costs what verifying a real password costs, and is always false: for a login naming no user
 * (or a user without a password), so that its answer takes as long as a wrong password's.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64'));
  await verifyPassword(password, await dummyHash);
  return false;
}
