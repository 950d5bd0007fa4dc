import { useState, type FormEvent } from 'react';
import { api, download, request } from '../../api/client';
import type { Page, PeriodPreview, Report, ReportListItem } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { StatsSummary } from '../../components/StatsSummary';
import { countColumns, rateColumns } from '../../components/stats-columns';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { useAgencyNames } from '../../components/use-agency-names';
import { formatDate, formatInstant, todayInVietnam } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import {
  PERIOD_KINDS,
  periodIdOf,
  periodWords,
  type PeriodKind,
  type PeriodPick,
} from './period-words';
import { DateInput } from '../../components/DateInput';

/** Reports: pick a period, take a snapshot for it, read its figures and text, download, verify. */
export function ReportsScreen() {
  const { t } = useI18n();
  const agencyName = useAgencyNames();
  const today = todayInVietnam();
  const [pick, setPick] = useState<PeriodPick>(() => ({
    kind: 'quarter',
    year: Number(today.slice(0, 4)),
    month: Number(today.slice(5, 7)),
    quarter: Math.ceil(Number(today.slice(5, 7)) / 3),
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
    asOf: today,
  }));
  const [convention, setConvention] = useState('calendar');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useAsync(
    () => api<Page<ReportListItem>>('/api/reports', { query: { limit: 50 } }),
    [],
  );
  const periodId = periodIdOf(pick);
  // The dates and words of the picked period come from the API (the domain's period rules).
  const preview = useAsync(
    () => api<PeriodPreview>('/api/reports/period', { query: { period: periodId, convention } }),
    [periodId, convention],
  );
  const form = useForm();
  const set = (change: Partial<PeriodPick>) => setPick((current) => ({ ...current, ...change }));
  const years = Array.from({ length: 11 }, (_, i) => Number(today.slice(0, 4)) - i);

  const take = (event: FormEvent) => {
    event.preventDefault();
    if (!preview.data || preview.loading || preview.error) return;
    // A period still running is taken up to today, under its own name.
    const upToToday = preview.data.upToToday;
    void form.run(async () => {
      const report = await api<Report>('/api/reports', {
        method: 'POST',
        body: { period: periodId, convention, ...(upToToday ? { upToToday } : {}) },
      });
      setSelected(report.id);
      list.reload();
    });
  };

  const fixed = !['range', 'as_of'].includes(pick.kind);
  return (
    <div data-testid="screen-reports">
      <h1>{t('reports.title')}</h1>
      <form className="card" onSubmit={take} data-testid="report-form">
        <div className="row">
          <Field label={t('reports.periodType')}>
            <select
              data-testid="report-period-type"
              value={pick.kind}
              onChange={(e) => set({ kind: e.target.value as PeriodKind })}
            >
              {PERIOD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`reports.type.${kind}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          {pick.kind === 'month' && (
            <Field label={t('reports.month')}>
              <select
                data-testid="report-month"
                value={pick.month}
                onChange={(e) => set({ month: Number(e.target.value) })}
              >
                {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {t('reports.monthName', { n })}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {pick.kind === 'quarter' && (
            <Field label={t('reports.quarter')}>
              <select
                data-testid="report-quarter"
                value={pick.quarter}
                onChange={(e) => set({ quarter: Number(e.target.value) })}
              >
                {['I', 'II', 'III', 'IV'].map((roman, i) => (
                  <option key={roman} value={i + 1}>
                    {t('reports.quarterName', { n: roman })}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {fixed && (
            <Field label={t('reports.year')}>
              <select
                data-testid="report-year"
                value={pick.year}
                onChange={(e) => set({ year: Number(e.target.value) })}
              >
                {years.map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {pick.kind === 'range' && (
            <>
              <Field label={t('reports.from')}>
                <DateInput
                  testId="report-from"
                  value={pick.from}
                  onChange={(value) => set({ from: value })}
                />
              </Field>
              <Field label={t('reports.to')}>
                <DateInput
                  testId="report-to"
                  value={pick.to}
                  onChange={(value) => set({ to: value })}
                />
              </Field>
            </>
          )}
          {pick.kind === 'as_of' && (
            <Field label={t('reports.asOf')}>
              <DateInput
                testId="report-as-of"
                value={pick.asOf}
                onChange={(value) => set({ asOf: value })}
              />
            </Field>
          )}
          <Field label={t('reports.convention')} errors={form.errorsOf('convention')}>
            <select
              data-testid="report-convention"
              value={convention}
              onChange={(e) => setConvention(e.target.value)}
            >
              <option value="calendar">{t('reports.calendar')}</option>
              <option value="nd09">{t('reports.nd09')}</option>
            </select>
          </Field>
        </div>
        <Loading state={preview}>
          {(p) => (
            <p data-testid="report-period-preview">
              {p.upToToday
                ? t('reports.upToToday', {
                    start: formatDate(p.takeAs.start),
                    end: formatDate(p.takeAs.end),
                  })
                : t('reports.picked', {
                    label: p.labelVi,
                    start: formatDate(p.period.start),
                    end: formatDate(p.period.end),
                  })}
            </p>
          )}
        </Loading>
        <button
          type="submit"
          data-testid="report-take"
          disabled={form.busy || !preview.data || preview.loading || Boolean(preview.error)}
        >
          {t('reports.take')}
        </button>
        <FormError error={form.error} />
      </form>
      {selected && <ReportView id={selected} />}
      <section className="card">
        <h2>{t('reports.list')}</h2>
        <Loading state={list}>
          {(page) => (
            <DataTable
              testId="report-table"
              rows={page.items}
              rowKey={(r) => r.id}
              onRowClick={(r) => setSelected(r.id)}
              columns={[
                {
                  key: 'period',
                  header: t('reports.period'),
                  render: (r) => periodWords(r.periodId),
                },
                {
                  key: 'agency',
                  header: t('dashboard.agency'),
                  render: (r) => agencyName(r.agency),
                },
                {
                  key: 'takenAt',
                  header: t('reports.takenAt'),
                  render: (r) => formatInstant(r.takenAt),
                },
                {
                  key: 'trigger',
                  header: '',
                  render: (r) =>
                    r.trigger === 'manual' ? t('reports.manual') : t('reports.scheduled'),
                },
              ]}
            />
          )}
        </Loading>
      </section>
    </div>
  );
}

function ReportView({ id }: { id: string }) {
  const { t } = useI18n();
  const agencyName = useAgencyNames();
  const state = useAsync(
    () =>
      Promise.all([
        api<Report>(`/api/reports/${id}`),
        // /text answers text/plain, not JSON.
        request(`/api/reports/${id}/text`, { accept: 'text/plain' }).then((r) => r.text()),
      ]),
    [id],
  );
  const verify = useForm();
  const [verified, setVerified] = useState<{ identical: boolean; digestValid: boolean } | null>(
    null,
  );
  return (
    <section className="card" data-testid="report-view">
      <Loading state={state}>
        {([report, text]) => (
          <>
            <h2 data-testid="report-title">
              {report.period.labelVi}
              {/* A range's label already says its dates. */}
              {report.period.labelVi.includes(formatDate(report.period.end))
                ? ''
                : ` (${formatDate(report.period.start)} – ${formatDate(report.period.end)})`}
              {report.scope.agencyName ? ` — ${report.scope.agencyName}` : ''}
            </h2>
            <StatsSummary
              stats={report.figures.scope}
              testId="report-stats"
              listScope={{
                from: report.period.start,
                to: report.period.end,
                at: report.period.end,
                agency: report.scope.agency ?? undefined,
                units: report.scope.includeUnits,
                directive: report.scope.directive ?? undefined,
              }}
            />
            <DataTable
              testId="report-agencies"
              rows={report.figures.byAgency}
              rowKey={(g) => g.key}
              columns={[
                {
                  key: 'agency',
                  header: t('dashboard.agency'),
                  render: (g) => agencyName(g.key),
                },
                ...countColumns(t, ['total']),
                ...rateColumns(t, ['doneOfAssigned', 'doneOfDue', 'onTimeOfDone', 'overdueShare']),
              ]}
            />
            <h2>{t('reports.text')}</h2>
            <pre className="text" data-testid="report-text">
              {text}
            </pre>
            <div className="actions">
              <button
                type="button"
                data-testid="report-xlsx"
                onClick={() =>
                  void download(`/api/reports/${id}.xlsx`, `Bao cao ${report.period.id}.xlsx`)
                }
              >
                {t('reports.xlsx')}
              </button>
              <button
                type="button"
                data-testid="report-docx"
                onClick={() =>
                  void download(`/api/reports/${id}.docx`, `Bao cao ${report.period.id}.docx`)
                }
              >
                {t('reports.docx')}
              </button>
              <button
                type="button"
                data-testid="report-verify"
                disabled={verify.busy}
                onClick={() =>
                  void verify.run(async () => setVerified(await api(`/api/reports/${id}/verify`)))
                }
              >
                {t('reports.verify')}
              </button>
            </div>
            <FormError error={verify.error} />
            {verified && (
              <p
                className={verified.identical && verified.digestValid ? 'ok' : 'bad'}
                data-testid="report-verify-result"
              >
                {verified.identical && verified.digestValid
                  ? t('reports.verifyOk')
                  : t('reports.verifyFail')}
              </p>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
