import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import type { DomainEvent } from '../shared/domain-event';
import type { AgencyKind } from './agency.commands';

/** One stream per agency: `agency-<CODE>`. */
export type AgencyRegistered = DomainEvent<
  'AgencyRegistered',
  { code: string; name: string; parent: string | null; kind: AgencyKind | null }
>;
export type AgencyRenamed = DomainEvent<'AgencyRenamed', { code: string; name: string }>;
/** `previousParent` lets a tree read model unlink the agency without looking it up. */
export type AgencyMoved = DomainEvent<
  'AgencyMoved',
  { code: string; parent: string | null; previousParent: string | null }
>;
export type AgencyDeactivated = DomainEvent<
  'AgencyDeactivated',
  { code: string; reason: string | null }
>;
export type AgencyReactivated = DomainEvent<'AgencyReactivated', { code: string }>;
/**
 * Who heads the agency (Giám đốc Sở, Chủ tịch UBND huyện): the person overdue reminders escalate
 * to. When decided, an active user of this very agency; null: the head was removed.
 */
export type AgencyHeadAssigned = DomainEvent<
  'AgencyHeadAssigned',
  { code: string; headUserId: string | null }
>;

/**
 * The reminder settings of the tasks this body assigns: the fields it sets, each in range; the
 * fields left out follow the deployment's defaults. Replaces the body's earlier override.
 */
export type AgencyReminderSettingsChanged = DomainEvent<
  'AgencyReminderSettingsChanged',
  { code: string; settings: ReminderSettingsOverride }
>;

/**
 * A name an office's lists use for the agency, as the importing person mapped it (cleaned text,
 * one line); imports match it, folded, before names and abbreviations. No other agency goes by it.
 */
export type AgencyAliasAdded = DomainEvent<'AgencyAliasAdded', { code: string; alias: string }>;
/** The alias as it was added, no longer the agency's. */
export type AgencyAliasRemoved = DomainEvent<'AgencyAliasRemoved', { code: string; alias: string }>;

export type AgencyEvent =
  | AgencyRegistered
  | AgencyRenamed
  | AgencyMoved
  | AgencyDeactivated
  | AgencyReactivated
  | AgencyHeadAssigned
  | AgencyReminderSettingsChanged
  | AgencyAliasAdded
  | AgencyAliasRemoved;

export const AGENCY_EVENT_SCHEMA_VERSIONS: Record<AgencyEvent['type'], number> = {
  AgencyRegistered: 1,
  AgencyRenamed: 1,
  AgencyMoved: 1,
  AgencyDeactivated: 1,
  AgencyReactivated: 1,
  AgencyHeadAssigned: 1,
  AgencyReminderSettingsChanged: 1,
  AgencyAliasAdded: 1,
  AgencyAliasRemoved: 1,
};
