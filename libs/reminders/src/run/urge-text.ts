import { calendarDate, formatVietnameseDate } from '@chidao/domain';

const KIND_WORDS: Readonly<Record<string, string>> = {
  before_deadline: 'nhiệm vụ sắp đến hạn',
  overdue: 'nhiệm vụ đã quá hạn',
  no_report: 'đề nghị báo cáo tiến độ',
};

/** A person's urge as the agency reads it: who urged, which task, why, and their words. */
export function urgeText(input: {
  readonly recipientName: string;
  readonly urgedBy: string;
  readonly title: string;
  readonly directiveReference: string;
  readonly deadline: string | null;
  readonly kind: string;
  readonly message: string | null;
}): { subject: string; text: string } {
  const why = KIND_WORDS[input.kind] ?? 'đôn đốc thực hiện';
  const deadline = input.deadline
    ? `thời hạn ${formatVietnameseDate(calendarDate(input.deadline))}`
    : 'không thời hạn';
  const said = input.message?.trim() ? `\n\nNội dung: ${input.message.trim()}` : '';
  return {
    subject: `Đôn đốc: ${input.title}`,
    text: [
      `Kính gửi ${input.recipientName},`,
      '',
      `${input.urgedBy} đôn đốc nhiệm vụ «${input.title}» (${input.directiveReference}; ${deadline}): ${why}.${said}`,
      '',
      'Xin xem chi tiết và cập nhật tiến độ trên hệ thống Chidao.',
    ].join('\n'),
  };
}
