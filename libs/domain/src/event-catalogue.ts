import { AGENCY_EVENT_SCHEMA_VERSIONS, type AgencyEvent } from './agency/agency.events';
import { AUDIT_READ_EVENT_SCHEMA_VERSIONS, type AuditReadEvent } from './audit/audit-read.events';
import {
  DIRECTIVE_RESERVATION_SCHEMA_VERSIONS,
  type DirectiveReferenceReleased,
  type DirectiveReferenceReserved,
} from './directive/directive-reservation';
import { DIRECTIVE_EVENT_SCHEMA_VERSIONS, type DirectiveEvent } from './directive/directive.events';
import {
  REPORT_SCHEDULE_EVENT_SCHEMA_VERSIONS,
  type ReportScheduleEvent,
} from './reporting/report-schedule.events';
import {
  REMINDER_MESSAGE_EVENT_SCHEMA_VERSIONS,
  type ReminderMessageEvent,
} from './reminder/reminder-message.events';
import {
  REMINDER_RUN_EVENT_SCHEMA_VERSIONS,
  type ReminderRunEvent,
} from './reminder/reminder-run.events';
import {
  TASK_LIST_IMPORT_EVENT_SCHEMA_VERSIONS,
  type TaskListImportEvent,
} from './import/task-list-import.events';
import { TASK_EVENT_SCHEMA_VERSIONS, type TaskEvent } from './task/task.events';
import { TASK_UPCASTERS } from './task/task.upcasters';
import { createUpcasterRegistry, type UpcastableEvent, type Upcaster } from './shared/upcasting';
import {
  USERNAME_RESERVATION_SCHEMA_VERSIONS,
  type UsernameReserved,
} from './user/username-reservation';
import { USER_EVENT_SCHEMA_VERSIONS, type UserEvent } from './user/user.events';
import {
  ADMINISTRATORS_SCHEMA_VERSIONS,
  type AdministratorRemoved,
} from './user/last-administrator';
import { USER_UPCASTERS } from './user/user.upcasters';

/**
 * Every event Chidao writes to its log, at its current schema version. Anything read from the
 * log passes through `toCurrentEvent` (libs/event-store's decoding reader does it), so no
 * consumer ever sees an older shape, nor a type it does not know.
 */
export type ChidaoEvent =
  | TaskEvent
  | DirectiveEvent
  | DirectiveReferenceReserved
  | DirectiveReferenceReleased
  | AgencyEvent
  | UserEvent
  | UsernameReserved
  | AdministratorRemoved
  | AuditReadEvent
  | ReportScheduleEvent
  | ReminderMessageEvent
  | ReminderRunEvent
  | TaskListImportEvent;

export type ChidaoEventType = ChidaoEvent['type'];

export const EVENT_SCHEMA_VERSIONS: Readonly<Record<ChidaoEventType, number>> = Object.freeze({
  ...TASK_EVENT_SCHEMA_VERSIONS,
  ...DIRECTIVE_EVENT_SCHEMA_VERSIONS,
  ...DIRECTIVE_RESERVATION_SCHEMA_VERSIONS,
  ...AGENCY_EVENT_SCHEMA_VERSIONS,
  ...USER_EVENT_SCHEMA_VERSIONS,
  ...USERNAME_RESERVATION_SCHEMA_VERSIONS,
  ...ADMINISTRATORS_SCHEMA_VERSIONS,
  ...AUDIT_READ_EVENT_SCHEMA_VERSIONS,
  ...REPORT_SCHEDULE_EVENT_SCHEMA_VERSIONS,
  ...REMINDER_MESSAGE_EVENT_SCHEMA_VERSIONS,
  ...REMINDER_RUN_EVENT_SCHEMA_VERSIONS,
  ...TASK_LIST_IMPORT_EVENT_SCHEMA_VERSIONS,
});

/** Every upcaster, each kept beside the events it upgrades. */
export const EVENT_UPCASTERS: readonly Upcaster<never>[] = [...TASK_UPCASTERS, ...USER_UPCASTERS];

const registry = createUpcasterRegistry();
for (const upcaster of EVENT_UPCASTERS) registry.register(upcaster);

const isChidaoEventType = (type: string): type is ChidaoEventType =>
  Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);

/** Why an event of the log cannot be read by this code: it was written by a newer Chidao. */
export class EventDecodingError extends Error {
  override readonly name = 'EventDecodingError';

  constructor(
    readonly reason: 'unknown_type' | 'newer_version' | 'no_upcaster',
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(
      reason === 'unknown_type'
        ? `Event type ${type} is not one this version of Chidao knows; upgrade this process before it reads the log.`
        : reason === 'newer_version'
          ? `${type} version ${schemaVersion} is newer than this version of Chidao reads (${EVENT_SCHEMA_VERSIONS[type as ChidaoEventType]}); upgrade this process before it reads the log.`
          : `No upcaster brings ${type} from version ${schemaVersion} to ${EVENT_SCHEMA_VERSIONS[type as ChidaoEventType]}.`,
    );
  }
}

/**
 * The event at the current version of its type: upcast through the chain when older, the same
 * object when current. An unknown type or a newer version throws EventDecodingError, because
 * skipping it would silently change read models, time travel and reports.
 */
export function toCurrentEvent<E extends UpcastableEvent>(
  event: E,
): Omit<E, 'type' | 'schemaVersion' | 'data'> & ChidaoEvent {
  const { type, schemaVersion } = event;
  if (!isChidaoEventType(type)) throw new EventDecodingError('unknown_type', type, schemaVersion);
  const current = EVENT_SCHEMA_VERSIONS[type];
  if (schemaVersion > current) throw new EventDecodingError('newer_version', type, schemaVersion);
  if (schemaVersion === current)
    return event as unknown as Omit<E, 'type' | 'schemaVersion' | 'data'> & ChidaoEvent;
  const upcast = registry.upcast(event);
  if (upcast.schemaVersion !== current) {
    throw new EventDecodingError('no_upcaster', type, schemaVersion);
  }
  return upcast as unknown as Omit<E, 'type' | 'schemaVersion' | 'data'> & ChidaoEvent;
}
