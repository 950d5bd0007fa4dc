import {
  describeEvent,
  eventTypeLabel,
  personWords,
  type EventNames,
  type Words,
} from '@chidao/audit';
import type { DirectoryService } from '../directory/directory.service';

/** Names from the agency register and the user directory as the server holds them now. */
export function directoryNames(directory: DirectoryService): EventNames {
  return {
    agency: (code) => directory.agencies.get(code)?.name || null,
    user: (id) => {
      const user = directory.users.get(id);
      return user && user.displayName ? { name: user.displayName, agency: user.agency } : null;
    },
  };
}

/** What a screen shows for one event: its name, who entered it, and what it says. */
export interface EventWords {
  /** The event type in words ("Gia hạn thời hạn"). */
  readonly label: Words;
  /** The person who entered it, by name and agency ("Nguyễn Văn An (Sở Tài chính)"). */
  readonly who: Words;
  /** The event as a sentence ("Gia hạn đến 28/02/2027 (hạn trước đó: 31/01/2027)"). */
  readonly sentence: Words;
}

/** `agency`: the agency the actor acted for at the event (metadata.agency), when known. */
export function eventWords(
  event: {
    readonly type: string;
    readonly data: unknown;
    readonly actor: string | null;
    readonly agency?: string | null;
  },
  names: EventNames,
): EventWords {
  return {
    label: eventTypeLabel(event.type),
    who: personWords(event.actor, names, event.agency),
    sentence: describeEvent(event, names),
  };
}
