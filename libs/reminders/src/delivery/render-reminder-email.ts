/**
 * A queued e-mail message as it goes out: the text as queued, the same in HTML (every value
 * escaped), a link to each task it speaks of, and a Message-ID fixed by the message's id, so a
 * resend after a crash is the same message to mail clients.
 */
import type { ReminderMessageQueuedData } from '@chidao/domain';
import type { OutgoingEmail } from '../reminder.types';

export interface ReminderEmailSettings {
  /** Where people open Chidao, e.g. `https://chidao.tinh.gov.vn`; task links start with it. */
  readonly publicUrl: string;
  /** The right-hand side of Message-IDs: the deployment's mail domain, e.g. `tinh.gov.vn`. */
  readonly mailDomain: string;
}

type QueuedEmail = Pick<
  ReminderMessageQueuedData,
  'messageId' | 'address' | 'subject' | 'text' | 'taskIds'
>;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);

/** `${publicUrl}/tasks/${taskId}`, the task id encoded as a path segment. */
export const taskLink = (publicUrl: string, taskId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/tasks/${encodeURIComponent(taskId)}`;

export function renderReminderEmail(
  doc: QueuedEmail,
  settings: ReminderEmailSettings,
): OutgoingEmail {
  const links = doc.taskIds.map((taskId) => taskLink(settings.publicUrl, taskId));
  const text =
    links.length === 0
      ? doc.text
      : `${doc.text}\n\nXem nhiệm vụ trên Chidao:\n${links.map((link) => `- ${link}`).join('\n')}\n`;
  // The queued text's paragraphs (blank lines) and lines, as the plain text shows them.
  const paragraphs = doc.text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`);
  const list =
    links.length === 0
      ? ''
      : '<p>Xem nhiệm vụ trên Chidao:</p><ul>' +
        links
          .map((link, index) => {
            const href = escapeHtml(link);
            return `<li><a href="${href}">${escapeHtml(doc.taskIds[index])}</a></li>`;
          })
          .join('') +
        '</ul>';
  return {
    messageId: `${doc.messageId}@${settings.mailDomain}`,
    to: doc.address === null ? [] : [{ name: '', address: doc.address }],
    subject: doc.subject,
    text,
    html: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head><body>${paragraphs.join('')}${list}</body></html>`,
  };
}
