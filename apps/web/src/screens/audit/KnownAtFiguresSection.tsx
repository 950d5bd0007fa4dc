import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Agency, StatsDifference } from '../../api/types';
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
import { useI18n } from '../../i18n/i18n';
import { FIGURE_LINES, knownAtParam } from './audit-words';
import { DateInput } from '../../components/DateInput';

/**
 * A period's figures as they were known at an instant, beside today's, and the entries made
 * after that instant for days of the period: the reason the two columns differ. Every figure is
 * the API's (GET /api/audit/stats/difference); the screen only lays them side by side.
 */
export function KnownAtFiguresSection() {
  const { t, language } = useI18n();
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const [values, setValues] = useState({
    from: startOfYear(),
    to: todayInVietnam(),
    knownDate: '',
    knownTime: '',
    agency: '',
  });
  const [result, setResult] = useState<StatsDifference | null>(null);
  const form = useForm({ invalid_known_at: 'knownAt', invalid_period: 'from' });
  // Figures shown always match the fields: a change clears them until asked again.
  const put = (name: keyof typeof values, value: string) => {
    setValues({ ...values, [name]: value });
    setResult(null);
  };
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    put(name, event.target.value);

  const show = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () =>
      setResult(
        await api<StatsDifference>('/api/audit/stats/difference', {
          query: {
            from: values.from,
            to: values.to,
            knownAt: knownAtParam(values.knownDate, values.knownTime),
            agency: values.agency || undefined,
            includeUnits: values.agency ? 'true' : undefined,
          },
        }),
      ),
    );
  };

  return (
    <form className="card" onSubmit={show} data-testid="audit-figures-form">
      <h2>{t('audit.figuresKnownAt')}</h2>
      <div className="row">
        <Field label={t('period.from')} errors={form.errorsOf('from')}>
          <DateInput
            testId="audit-figures-from"
            value={values.from}
            onChange={(value) => put('from', value)}
          />
        </Field>
        <Field label={t('period.to')} errors={form.errorsOf('to')}>
          <DateInput
            testId="audit-figures-to"
            value={values.to}
            onChange={(value) => put('to', value)}
          />
        </Field>
        <Field label={t('audit.knownAtDay')} errors={form.errorsOf('knownAt')}>
          <DateInput
            testId="audit-figures-known-date"
            value={values.knownDate}
            onChange={(value) => put('knownDate', value)}
          />
        </Field>
        <Field label={t('audit.knownAtTime')}>
          <input
            type="time"
            data-testid="audit-figures-known-time"
            value={values.knownTime}
            onChange={set('knownTime')}
          />
        </Field>
        <Field label={t('audit.agency')} errors={form.errorsOf('agency')}>
          <select data-testid="audit-figures-agency" value={values.agency} onChange={set('agency')}>
            <option value="">{t('audit.allAgencies')}</option>
            {(agencies.data ?? []).map((agency) => (
              <option key={agency.code} value={agency.code}>
                {agency.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <FormError error={form.error} />
      <button type="submit" data-testid="audit-figures-show" disabled={form.busy}>
        {t('audit.compare')}
      </button>
      {result && (
        <div data-testid="audit-figures-result">
          <p className="muted">
            {t('audit.figuresPeriod', {
              from: formatDate(result.from),
              to: formatDate(result.to),
              asOf: formatDate(result.asOf),
            })}
          </p>
          <DataTable
            testId="audit-figures-table"
            rows={FIGURE_LINES}
            rowKey={([key]) => key}
            columns={[
              { key: 'line', header: '', render: ([key]) => t(key) },
              {
                key: 'then',
                header: t('audit.knownAtColumn', { at: formatInstant(result.knownAt.knownAt) }),
                align: 'right',
                render: ([, value]) => value(result.knownAt.scope),
              },
              {
                key: 'now',
                header: t('audit.todayColumn', { at: formatInstant(result.today.knownAt) }),
                align: 'right',
                render: ([, value]) => value(result.today.scope),
              },
            ]}
          />
          <h3 data-testid="audit-late-summary">
            {result.lateEntries.count === 0
              ? t('audit.noLateEntries')
              : t('audit.lateEntriesExplain', { count: formatNumber(result.lateEntries.count) })}
          </h3>
          {result.lateEntries.count > 0 && (
            <DataTable
              testId="audit-late-entries"
              rows={result.lateEntries.entries}
              rowKey={(e) => String(e.position)}
              columns={[
                { key: 'when', header: t('task.when'), render: (e) => formatDate(e.occurredOn) },
                {
                  key: 'recorded',
                  header: t('task.recordedAt'),
                  render: (e) => formatInstant(e.recordedAt),
                },
                { key: 'task', header: t('audit.task'), render: (e) => e.taskTitle },
                { key: 'event', header: t('task.event'), render: (e) => e.label[language] },
                {
                  key: 'sentence',
                  header: t('timeline.what'),
                  render: (e) => e.sentence[language],
                },
                { key: 'who', header: t('task.who'), render: (e) => e.who[language] },
              ]}
            />
          )}
        </div>
      )}
    </form>
  );
}
