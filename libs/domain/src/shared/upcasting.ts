/**
 * Old event shapes are turned into current ones on read; stored events are never rewritten.
 * Each upcaster moves one event type one schema version up; the registry chains them.
 */

/** What an upcaster needs of an event; stored events with more fields pass through intact. */
export interface UpcastableEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface Upcaster<D = Record<string, unknown>> {
  readonly type: string;
  /** The version it reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  /** Must not mutate its argument: return new data. */
  readonly upcast: (data: D) => unknown;
}

interface UpcasterRegistry {
  register<D = Record<string, unknown>>(upcaster: Upcaster<D>): void;
  /** The event at the newest version known for its type (the same object when already there). */
  upcast<E extends UpcastableEvent>(event: E): E;
  /** The version events of this type end up at after `upcast`, if they start at `fromVersion`. */
  latestVersion(type: string, fromVersion?: number): number;
}

/** A registration or chain error: a programming mistake, never a user's. */
export class UpcasterError extends Error {
  override readonly name = 'UpcasterError';
}

export function createUpcasterRegistry(): UpcasterRegistry {
  // Stored erased: each upcaster's data type is only known to whoever registered it.
  type Step = (data: unknown) => unknown;
  const byType = new Map<string, Map<number, Step>>();

  const chainFor = (type: string) => byType.get(type) ?? new Map<number, Step>();

  // Following the chain from `version`, where it stops; a registered later step means a gap.
  function lastStep(type: string, version: number): number {
    const chain = chainFor(type);
    let current = version;
    while (chain.has(current)) current += 1;
    const higher = [...chain.keys()].filter((from) => from > current);
    if (higher.length > 0) {
      throw new UpcasterError(
        `No upcaster for ${type} from version ${current}, but one from version ${Math.min(...higher)}: the chain has a gap.`,
      );
    }
    return current;
  }

  return {
    register<D>(upcaster: Upcaster<D>) {
      if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
        throw new UpcasterError(
          `Upcaster for ${upcaster.type}: fromVersion must be a positive integer, got ${upcaster.fromVersion}.`,
        );
      }
      const chain = byType.get(upcaster.type) ?? new Map<number, Step>();
      if (chain.has(upcaster.fromVersion)) {
        throw new UpcasterError(
          `An upcaster for ${upcaster.type} from version ${upcaster.fromVersion} is already registered.`,
        );
      }
      chain.set(upcaster.fromVersion, upcaster.upcast as Step);
      byType.set(upcaster.type, chain);
    },

    upcast<E extends UpcastableEvent>(event: E): E {
      const chain = chainFor(event.type);
      const target = lastStep(event.type, event.schemaVersion);
      if (target === event.schemaVersion) return event;
      let data: unknown = event.data;
      for (let version = event.schemaVersion; version < target; version += 1) {
        data = chain.get(version)!(data);
      }
      return { ...event, schemaVersion: target, data };
    },

    latestVersion(type, fromVersion = 1) {
      return lastStep(type, fromVersion);
    },
  };
}
