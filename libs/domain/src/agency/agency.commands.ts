import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import type { Command } from '../shared/command';

export const AGENCY_KINDS = [
  'province',
  'department',
  'district',
  'commune',
  'unit',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const isAgencyKind = (value: unknown): value is AgencyKind =>
  typeof value === 'string' && (AGENCY_KINDS as readonly string[]).includes(value);

/** Commands of the Agency aggregate, as parseAgencyCommand returns them (codes checked). */
export type RegisterAgency = Command<
  'RegisterAgency',
  { code: string; name: string; parent: string | null; kind: AgencyKind | null }
>;
export type RenameAgency = Command<'RenameAgency', { name: string }>;
export type MoveAgency = Command<'MoveAgency', { parent: string | null }>;
export type DeactivateAgency = Command<'DeactivateAgency', { reason: string | null }>;
export type ReactivateAgency = Command<'ReactivateAgency', Record<string, never>>;
/** The agency's head (reminders escalate to them); null: none. */
export type AssignAgencyHead = Command<'AssignAgencyHead', { headUserId: string | null }>;

/** The reminder rules' numbers for the tasks this body assigns: the whole override, {} = the deployment's. */
export type SetAgencyReminderSettings = Command<
  'SetAgencyReminderSettings',
  { settings: ReminderSettingsOverride }
>;

/**
 * A name an office's lists use for the agency ("Sở TT", "Phòng VH huyện"), mapped once so that
 * later imports recognise it. The same alias twice is no change; removing one it lacks neither.
 */
export type AddAgencyAlias = Command<'AddAgencyAlias', { alias: string }>;
export type RemoveAgencyAlias = Command<'RemoveAgencyAlias', { alias: string }>;

export type AgencyCommand =
  | RegisterAgency
  | RenameAgency
  | MoveAgency
  | DeactivateAgency
  | ReactivateAgency
  | AssignAgencyHead
  | SetAgencyReminderSettings
  | AddAgencyAlias
  | RemoveAgencyAlias;

export const AGENCY_COMMAND_TYPES: readonly AgencyCommand['type'][] = [
  'RegisterAgency',
  'RenameAgency',
  'MoveAgency',
  'DeactivateAgency',
  'ReactivateAgency',
  'AssignAgencyHead',
  'SetAgencyReminderSettings',
  'AddAgencyAlias',
  'RemoveAgencyAlias',
];
