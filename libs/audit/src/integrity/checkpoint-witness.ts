/**
 * Witnesses: places outside the data directory that receive every signed checkpoint, so the
 * owner of the data directory cannot silently remove or replace them. A deployment names them
 * (CHIDAO_AUDIT_WITNESS_FILE, CHIDAO_AUDIT_WITNESS_URL); e-mail to auditors is not built yet.
 */
import * as fs from 'node:fs';
import type { SignedCheckpoint } from './checkpoint';

export interface CheckpointWitness {
  /** Where, for logs and errors. */
  readonly label: string;
  /** Resolves once the witness holds the checkpoint; throws otherwise. */
  send(checkpoint: SignedCheckpoint): Promise<void>;
}

/**
 * Appends one JSON line per checkpoint to a file (on another volume, a mount the auditors own,
 * ideally one the service may only append to: `chattr +a`, an append-only share). Each line is
 * written with one append and flushed to disk before send() resolves.
 */
export class FileWitness implements CheckpointWitness {
  constructor(readonly path: string) {}

  get label(): string {
    return `file ${this.path}`;
  }

  async send(checkpoint: SignedCheckpoint): Promise<void> {
    const handle = await fs.promises.open(this.path, 'a', 0o600);
    try {
      await handle.appendFile(`${JSON.stringify(checkpoint)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Every checkpoint in the file, oldest first (none when it does not exist yet). A line that is
   * not JSON (a torn write at a crash) is returned as null, so verification can report it.
   */
  read(): Array<SignedCheckpoint | null> {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as SignedCheckpoint;
        } catch {
          return null;
        }
      });
  }
}

/** POSTs each checkpoint as JSON; any answer but 2xx is a failure. */
export class HttpWitness implements CheckpointWitness {
  constructor(
    readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  get label(): string {
    return `HTTP ${new URL(this.url).origin}`;
  }

  async send(checkpoint: SignedCheckpoint): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(checkpoint),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`Witness ${this.label} answered ${response.status} to a checkpoint`);
    }
  }
}
