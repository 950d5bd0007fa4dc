import type { StoredEvent } from '@chidao/event-store';
import { sourceOf, withSource } from './fingerprint';

export type EventHandler<D> = (doc: D | null, event: StoredEvent) => D | null;

/**
 * Emmett-style composition: one small function per event type; events of other types leave the
 * document as it is. The handlers' text feeds the projection's fingerprint.
 */
export function evolveByType<D>(
  handlers: Readonly<Record<string, EventHandler<D>>>,
): EventHandler<D> {
  const table = new Map(Object.entries(handlers));
  const evolve: EventHandler<D> = (doc, event) => {
    const handler = table.get(event.type);
    return handler ? handler(doc, event) : doc;
  };
  const source = [...table].map(([type, handler]) => `${type}:${sourceOf(handler)}`).join('\n');
  return withSource(evolve, source);
}
