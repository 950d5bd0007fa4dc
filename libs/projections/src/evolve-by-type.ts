import type { RecordedEvent } from '@chidao/event-store';
import { sourceOf, withSource } from './fingerprint';
import type { PositionedEvent } from './projection';

type EventHandler<D, E extends PositionedEvent = RecordedEvent> = (
  doc: D | null,
  event: E,
) => D | null;

/**
 * Emmett-style composition: one small function per event type; events of other types leave the
 * document as it is. The handlers' text feeds the projection's fingerprint.
 */
export function evolveByType<D, E extends PositionedEvent & { readonly type: string }>(
  handlers: Readonly<Record<string, EventHandler<D, E>>>,
): EventHandler<D, E> {
  const table = new Map(Object.entries(handlers));
  const evolve: EventHandler<D, E> = (doc, event) => {
    const handler = table.get(event.type);
    return handler ? handler(doc, event) : doc;
  };
  const source = [...table].map(([type, handler]) => `${type}:${sourceOf(handler)}`).join('\n');
  return withSource(evolve, source);
}
