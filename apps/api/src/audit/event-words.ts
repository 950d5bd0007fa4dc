import {
  describeEvent,
  eventTypeLabel,
  personWords,
  type EventNames,
  type Words,
} from '@chidao/audit';
import type { DirectoryService } from '../directory/directory.service';
import type { AgencyNameAt } from './agency-names-at';

/**
 * Names from the user directory and the agency register: an agency as it was called at the
 * event's position when `namesAt` is given (agencyNamesAt), else as it is called now.
 */
export function directoryNames(directory: DirectoryService, namesAt?: AgencyNameAt): EventNames {
  return {
    agency: (code, position) =>
      (namesAt && position !== undefined ? namesAt(code, position) : null) ??
      (directory.agencies.get(code)?.name || null),
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
    readonly position?: number;
  },
  names: EventNames,
): EventWords {
  return {
    label: eventTypeLabel(event.type),
    who: personWords(event.actor, names, event.agency, event.position),
    sentence: describeEvent(event, names),
  };
}
