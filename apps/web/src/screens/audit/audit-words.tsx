import type { AuditedEventInWords, CompletionStats } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatInstant, formatNumber } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n, type Translate } from '../../i18n/i18n';

/** "14:00 ngày 03/06/2024" from the date and time an auditor picked (Hà Nội time). */
export const knownAtParam = (date: string, time: string): string | undefined =>
  date ? `${date}T${time || '23:59'}:00+07:00` : undefined;

/** The class of a task at a cut-off in words. */
export const classLabel = (t: Translate, value: string | null | undefined): string =>
  value ? t(`audit.class.${value}` as MessageKey) : t('audit.notCounted');

/** A stream's events in sentences: the day, the event, who, what it says, recorded when. */
export function EventsInWords({
  events,
  testId,
}: {
  events: readonly AuditedEventInWords[];
  testId: string;
}) {
  const { t, language } = useI18n();
  return (
    <DataTable
      testId={testId}
      rows={events}
      rowKey={(e) => String(e.position)}
      columns={[
        { key: 'when', header: t('task.when'), render: (e) => formatDate(e.occurredOn) },
        {
          key: 'event',
          header: t('task.event'),
          render: (e) => <strong>{e.label[language]}</strong>,
        },
        { key: 'sentence', header: t('timeline.what'), render: (e) => e.sentence[language] },
        { key: 'who', header: t('task.who'), render: (e) => e.who[language] },
        {
          key: 'recorded',
          header: t('task.recordedAt'),
          render: (e) => formatInstant(e.recordedAt),
        },
      ]}
    />
  );
}

/** The lines of a completion statistics table, in the order reports print them. */
export const FIGURE_LINES: readonly [MessageKey, (s: CompletionStats) => number | string][] = [
  ['stats.total', (s) => formatNumber(s.total)],
  ['stats.doneOnTime', (s) => formatNumber(s.done.onTime)],
  ['stats.doneLate', (s) => formatNumber(s.done.late)],
  ['audit.doneNoDeadline', (s) => formatNumber(s.done.noDeadline)],
  ['stats.notDoneWithin', (s) => formatNumber(s.notDone.withinDeadline)],
  ['stats.notDoneOverdue', (s) => formatNumber(s.notDone.overdue)],
  ['audit.notDoneNoDeadline', (s) => formatNumber(s.notDone.noDeadline)],
  ['stats.rateDoneOfAssigned', (s) => s.rates.doneOfAssigned.display],
  ['stats.rateDoneOfDue', (s) => s.rates.doneOfDue.display],
  ['stats.rateOnTimeOfDone', (s) => s.rates.onTimeOfDone.display],
];
