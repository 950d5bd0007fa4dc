import type {
  ContactChannel,
  ReminderAudience,
  ReminderRecipient,
  TaskTimeline,
} from '@chidao/domain';

/** A person reminders may reach, as the user register has them now. */
export interface ReminderPerson {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string | null;
  /** +84…, as stored. */
  readonly phone: string | null;
  readonly channels: readonly ContactChannel[];
}

/**
 * Who a reminder's audience is, for a task (the API and the reporting process answer from their
 * user and agency registers). Disabled users are never answered.
 */
export interface ReminderPeople {
  /** The people of one audience for the task: lead agency staff, its head, the leader in charge, the tracking office. */
  peopleOf(task: TaskTimeline, audience: ReminderAudience): readonly ReminderPerson[];
  person(userId: string): ReminderPerson | undefined;
  agencyName(code: string): string;
}

/**
 * The channels a person is reached by: the ones they chose that have an address, and always the
 * list in the app (where every reminder is kept).
 */
export function channelsOf(person: ReminderPerson): ContactChannel[] {
  const chosen = new Set(person.channels);
  const channels: ContactChannel[] = [];
  if (chosen.has('email') && person.email) channels.push('email');
  if (chosen.has('sms') && person.phone) channels.push('sms');
  channels.push('in_app');
  return channels;
}

/** The people of every audience of a reminder, each once, with their channels. */
export function recipientsOf(
  people: ReminderPeople,
  task: TaskTimeline,
  audience: readonly ReminderAudience[],
): ReminderRecipient[] {
  const seen = new Map<string, ReminderRecipient>();
  for (const group of audience) {
    for (const person of people.peopleOf(task, group)) {
      if (!seen.has(person.userId)) {
        seen.set(person.userId, { userId: person.userId, channels: channelsOf(person) });
      }
    }
  }
  return [...seen.values()];
}
