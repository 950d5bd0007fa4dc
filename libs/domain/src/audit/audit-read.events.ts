import { hasRole, type Actor } from '../shared/actor';
import { vietnamDateOf } from '../shared/calendar-date';
import type { DomainEvent } from '../shared/domain-event';

/**
 * Who looked at what is itself evidence (DOMAIN.md: auditors read the log, never write): every
 * request by an auditor that changes nothing is recorded in the log before it is served.
 */

/** The one thing a read was about, when its path names one. */
export interface ReadResource {
  readonly kind: 'task' | 'directive' | 'report' | 'user' | 'agency';
  readonly id: string;
}

export type ReadMethod = 'GET' | 'HEAD';

export interface AuditorRead {
  readonly method: ReadMethod;
  /** The path without the query string, e.g. `/api/tasks/3f…/history`. */
  readonly path: string;
  /** The query parameters as received: text, or a list when a name is repeated. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly resource?: ReadResource;
}

export type AuditorReadRecorded = DomainEvent<'AuditorReadRecorded', AuditorRead>;

export type AuditReadEvent = AuditorReadRecorded;

export const AUDIT_READ_EVENT_SCHEMA_VERSIONS: Record<AuditReadEvent['type'], number> = {
  AuditorReadRecorded: 1,
};

export const AUDIT_READ_EVENT_TYPES = Object.keys(
  AUDIT_READ_EVENT_SCHEMA_VERSIONS,
) as AuditReadEvent['type'][];

/**
 * A request is recorded when its actor holds the auditor role (whatever else they hold) and it
 * changes nothing (GET, HEAD). Anonymous requests (health probes) are not reads of the data.
 */
export function isRecordedRead(actor: Actor | undefined, method: string): boolean {
  return (
    actor !== undefined && hasRole(actor, 'auditor') && (method === 'GET' || method === 'HEAD')
  );
}

/** The event of one read, dated the Vietnam day it was made. */
export function auditorReadRecorded(read: AuditorRead, at: Date | string): AuditorReadRecorded {
  const data: AuditorRead = {
    method: read.method,
    path: read.path,
    query: read.query,
    ...(read.resource ? { resource: read.resource } : {}),
  };
  return { type: 'AuditorReadRecorded', schemaVersion: 1, data, occurredOn: vietnamDateOf(at) };
}
