/** A small province in a real SQLite log with the real projections, for the run's tests. */
import { calendarDate, type TaskTimeline } from '@chidao/domain';
import type { EventStore, StoredEvent } from '@chidao/event-store';
import {
  ProjectionRunner,
  reminderMessagesProjection,
  taskRemindersProjection,
  taskTimelineProjection,
  type TaskRemindersDocument,
} from '@chidao/projections';
import { appendTaskStories, TempFiles, type TempStores } from '@chidao/projections/testing';
import { createWorkingCalendar } from '@chidao/reporting';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderPeople,
  type ReminderPerson,
} from '@chidao/reminders';

export const files = new TempFiles();

export const TODAY = calendarDate('2027-02-01'); // a Monday
export const METADATA = {
  actor: 'system:reminders',
  agency: null,
  correlationId: 'run',
  causationId: null,
};

export const PEOPLE: Record<string, ReminderPerson & { agency: string }> = {
  mail: {
    userId: 'u-mail',
    displayName: 'Nguyễn Văn A',
    email: 'a@stttt.chidao.test',
    phone: null,
    channels: ['email', 'in_app'],
    agency: 'STTTT',
  },
  phone: {
    userId: 'u-phone',
    displayName: 'Trần Thị B',
    email: null,
    phone: '+84912345678',
    channels: ['sms', 'in_app'],
    agency: 'STTTT',
  },
  other: {
    userId: 'u-other',
    displayName: 'Lê Văn C',
    email: 'c@stc.chidao.test',
    phone: null,
    channels: ['email', 'in_app'],
    agency: 'STC',
  },
};

export const people: ReminderPeople = {
  peopleOf: (task, audience) =>
    audience === 'lead_agency'
      ? Object.values(PEOPLE).filter(
          (p) => p.agency === task.leadAgencies[task.leadAgencies.length - 1].agency,
        )
      : [],
  person: (userId) => Object.values(PEOPLE).find((p) => p.userId === userId),
  agencyName: (code) =>
    ({ STTTT: 'Sở Thông tin và Truyền thông', STC: 'Sở Tài chính' })[code] ?? code,
};

export async function province(): Promise<{
  stores: TempStores;
  runners: ProjectionRunner<unknown>[];
}> {
  const stores = await files.open();
  await appendTaskStories(
    stores.eventStore,
    [
      // Overdue since Saturday 30/01: its first overdue reminder goes on Monday.
      {
        id: 'task-overdue',
        leadAgency: 'STTTT',
        assignedOn: '2027-01-04',
        deadline: '2027-01-29',
        title: 'Kế hoạch chuyển đổi số',
      },
      // Due on Thursday 04/02: three working days before is Monday.
      {
        id: 'task-soon',
        leadAgency: 'STTTT',
        assignedOn: '2027-01-04',
        deadline: '2027-02-04',
        title: 'Báo cáo an toàn thông tin',
      },
      // Done: nothing.
      {
        id: 'task-done',
        leadAgency: 'STTTT',
        assignedOn: '2027-01-04',
        deadline: '2027-01-20',
        completion: {
          completedOn: '2027-01-15',
          reportedOn: '2027-01-15',
          confirmedOn: '2027-01-18',
        },
      },
      // Another agency's, due later: nothing today.
      { id: 'task-later', leadAgency: 'STC', assignedOn: '2027-01-04', deadline: '2027-03-31' },
    ],
    { receivedAt: '2027-02-01T01:00:00Z' },
  );
  const runners = [taskTimelineProjection, taskRemindersProjection, reminderMessagesProjection].map(
    (projection) =>
      new ProjectionRunner(projection as never, stores.domain, { batchSize: 100 }).start(),
  );
  files.onCleanup(() => Promise.all(runners.map((r) => r.stop())).then(() => undefined));
  await caughtUp(stores.eventStore, runners);
  return { stores, runners: runners };
}

export async function caughtUp(
  store: EventStore,
  runners: readonly { waitFor(p: number): Promise<void> }[],
) {
  const head = await store.headPosition();
  await Promise.all(runners.map((runner) => runner.waitFor(head)));
}

export function deps(stores: TempStores) {
  return {
    store: stores.eventStore,
    tasks: stores.readStore.documents<TaskTimeline>('tasks'),
    taskReminders: stores.readStore.documents<TaskRemindersDocument>('task_reminders'),
    people,
    settingsFor: () => DEFAULT_REMINDER_SETTINGS,
    calendar: createWorkingCalendar(),
  };
}

export async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const batch of store.readAll()) all.push(...batch);
  return all;
}
