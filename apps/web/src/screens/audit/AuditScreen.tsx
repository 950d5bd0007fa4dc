import { useState, type FormEvent } from 'react';
import { ApiError, download, request, withQuery, api } from '../../api/client';
import type { AuditEvent, TaskDetail } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useForm } from '../../components/use-form';
import {
  formatDate,
  formatInstant,
  formatNumber,
  startOfYear,
  todayInVietnam,
} from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { statusLabel } from '../tasks/task-columns';

/** The first `limit` events of the filter: the API stops reading the log there. */
async function firstEvents(path: string): Promise<AuditEvent[]> {
  const response = await request(path, { accept: 'application/x-ndjson' });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditEvent);
}

export function AuditScreen() {
  const { t } = useI18n();
  return (
    <div data-testid="screen-audit">
      <h1>{t('audit.title')}</h1>
      <EventsSection />
      <div className="grid-2">
        <TaskAsOfSection />
        <IntegritySection />
      </div>
    </div>
  );
}

function EventsSection() {
  const { t } = useI18n();
  const [filters, setFilters] = useState({
    from: startOfYear(),
    to: todayInVietnam(),
    by: 'occurred',
    agency: '',
    actor: '',
    type: '',
    stream: '',
  });
  const [limit, setLimit] = useState(200);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const form = useForm({ invalid_period: 'from', invalid_stream_pattern: 'stream' });
  const path = (format: string, first?: number) =>
    withQuery('/api/audit/events', { ...filters, format, limit: first });
  const set = (name: keyof typeof filters) => (event: { target: { value: string } }) =>
    setFilters({ ...filters, [name]: event.target.value });

  const show = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => setEvents(await firstEvents(path('ndjson', limit))));
  };

  return (
    <form className="card" onSubmit={show} data-testid="audit-events-form">
      <h2>{t('audit.events')}</h2>
      <div className="row">
        <Field label={t('period.from')} errors={form.errorsOf('from')}>
          <input type="date" data-testid="audit-from" value={filters.from} onChange={set('from')} />
        </Field>
        <Field label={t('period.to')} errors={form.errorsOf('to')}>
          <input type="date" data-testid="audit-to" value={filters.to} onChange={set('to')} />
        </Field>
        <Field label={t('audit.by')} errors={form.errorsOf('by')}>
          <select data-testid="audit-by" value={filters.by} onChange={set('by')}>
            <option value="occurred">{t('audit.byOccurred')}</option>
            <option value="recorded">{t('audit.byRecorded')}</option>
          </select>
        </Field>
        <Field label={t('audit.agency')} errors={form.errorsOf('agency')}>
          <input data-testid="audit-agency" value={filters.agency} onChange={set('agency')} />
        </Field>
        <Field label={t('audit.actor')} errors={form.errorsOf('actor')}>
          <input data-testid="audit-actor" value={filters.actor} onChange={set('actor')} />
        </Field>
        <Field label={t('audit.type')} errors={form.errorsOf('type')}>
          <input
            data-testid="audit-type"
            value={filters.type}
            onChange={set('type')}
            placeholder="TaskAssigned,TaskReceived"
          />
        </Field>
        <Field label={t('audit.stream')} errors={form.errorsOf('stream')}>
          <input
            data-testid="audit-stream"
            value={filters.stream}
            onChange={set('stream')}
            placeholder="task-*"
          />
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
        <button
          type="button"
          className="secondary"
          data-testid="audit-csv"
          onClick={() => void form.run(() => download(path('csv'), 'chidao-events.csv'))}
        >
          {t('audit.csv')}
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
                key: 'position',
                header: t('audit.position'),
                align: 'right',
                render: (e) => formatNumber(e.position),
              },
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
              { key: 'type', header: t('audit.type'), render: (e) => e.type },
              { key: 'stream', header: t('audit.stream'), render: (e) => e.streamId },
              {
                key: 'actor',
                header: t('task.who'),
                render: (e) => `${e.agency ?? ''} · ${e.actor}`,
              },
            ]}
          />
        </>
      )}
    </form>
  );
}

