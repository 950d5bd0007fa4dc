import {
  calendarDate,
  formatVietnameseDate,
  reminderRuleWords,
  type TaskTimeline,
} from '@chidao/domain';
import type { DueReminder } from '../reminder.types';

const vnDate = (date: string) => formatVietnameseDate(calendarDate(date));

/** The deadline in force, as the timeline has it (the last entry). */
const deadlineOf = (task: TaskTimeline): string | null =>
  task.deadlines.length === 0 ? null : task.deadlines[task.deadlines.length - 1].deadline;

/** One task's line in a digest: «title» — why (deadline); lead agency. */
export function reminderLine(
  task: TaskTimeline,
  reminder: Pick<DueReminder, 'rule' | 'days'>,
  leadAgencyName: string,
): string {
  const why = reminderRuleWords(reminder.rule, reminder.days).vi;
  const deadline = deadlineOf(task);
  const when = deadline ? `thời hạn ${vnDate(deadline)}` : 'không thời hạn';
  return `«${task.title}» (${task.directiveReference}) — ${why}; ${when}; chủ trì: ${leadAgencyName}.`;
}

/** A person's digest of a run: the subject and the plain text (the e-mail adds links). */
export function digestText(
  displayName: string,
  today: string,
  lines: readonly string[],
  more = 0,
): { subject: string; text: string } {
  const day = vnDate(today);
  const count = lines.length + more;
  const subject = `Nhắc việc ngày ${day}: ${count} nhiệm vụ cần chú ý`;
  const text = [
    `Kính gửi ${displayName},`,
    '',
    `Ngày ${day}, hệ thống theo dõi nhiệm vụ nhắc ${count} nhiệm vụ cần chú ý:`,
    '',
    ...lines.map((line, i) => `${i + 1}. ${line}`),
    ...(more > 0 ? ['', `… và ${more} nhiệm vụ khác: xem danh sách đầy đủ trên hệ thống.`] : []),
    '',
    'Xin xem chi tiết và cập nhật tiến độ trên hệ thống Chidao.',
  ].join('\n');
  return { subject, text };
}
