import { DateInput } from '../../components/DateInput';
import { useState, type FormEvent } from 'react';
import { api, download, request, withQuery } from '../../api/client';
import type { Agency, AuditEventInWords } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import {
  formatDate,
  formatInstant,
  formatNumber,
  startOfYear,
  todayInVietnam,
} from '../../format/format';
import { DICTIONARIES, type MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';

/** The event types an auditor filters on, by the names the dictionary gives them. */
const EVENT_TYPES = Object.keys(DICTIONARIES.vi)
  .filter((key) => key.startsWith('event.'))
  .map((key) => key.slice('event.'.length));

/** The first `limit` events of the filter: the API stops reading the log there. */
async function firstEvents(path: string): Promise<AuditEventInWords[]> {
  const response = await request(path, { accept: 'application/x-ndjson' });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditEventInWords);
}

/**
 * The events of a period in words: when, the event's name, who entered it (by name and agency)
 * and what it says; the same filter downloads as CSV with Vietnamese or English headers.
 */
export function AuditEventsSection() {
  const { t, language } = useI18n();
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const [filters, setFilters] = useState({
    from: startOfYear(),
    to: todayInVietnam(),
    by: 'occurred',
    agency: '',
    type: '',
  });
  const [limit, setLimit] = useState(200);
  const [events, setEvents] = useState<AuditEventInWords[] | null>(null);
  const form = useForm({ invalid_period: 'from' });
  const path = (query: Record<string, string | number | undefined>) =>
    withQuery('/api/audit/events', { ...filters, ...query });
  const put = (name: keyof typeof filters, value: string) =>
    setFilters({ ...filters, [name]: value });
  const set = (name: keyof typeof filters) => (event: { target: { value: string } }) =>
    put(name, event.target.value);

  const show = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => setEvents(await firstEvents(path({ format: 'ndjson', limit }))));
  };
  const csv = (lang: 'vi' | 'en') => () =>
    void form.run(() => download(path({ format: 'csv', lang }), `chidao-su-kien-${lang}.csv`));

  return (
    <form className="card" onSubmit={show} data-testid="audit-events-form">
      <h2>{t('audit.events')}</h2>
      <div className="row">
        <Field label={t('period.from')} errors={form.errorsOf('from')}>
          <DateInput
            testId="audit-from"
            value={filters.from}
            onChange={(value) => put('from', value)}
          />
        </Field>
        <Field label={t('period.to')} errors={form.errorsOf('to')}>
          <DateInput testId="audit-to" value={filters.to} onChange={(value) => put('to', value)} />
        </Field>
        <Field label={t('audit.by')} errors={form.errorsOf('by')}>
          <select data-testid="audit-by" value={filters.by} onChange={set('by')}>
            <option value="occurred">{t('audit.byOccurred')}</option>
            <option value="recorded">{t('audit.byRecorded')}</option>
          </select>
        </Field>
        <Field label={t('audit.agency')} errors={form.errorsOf('agency')}>
          <select data-testid="audit-agency" value={filters.agency} onChange={set('agency')}>
            <option value="">{t('audit.allAgencies')}</option>
            {(agencies.data ?? []).map((agency) => (
              <option key={agency.code} value={agency.code}>
                {agency.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.type')} errors={form.errorsOf('type')}>
          <select data-testid="audit-type" value={filters.type} onChange={set('type')}>
            <option value="">{t('audit.allTypes')}</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`event.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.limit')}>
          <input
            type="number"
            min={1}
            max={5000}
            data-testid="audit-limit"
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value) || 200)}
          />
        </Field>
      </div>
      <FormError error={form.error} />
      <div className="actions">
        <button type="submit" data-testid="audit-show" disabled={form.busy}>
          {t('audit.show')}
        </button>
        <button type="button" className="secondary" data-testid="audit-csv" onClick={csv('vi')}>
          {t('audit.csv')}
        </button>
        <button type="button" className="secondary" data-testid="audit-csv-en" onClick={csv('en')}>
          {t('audit.csvEnglish')}
        </button>
      </div>
      {events && (
        <>
          <p className="muted">{t('audit.shown', { count: formatNumber(events.length) })}</p>
          <DataTable
            testId="audit-events-table"
            rows={events}
            rowKey={(e) => String(e.position)}
            columns={[
              {
                key: 'occurredOn',
                header: t('task.when'),
                render: (e) => formatDate(e.occurredOn),
              },
              {
                key: 'recordedAt',
                header: t('task.recordedAt'),
                render: (e) => formatInstant(e.recordedAt),
              },
              {
                key: 'type',
                header: t('audit.type'),
                render: (e) => e.words?.label[language] ?? t('audit.otherEvent'),
              },
              { key: 'who', header: t('task.who'), render: (e) => e.words?.who[language] ?? '—' },
              {
                key: 'sentence',
                header: t('timeline.what'),
                render: (e) => e.words?.sentence[language] ?? '—',
              },
            ]}
          />
        </>
      )}
    </form>
  );
}
