import * as path from 'node:path';

/** Signed checkpoints of the log (docs/audit.md, "Signed checkpoints"). */
export interface CheckpointConfig {
  /** The Ed25519 private key (PEM), outside the data directory (CHIDAO_AUDIT_SIGNING_KEY). */
  readonly signingKeyPath: string;
  /** Appended one JSON line per checkpoint (CHIDAO_AUDIT_WITNESS_FILE). */
  readonly witnessFile: string | null;
  /** POSTed every checkpoint as JSON (CHIDAO_AUDIT_WITNESS_URL). */
  readonly witnessUrl: string | null;
  /** A checkpoint after this many events (CHIDAO_AUDIT_CHECKPOINT_EVENTS, default 1000). */
  readonly everyEvents: number;
  /** A checkpoint after this long while events come in (CHIDAO_AUDIT_CHECKPOINT_MINUTES, 15). */
  readonly everyMs: number;
}

/**
 * Null when CHIDAO_AUDIT_SIGNING_KEY is unset (no checkpoints: only the daily anchors, which the
 * owner of the data directory can recompute). A key needs at least one witness, and neither the
 * key nor the witness file may be inside the data directory.
 */
export function readCheckpointConfig(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): { config: CheckpointConfig | null; problems: string[] } {
  const problems: string[] = [];
  const keyPath = env.CHIDAO_AUDIT_SIGNING_KEY || null;
  const witnessFile = env.CHIDAO_AUDIT_WITNESS_FILE
    ? path.resolve(env.CHIDAO_AUDIT_WITNESS_FILE)
    : null;
  const witnessUrl = env.CHIDAO_AUDIT_WITNESS_URL || null;
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 1 && value <= max) return value;
    problems.push(`${name}="${raw}" must be a whole number from 1 to ${max}`);
    return fallback;
  };
  const everyEvents = whole('CHIDAO_AUDIT_CHECKPOINT_EVENTS', 1000, 1_000_000);
  const everyMinutes = whole('CHIDAO_AUDIT_CHECKPOINT_MINUTES', 15, 24 * 60);
  if (witnessUrl !== null && !/^https?:\/\//i.test(witnessUrl)) {
    problems.push(`CHIDAO_AUDIT_WITNESS_URL="${witnessUrl}" must be an http(s) URL`);
  }
  if (keyPath === null) {
    if (witnessFile !== null || witnessUrl !== null) {
      problems.push(
        'CHIDAO_AUDIT_WITNESS_* needs CHIDAO_AUDIT_SIGNING_KEY: checkpoints are signed',
      );
    }
    return { config: null, problems };
  }
  if (witnessFile === null && witnessUrl === null) {
    problems.push(
      'CHIDAO_AUDIT_SIGNING_KEY needs a witness outside the data directory: set ' +
        'CHIDAO_AUDIT_WITNESS_FILE or CHIDAO_AUDIT_WITNESS_URL',
    );
  }
  if (isInside(path.resolve(keyPath), dataDir)) {
    problems.push(
      `CHIDAO_AUDIT_SIGNING_KEY=${keyPath} is inside the data directory ${dataDir}: keep the key ` +
        'elsewhere, or whoever can rewrite the log can also sign for it',
    );
  }
  if (witnessFile !== null && isInside(witnessFile, dataDir)) {
    problems.push(
      `CHIDAO_AUDIT_WITNESS_FILE=${witnessFile} is inside the data directory ${dataDir}: ` +
        'whoever can rewrite the log could rewrite it too',
    );
  }
  return {
    config: {
      signingKeyPath: path.resolve(keyPath),
      witnessFile,
      witnessUrl,
      everyEvents,
      everyMs: everyMinutes * 60 * 1000,
    },
    problems,
  };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(path.resolve(dir), file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
