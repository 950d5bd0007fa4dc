import type { ReminderAudience, Role, TaskTimeline, UserState } from '@chidao/domain';
import type { AgencyDirectory, UserDirectory } from '@chidao/projections';
import type { ReminderPeople, ReminderPerson } from './reminder-people';
import type { UrgeSweepPeople } from './sweep-unsent';

/**
 * The user and agency registers as reminders read them: DirectoryRegisters (@chidao/projections)
 * in the reporting process, the API's DirectoryService wrapping the same.
 */
export interface PeopleDirectory {
  readonly users: Pick<UserDirectory, 'get'>;
  readonly agencies: Pick<AgencyDirectory, 'get'>;
  usersOfAgency(code: string, role?: Role): UserState[];
  trackersOf(code: string): UserState[];
  headOf(code: string): UserState | null;
}

const personOf = (user: UserState): ReminderPerson => ({
  userId: user.userId,
  displayName: user.displayName,
  email: user.email,
  phone: user.phone,
  channels: user.channels,
});

/** Names compared as people type them: case, spacing and composed accents aside. */
const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi') ===
  b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * Who reminders reach, from the user and agency registers: the lead agency's staff, its head,
 * the leader in charge (a leader of the assigning body whose name or username is the one the
 * task names; the task holds a name, not an account), the assigning body's tracking office.
 */
export function directoryReminderPeople(
  directory: PeopleDirectory,
): ReminderPeople & UrgeSweepPeople {
  const leadOf = (task: TaskTimeline) =>
    task.leadAgencies.length === 0 ? '' : task.leadAgencies[task.leadAgencies.length - 1].agency;
  const peopleOf = (task: TaskTimeline, audience: ReminderAudience): ReminderPerson[] => {
    switch (audience) {
      case 'lead_agency':
        return directory.usersOfAgency(leadOf(task), 'staff').map(personOf);
      case 'agency_head': {
        const head = directory.headOf(leadOf(task));
        return head ? [personOf(head)] : [];
      }
      case 'leader_in_charge': {
        const named = task.leaderInCharge;
        if (!named) return [];
        return directory
          .usersOfAgency(task.assigningAgency, 'leader')
          .filter((u) => sameName(u.displayName, named) || sameName(u.username, named))
          .map(personOf);
      }
      case 'tracking_office':
        return directory.trackersOf(task.assigningAgency).map(personOf);
    }
  };
  return {
    peopleOf,
    /** The agency's staff: whom a person's urge reaches. */
    staffOf: (code) => directory.usersOfAgency(code, 'staff').map(personOf),
    /** Who urged, as the message names them: "Name, Agency". */
    urgedBy: (userId, agency) =>
      [
        directory.users.get(userId)?.displayName ?? 'Văn phòng theo dõi',
        agency ? directory.agencies.get(agency)?.name : null,
      ]
        .filter(Boolean)
        .join(', '),
    person: (userId) => {
      const user = directory.users.get(userId);
      return user && user.exists && user.active ? personOf(user) : undefined;
    },
    agencyName: (code) => directory.agencies.get(code)?.name ?? code,
  };
}
