import { STREAMS } from '@chidao/domain';
import type { StoredEvent } from '@chidao/event-store';

/** Data fields that name one agency, in any event type (task, user, directive, transfer …). */
const SINGLE_AGENCY_FIELDS = [
  'agency',
  'leadAgency',
  'assigningAgency',
  'fromAgency',
  'toAgency',
] as const;

/** Data fields that name several agencies. */
const AGENCY_LIST_FIELDS = ['supportAgencies'] as const;

/** Data fields holding a pair (lead, supporters) a task moves from or to (TaskReassigned). */
const AGENCY_GROUP_FIELDS = ['from', 'to'] as const;

/**
 * The agencies an event names, sorted and without duplicates: those in its data (lead and
 * supporting agencies, before and after a reassignment, the reporting agency, the assigning
 * body, a user's agency), the agency of an `agency-<CODE>` stream and, for that stream, the
 * parents it was attached to or moved between. The actor's own agency (metadata.agency) is not
 * included: it says who acted, not what the event is about; `concernsAgency` checks both.
 * It reads events at their current schema version: pass them through decodeEvent first.
 */
export function agenciesOf(event: Pick<StoredEvent, 'streamId' | 'data'>): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value !== '') found.add(value);
  };
  const addNamed = (data: Record<string, unknown>): void => {
    for (const field of SINGLE_AGENCY_FIELDS) add(data[field]);
    for (const field of AGENCY_LIST_FIELDS) {
      const list = data[field];
      if (Array.isArray(list)) list.forEach(add);
    }
  };
  const data = isRecord(event.data) ? event.data : {};
  addNamed(data);
  for (const field of AGENCY_GROUP_FIELDS) {
    const group = data[field];
    if (isRecord(group)) addNamed(group);
  }
  const agency = STREAMS.agency.idOf(event.streamId);
  if (agency !== null) {
    add(agency);
    // Moving an agency changes the tree of both parents: the event concerns them too.
    add(data.parent);
    add(data.previousParent);
  }
  return [...found].sort();
}

/** Whether the event concerns the agency: its actor belongs to it, or the event names it. */
export function concernsAgency(
  event: Pick<StoredEvent, 'streamId' | 'data' | 'metadata'>,
  agency: string,
): boolean {
  return event.metadata?.agency === agency || agenciesOf(event).includes(agency);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