function TaskAsOfSection() {
  const { t } = useI18n();
  const [values, setValues] = useState({ id: '', asOf: '', knownAt: '' });
  const [task, setTask] = useState<(TaskDetail & { state?: TaskDetail }) | null>(null);
  const form = useForm({ invalid_known_at: 'knownAt', not_found: 'id' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () =>
      setTask(
        await api(`/api/audit/tasks/${encodeURIComponent(values.id.trim())}`, {
          // The field holds local Hà Nội time; the API takes an instant with its offset.
          query: { asOf: values.asOf, knownAt: values.knownAt && `${values.knownAt}:00+07:00` },
        }),
      ),
    );
  };
  const shown = task ? (task.state ?? task) : null;
  return (
    <form className="card" onSubmit={submit} data-testid="audit-task-form">
      <h2>{t('audit.taskAsOf')}</h2>
      <Field label={t('audit.taskId')} errors={form.errorsOf('id')}>
        <input
          data-testid="audit-task-id"
          value={values.id}
          onChange={(e) => setValues({ ...values, id: e.target.value })}
        />
      </Field>
      <Field label={t('audit.asOf')} errors={form.errorsOf('asOf')}>
        <input
          type="date"
          data-testid="audit-task-as-of"
          value={values.asOf}
          onChange={(e) => setValues({ ...values, asOf: e.target.value })}
        />
      </Field>
      <Field label={t('audit.knownAt')} errors={form.errorsOf('knownAt')}>
        <input
          type="datetime-local"
          data-testid="audit-task-known-at"
          value={values.knownAt}
          onChange={(e) => setValues({ ...values, knownAt: e.target.value })}
        />
      </Field>
      <FormError error={form.error} />
      <button type="submit" data-testid="audit-task-show" disabled={form.busy}>
        {t('audit.show')}
      </button>
      {shown && shown.title && (
        <dl className="fields" data-testid="audit-task-result">
          <dt>{t('task.title')}</dt>
          <dd>{shown.title}</dd>
          <dt>{t('task.status')}</dt>
          <dd>{statusLabel(t, shown.status)}</dd>
          <dt>{t('task.deadline')}</dt>
          <dd>{shown.deadline ? formatDate(shown.deadline) : t('task.noDeadline')}</dd>
          <dt>{t('task.leadAgency')}</dt>
          <dd>{shown.leadAgency}</dd>
        </dl>
      )}
      {task && (
        <pre className="text" data-testid="audit-task-raw">
          {JSON.stringify(task, null, 2)}
        </pre>
      )}
    </form>
  );
}

function IntegritySection() {
  const { t } = useI18n();
  const [result, setResult] = useState<{
    ok: boolean;
    eventsChecked: number;
    streams: number;
    anchorsChecked: number;
    firstBreak: { position: number } | null;
  } | null>(null);
  const form = useForm();
  return (
    <section className="card" data-testid="audit-integrity">
      <h2>{t('audit.integrity')}</h2>
      <button
        type="button"
        data-testid="audit-verify"
        disabled={form.busy}
        onClick={() => void form.run(async () => setResult(await api('/api/audit/verify')))}
      >
        {t('audit.verify')}
      </button>
      <FormError error={form.error instanceof ApiError ? form.error : null} />
      {result && (
        <p className={result.ok ? 'ok' : 'bad'} data-testid="audit-verify-result">
          {result.ok
            ? t('audit.integrityOk', {
                events: formatNumber(result.eventsChecked),
                streams: formatNumber(result.streams),
                anchors: formatNumber(result.anchorsChecked),
              })
            : t('audit.integrityBroken', {
                position: formatNumber(result.firstBreak?.position ?? 0),
              })}
        </p>
      )}
    </section>
  );
}
