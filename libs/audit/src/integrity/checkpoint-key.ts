/**
 * The Ed25519 key checkpoints are signed with. The private key must live outside the data
 * directory (on another volume, a secrets mount): a key next to the log signs for whoever can
 * rewrite the log, and vouches for nothing.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CheckpointKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * Writes a new key pair: the private key (PKCS#8 PEM, mode 0600) at `privateKeyPath` and the
 * public key (SPKI PEM) next to it as `<name>.pub`. Refuses to overwrite an existing key.
 * Returns the public key's path.
 */
export function generateCheckpointKey(privateKeyPath: string): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPath = `${privateKeyPath}.pub`;
  // 'wx': fail if the file exists, so an old key (and the checkpoints it signed) is never lost.
  fs.writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  fs.writeFileSync(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), {
    flag: 'wx',
  });
  return publicKeyPath;
}

/**
 * Reads the private key (PEM) at `keyPath`; with `dataDir`, refuses a key inside it.
 * Throws an Error that says which path and why.
 */
export function loadCheckpointKey(keyPath: string, dataDir?: string): CheckpointKeyPair {
  if (dataDir !== undefined && isInside(keyPath, dataDir)) {
    throw new Error(
      `The checkpoint signing key ${keyPath} is inside the data directory ${dataDir}: keep it ` +
        'elsewhere, or whoever can rewrite the log can also sign for it',
    );
  }
  const privateKey = createPrivateKey(fs.readFileSync(keyPath, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The checkpoint signing key ${keyPath} is not an Ed25519 private key`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A public key (SPKI PEM) or the public half of a private key (PKCS#8 PEM) at `keyPath`. */
export function loadCheckpointPublicKey(keyPath: string): KeyObject {
  const key = createPublicKey(fs.readFileSync(keyPath, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${keyPath} does not hold an Ed25519 key`);
  }
  return key;
}

function isInside(file: string, dir: string): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const relative = path.relative(real(dir), real(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
