/**
 * The tracking office's weekly list of the overdue tasks its body assigned (DOMAIN.md: lists
 * of tasks overdue more than 30 and more than 120 days are published). Gathered while a run
 * scans the open tasks, queued once per body, week, person and channel: the message id is
 * derived from them, so every run of the week after the first finds it queued.
 */
import {
  calendarDate,
  classifyTaskAt,
  formatVietnameseDate,
  type CalendarDate,
  type ContactChannel,
  type ReminderSettings,
  type TaskTimeline,
} from '@chidao/domain';
import type { EventMetadata, EventStore } from '@chidao/event-store';
import type { WorkingCalendar } from '@chidao/reporting';
import { weeklyOverdueListDue } from '../rules/weekly-overdue-list';
import { messageIdOf } from './message-id';
import { queueMessage } from './queue-message';
import { channelsOf, type ReminderPeople } from './reminder-people';
import { reminderLine } from './reminder-text';

/** Tasks a list names; the rest are counted (the full list is a screen away). */
export const WEEKLY_LIST_LINES = 100;

interface Entry {
  readonly task: TaskTimeline;
  readonly daysOverdue: number;
}

interface BodyList {
  readonly week: string;
  /** Any task of the body: whom its tracking office is, the people register answers from it. */
  readonly sample: TaskTimeline;
  /** The most overdue first, at most WEEKLY_LIST_LINES. */
  entries: Entry[];
  total: number;
  over30: number;
  over120: number;
}

export interface WeeklyOverdueLists {
  /** A task the run scanned: on the list of its body when overdue and the list is due today. */
  add(task: TaskTimeline): void;
  /** Queues each body's list to its tracking office; how many messages were new. */
  queue(
    store: EventStore,
    runId: string,
    metadata: EventMetadata,
  ): Promise<{ queued: number; already: number }>;
}

export function createWeeklyOverdueLists(
  deps: {
    readonly settingsFor: (assigningAgency: string) => ReminderSettings;
    readonly calendar: WorkingCalendar;
    readonly people: ReminderPeople;
  },
  today: CalendarDate,
): WeeklyOverdueLists {
  const weekOf = new Map<string, string | null>();
  const lists = new Map<string, BodyList>();
  const dueWeek = (body: string): string | null => {
    if (!weekOf.has(body)) {
      weekOf.set(body, weeklyOverdueListDue(today, deps.settingsFor(body), deps.calendar));
    }
    return weekOf.get(body) ?? null;
  };

  return {
    add(task) {
      const week = dueWeek(task.assigningAgency);
      if (week === null) return;
      // Most open tasks are not overdue: none of their deadlines is before today.
      if (task.deadlines.every((entry) => entry.deadline === null || entry.deadline >= today)) {
        return;
      }
      const at = classifyTaskAt(task, today);
      if (at === null || at.onHold || at.class !== 'not_done_overdue') return;
      const list = lists.get(task.assigningAgency) ?? {
        week,
        sample: task,
        entries: [],
        total: 0,
        over30: 0,
        over120: 0,
      };
      lists.set(task.assigningAgency, list);
      list.total += 1;
      if (at.daysOverdue > 30) list.over30 += 1;
      if (at.daysOverdue > 120) list.over120 += 1;
      const entry = { task, daysOverdue: at.daysOverdue };
      // A full list keeps its last line when the newcomer comes after it: one comparison.
      const last = list.entries[list.entries.length - 1];
      if (list.entries.length >= WEEKLY_LIST_LINES && listOrder(entry, last) >= 0) return;
      const place = list.entries.findIndex((other) => listOrder(entry, other) < 0);
      if (place >= 0) list.entries.splice(place, 0, entry);
      else list.entries.push(entry);
      if (list.entries.length > WEEKLY_LIST_LINES) list.entries.pop();
    },

    async queue(store, runId, metadata) {
      let queued = 0;
      let already = 0;
      for (const [body, list] of lists) {
        const bodyName = deps.people.agencyName(body);
        for (const person of deps.people.peopleOf(list.sample, 'tracking_office')) {
          const { subject, text } = weeklyListText(
            person.displayName,
            bodyName,
            today,
            list,
            (code) => deps.people.agencyName(code),
          );
          for (const channel of channelsOf(person)) {
            const outcome = await queueMessage(
              store,
              {
                messageId: messageIdOf('weekly-overdue', body, list.week, person.userId, channel),
                runId,
                userId: person.userId,
                channel,
                address: addressOf(person, channel),
                subject,
                text,
                taskIds: list.entries.map((entry) => entry.task.id),
              },
              metadata,
              today,
            );
            if (outcome === 'queued') queued += 1;
            else already += 1;
          }
        }
      }
      return { queued, already };
    },
  };
}

/** Most overdue first; ties by title, then id: the same list whatever order the scan took. */
const listOrder = (a: Entry, b: Entry): number =>
  b.daysOverdue - a.daysOverdue ||
  a.task.title.localeCompare(b.task.title, 'vi') ||
  (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0);

const addressOf = (
  person: { email: string | null; phone: string | null },
  channel: ContactChannel,
): string | null => (channel === 'email' ? person.email : channel === 'sms' ? person.phone : null);

/** `2027-W05` as people say it: tuần 5 năm 2027. */
const weekWords = (week: string) => `tuần ${Number(week.slice(6))} năm ${week.slice(0, 4)}`;

function weeklyListText(
  displayName: string,
  bodyName: string,
  today: CalendarDate,
  list: BodyList,
  agencyName: (code: string) => string,
): { subject: string; text: string } {
  const day = formatVietnameseDate(calendarDate(today));
  const lines = list.entries.map(({ task, daysOverdue }) => {
    const lead = task.leadAgencies[task.leadAgencies.length - 1]?.agency ?? '';
    return reminderLine(task, { rule: 'overdue', days: daysOverdue }, agencyName(lead));
  });
  const more = list.total - lines.length;
  return {
    subject: `Danh sách nhiệm vụ quá hạn ${weekWords(list.week)}: ${list.total} nhiệm vụ`,
    text: [
      `Kính gửi ${displayName},`,
      '',
      `Đến ngày ${day}, ${bodyName} có ${list.total} nhiệm vụ đã giao đang quá hạn, ` +
        `trong đó ${list.over30} nhiệm vụ quá hạn trên 30 ngày và ${list.over120} nhiệm vụ quá hạn trên 120 ngày:`,
      '',
      ...lines.map((line, i) => `${i + 1}. ${line}`),
      ...(more > 0 ? ['', `… và ${more} nhiệm vụ khác: xem danh sách đầy đủ trên hệ thống.`] : []),
      '',
      'Đề nghị đôn đốc các cơ quan chủ trì khẩn trương hoàn thành.',
    ].join('\n'),
  };
}
