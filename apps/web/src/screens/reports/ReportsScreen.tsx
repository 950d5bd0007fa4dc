import { useState, type FormEvent } from 'react';
import { api, download, request } from '../../api/client';
import type { Page, Report, ReportListItem } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { StatsSummary } from '../../components/StatsSummary';
import { countColumns, rateColumns } from '../../components/stats-columns';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { formatDate, formatInstant } from '../../format/format';
import { useI18n } from '../../i18n/i18n';

/** Reports: take a snapshot for a period, read its figures and text, download, verify. */
export function ReportsScreen() {
  const { t } = useI18n();
  const [period, setPeriod] = useState('');
  const [convention, setConvention] = useState('calendar');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useAsync(
    () => api<Page<ReportListItem>>('/api/reports', { query: { limit: 50 } }),
    [],
  );
  const form = useForm();

  const take = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const report = await api<Report>('/api/reports', {
        method: 'POST',
        body: { period: period.trim(), convention },
      });
      setSelected(report.id);
      list.reload();
    });
  };

  return (
    <div data-testid="screen-reports">
      <h1>{t('reports.title')}</h1>
      <form className="card row" onSubmit={take} data-testid="report-form">
        <Field
          label={t('reports.period')}
          hint={t('reports.periodHint')}
          errors={form.errorsOf('period')}
        >
          <input
            data-testid="report-period"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            placeholder="2024-Q2"
          />
        </Field>
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
        <button type="submit" data-testid="report-take" disabled={form.busy}>
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
                { key: 'period', header: t('reports.period'), render: (r) => r.periodId },
                { key: 'agency', header: t('task.leadAgency'), render: (r) => r.agency },
                {
                  key: 'takenAt',
                  header: t('reports.takenAt'),
                  render: (r) => formatInstant(r.takenAt),
                },
                { key: 'trigger', header: '', render: (r) => r.trigger },
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
              {report.period.labelVi} ({formatDate(report.period.start)} –{' '}
              {formatDate(report.period.end)}) — {report.scope.agencyName}
            </h2>
            <StatsSummary stats={report.figures.scope} testId="report-stats" />
            <DataTable
              testId="report-agencies"
              rows={report.figures.byAgency}
              rowKey={(g) => g.key}
              columns={[
                { key: 'agency', header: t('dashboard.agency'), render: (g) => g.label },
                ...countColumns(t, ['total']),
                ...rateColumns(t),
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
                onClick={() => void download(`/api/reports/${id}.xlsx`, `${id}.xlsx`)}
              >
                {t('reports.xlsx')}
              </button>
              <button
                type="button"
                data-testid="report-docx"
                onClick={() => void download(`/api/reports/${id}.docx`, `${id}.docx`)}
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
