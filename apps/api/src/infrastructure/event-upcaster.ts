import { Injectable } from '@nestjs/common';
import { createUpcasterRegistry } from '@chidao/domain';
import type { StoredEvent } from '@chidao/event-store';

/**
 * Old event shapes are turned into current ones on read; stored events are never rewritten.
 * Register each upcaster here when an event's schema version goes up.
 */
@Injectable()
export class EventUpcaster {
  private readonly registry = createUpcasterRegistry();

  upcast(event: StoredEvent): StoredEvent {
    return this.registry.upcast(event);
  }
}
