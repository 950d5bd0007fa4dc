import { backoffMs, nextAttemptAt, renderReminderEmail, shortMessageText } from '../../src';
import { EMAIL_SETTINGS, queuedMessage } from './support';

describe('back-off', () => {
  it('waits 1, 2, 4 … minutes, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 11].map((attempt) => backoffMs(attempt) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2026-12-07T01:00:00.000Z');
    expect(nextAttemptAt(1, now)).toBe('2026-12-07T01:01:00.000Z');
    expect(nextAttemptAt(11, now)).toBe('2026-12-07T02:00:00.000Z');
    expect(nextAttemptAt(12, now)).toBeNull();
    expect(nextAttemptAt(2, now, 2)).toBeNull();
  });
});

describe('renderReminderEmail', () => {
  const doc = queuedMessage({
    messageId: 'run-1-u7-email',
    channel: 'email',
    address: 'a@chidao.test',
    taskIds: ['task-1', 'task "2"/<x>'],
  });
  const mail = renderReminderEmail(doc, EMAIL_SETTINGS);

  it('keeps the subject and text as queued, with a link per task', () => {
    expect(mail.messageId).toBe('run-1-u7-email@chidao.test');
    expect(mail.to).toEqual([{ name: '', address: 'a@chidao.test' }]);
    expect(mail.subject).toBe(doc.subject);
    expect(mail.text.startsWith(doc.text)).toBe(true);
    expect(mail.text).toContain('https://chidao.example/tasks/task-1\n');
    expect(mail.text).toContain('https://chidao.example/tasks/task%20%222%22%2F%3Cx%3E');
  });

  it('escapes every value in the HTML', () => {
    expect(mail.html).toContain('Báo cáo giải ngân &lt;vốn&gt; &amp; đầu tư');
    expect(mail.html).toContain('<a href="https://chidao.example/tasks/task-1">task-1</a>');
    expect(mail.html).toContain('>task &quot;2&quot;/&lt;x&gt;</a>');
    expect(mail.html).not.toMatch(/<vốn>|"2"/);
    expect(mail.html).toContain('<p>Kính gửi ông Nguyễn Văn A,</p>');
  });
});

describe('shortMessageText', () => {
  it('keeps a short text on one line', () => {
    expect(shortMessageText('Kính gửi ông A,\n\n- Nhiệm vụ X quá hạn.')).toBe(
      'Kính gửi ông A, - Nhiệm vụ X quá hạn.',
    );
  });

  it('cuts a long text at a word with an ellipsis', () => {
    const text = Array.from({ length: 100 }, (_, i) => `nhiệm-vụ-${i}`).join(' ');
    const cut = shortMessageText(text, 50);
    expect([...cut].length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.slice(0, -1)).toMatch(/nhiệm-vụ-\d+$/);
    expect(text).toContain(`${cut.slice(0, -1)} `);
  });
});
