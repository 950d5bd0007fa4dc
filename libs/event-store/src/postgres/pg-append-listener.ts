import { Client } from 'pg';

/** The channel a schema's appends are announced on; a collision after truncation only costs a spare wake-up. */
export const appendChannel = (schema: string): string => `chidao_log_${schema}`.slice(0, 63);

/**
 * LISTENs on the log's channel on a dedicated connection and calls `onAppend` for every commit
 * of an append in any process (the append sends pg_notify inside its transaction, so the
 * notification leaves on commit and never for a rollback). Only a wake-up: subscriptions still
 * poll, so a lost connection costs latency, not events.
 */
export class PgAppendListener {
  private client: Client | null = null;
  private listening: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onAppend: () => void,
  ) {}

  /**
   * Starts listening unless it already does; resolves once LISTEN is active or has failed (then
   * polling alone carries on, and the next call tries again). Never rejects.
   */
  ensureListening(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.listening ??= this.connect();
    return this.listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.listening;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'chidao-listen' });
    const drop = () => {
      if (this.client === client) this.client = null;
      this.listening = null;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onAppend();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
    } catch {
      drop();
    }
  }
}
