/**
 * The import's values in words: a file's size, a task's progress and its change since the last
 * import, a deadline or "Không thời hạn", as the preview and the diff print them.
 */
import { formatDate } from '../../format/format';
import type { Language } from '../../i18n/dictionary';
import type { Translate } from '../../i18n/i18n';
import type { ImportTask } from './import-api';

/** `845 byte`, `12,4 KB`, `3,1 MB` (a decimal comma in Vietnamese). */
export function fileSizeInWords(bytes: number, t: Translate, language: Language): string {
  const oneDecimal = (value: number) => {
    const text = (Math.floor(value * 10) / 10).toFixed(1);
    return language === 'vi' ? text.replace('.', ',') : text;
  };
  if (bytes < 1024) return t('imports.size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('imports.size.kb', { n: oneDecimal(bytes / 1024) });
  return t('imports.size.mb', { n: oneDecimal(bytes / (1024 * 1024)) });
}

export const deadlineInWords = (deadline: string | null, t: Translate): string =>
  deadline === null ? t('imports.noDeadline') : formatDate(deadline);

export function progressInWords(task: ImportTask, t: Translate): string {
  if (task.progress === 'done') {
    return task.completedOn
      ? t('imports.progress.doneOn', { date: formatDate(task.completedOn) })
      : t('imports.progress.done');
  }
  return t(`imports.progress.${task.progress}`);
}

export const changeInWords = (task: ImportTask, t: Translate): string =>
  task.change ? t(`imports.change.${task.change}`) : '—';
