/**
 * What the broker and the read models say, from outside the processes: which member of a group
 * holds which partitions, how far each group committed, and the projections' positions. Every
 * read may fail while the broker is away: it then answers "not yet".
 */
import { relayCheckpointName, RELAY_TARGET } from '@chidao/messaging';
import {
  openReadModelStore,
  type ReadModelStore,
  type ReadModelStoreConfig,
} from '@chidao/projections';
import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';

export interface Membership {
  readonly state: string;
  /** Client id of each member and the partitions of the topic it holds. */
  readonly members: ReadonlyArray<{ readonly clientId: string; readonly partitions: number[] }>;
}

export class GroupWatch {
  private admin: Admin | null = null;

  private constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly readStore: ReadModelStore,
  ) {}

  static async open(
    brokers: readonly string[],
    topic: string,
    readStore: ReadModelStoreConfig,
  ): Promise<GroupWatch> {
    const kafka = new Kafka({
      clientId: 'chidao-failover-watch',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      // A few quick attempts per look (kafkajs finds brokers and coordinators by retrying); the
      // caller looks again soon.
      retry: { retries: 3, initialRetryTime: 50, maxRetryTime: 300 },
      connectionTimeout: 500,
    });
    return new GroupWatch(kafka, topic, await openReadModelStore(readStore));
  }

  async membership(group: string): Promise<Membership | undefined> {
    return this.attempt(async (admin) => {
      const { groups } = await admin.describeGroups([group]);
      const described = groups[0];
      return {
        state: described.state,
        members: described.members.map((member) => ({
          clientId: member.clientId,
          partitions: [
            ...(AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[
              this.topic
            ] ?? []),
          ],
        })),
      };
    });
  }

  /** True when the group committed every partition up to its end. */
  async committedToEnd(group: string): Promise<boolean> {
    return (
      (await this.attempt(async (admin) => {
        const ends = await admin.fetchTopicOffsets(this.topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [this.topic] });
        return ends.every(
          ({ partition, high }) =>
            committed.partitions.find((p) => p.partition === partition)?.offset === high,
        );
      })) ?? false
    );
  }

  /** The projection's position (every event up to it is in its documents); 0 before any. */
  position(projection: string): Promise<number> {
    return Promise.resolve()
      .then(() => this.readStore.documents(projection).position())
      .catch(() => 0);
  }

  /** The relay's checkpoint: every event up to it was acknowledged by Kafka. */
  async relayPosition(): Promise<number> {
    const name = relayCheckpointName(this.topic);
    const record = await this.readStore.projection(name).catch(() => null);
    if (!record) return 0;
    const generation = await this.readStore.generation(name, record.activeGeneration);
    return generation?.position ?? 0;
  }

  /** Who holds the relay's lease (`host:pid:id`), null when nobody does. */
  async relayOwner(): Promise<string | null> {
    const documents = await this.readStore
      .transaction(relayCheckpointName(this.topic), RELAY_TARGET, (tx) => tx.load(['lease']))
      .catch(() => new Map<string, string>());
    const lease = documents.get('lease');
    return lease === undefined ? null : (JSON.parse(lease) as { owner: string }).owner;
  }

  async deleteGroupsAndTopic(groups: readonly string[]): Promise<void> {
    await this.attempt(async (admin) => {
      await admin.deleteGroups([...groups]).catch(() => undefined);
      await admin.deleteTopics({ topics: [this.topic] });
      return true;
    });
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    await this.readStore.close();
  }

  private async attempt<T>(call: (admin: Admin) => Promise<T>): Promise<T | undefined> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      return await call(this.admin);
    } catch {
      // A broker away or a coordinator loading: a new connection next time.
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
      return undefined;
    }
  }
}

/** True when the group is stable and exactly `clientIds` share every partition. */
export function settledOn(
  membership: Membership | undefined,
  clientIds: readonly string[],
  partitions: number,
): boolean {
  if (!membership || membership.state !== 'Stable') return false;
  const members = membership.members.map((m) => m.clientId).sort();
  if (members.join() !== [...clientIds].sort().join()) return false;
  const held = new Set(membership.members.flatMap((m) => m.partitions));
  return held.size === partitions;
}
