import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type {
  Agency,
  AuditSearchResult,
  DirectiveAsOfInWords,
  TaskAsOfInWords,
} from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { formatDate, formatInstant, formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { statusLabel } from '../tasks/task-columns';
import { classLabel, EventsInWords, FIGURE_LINES, knownAtParam } from './audit-words';
import { DateInput } from '../../components/DateInput';

type Picked = { kind: 'task' | 'directive'; id: string; title: string };

/**
 * Time travel from a search: find a task or a directive by the words of its title or number,
 * pick it, choose the day it is read at and the instant the log is read as of, and read it as the
 * task page showed it then (fields in words, timeline in sentences) with the entries made later.
 */
export function TimeTravelSection() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<AuditSearchResult | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [when, setWhen] = useState({ asOf: '', knownDate: '', knownTime: '' });
  const [task, setTask] = useState<TaskAsOfInWords | null>(null);
  const [directive, setDirective] = useState<DirectiveAsOfInWords | null>(null);
  const search = useForm();
  const read = useForm({ invalid_known_at: 'knownAt' });

  const find = (event: FormEvent) => {
    event.preventDefault();
    void search.run(async () =>
      setFound(await api<AuditSearchResult>('/api/audit/search', { query: { q } })),
    );
  };
  const show = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    const query = { asOf: when.asOf, knownAt: knownAtParam(when.knownDate, when.knownTime) };
    void read.run(async () => {
      if (picked.kind === 'task') {
        setDirective(null);
        setTask(await api<TaskAsOfInWords>(`/api/audit/tasks/${picked.id}`, { query }));
      } else {
        setTask(null);
        setDirective(
          await api<DirectiveAsOfInWords>(`/api/audit/directives/${picked.id}`, { query }),
        );
      }
    });
  };
  const pick = (next: Picked) => {
    setPicked(next);
    setTask(null);
    setDirective(null);
  };

  return (
    <section className="card" data-testid="audit-time-travel">
      <h2>{t('audit.timeTravel')}</h2>
      <form onSubmit={find} className="row">
        <Field label={t('audit.searchWords')} errors={search.errorsOf('q')}>
          <input
            data-testid="audit-search-q"
            required
            minLength={2}
            maxLength={200}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('audit.searchHint')}
          />
        </Field>
        <div className="actions">
          <button type="submit" data-testid="audit-search" disabled={search.busy}>
            {t('audit.search')}
          </button>
        </div>
      </form>
      <FormError error={search.error} />
      {found && (
        <>
          <h3>{t('audit.foundTasks')}</h3>
          <DataTable
            testId="audit-found-tasks"
            rows={found.tasks}
            rowKey={(row) => row.id}
            onRowClick={(row) => pick({ kind: 'task', id: row.id, title: row.title })}
            columns={[
              { key: 'title', header: t('task.title'), render: (row) => row.title },
              { key: 'ref', header: t('task.directive'), render: (row) => row.directiveReference },
              { key: 'lead', header: t('task.leadAgency'), render: (row) => row.leadAgencyName },
              {
                key: 'assigned',
                header: t('task.assignedOn'),
                render: (row) => formatDate(row.assignedOn),
              },
            ]}
          />
          <h3>{t('audit.foundDirectives')}</h3>
          <DataTable
            testId="audit-found-directives"
            rows={found.directives}
            rowKey={(row) => row.id}
            onRowClick={(row) =>
              pick({ kind: 'directive', id: row.id, title: `${row.reference} — ${row.title}` })
            }
            columns={[
              { key: 'ref', header: t('task.directive'), render: (row) => row.reference },
              { key: 'title', header: t('task.title'), render: (row) => row.title },
              {
                key: 'issued',
                header: t('audit.issuedOn'),
                render: (row) => formatDate(row.issuedOn),
              },
            ]}
          />
        </>
      )}
      {picked && (
        <form onSubmit={show} data-testid="audit-travel-form">
          <p>
            {t('audit.picked')}: <strong data-testid="audit-picked">{picked.title}</strong>
          </p>
          <div className="row">
            <Field label={t('audit.asOf')} errors={read.errorsOf('asOf')}>
              <DateInput
                testId="audit-as-of"
                value={when.asOf}
                onChange={(value) => setWhen({ ...when, asOf: value })}
              />
            </Field>
            <Field label={t('audit.knownAtDay')} errors={read.errorsOf('knownAt')}>
              <DateInput
                testId="audit-known-date"
                value={when.knownDate}
                onChange={(value) => setWhen({ ...when, knownDate: value })}
              />
            </Field>
            <Field label={t('audit.knownAtTime')}>
              <input
                type="time"
                data-testid="audit-known-time"
                value={when.knownTime}
                onChange={(e) => setWhen({ ...when, knownTime: e.target.value })}
              />
            </Field>
          </div>
          <FormError error={read.error} />
          <button type="submit" data-testid="audit-travel-show" disabled={read.busy}>
            {t('audit.show')}
          </button>
        </form>
      )}
      {task && <TaskAsItStood task={task} />}
      {directive && <DirectiveAsItStood directive={directive} />}
    </section>
  );
}

/** Agency names from the register; null until it has loaded (no code shown meanwhile). */
function useAgencyNames(): ((code: string | null | undefined) => string) | null {
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const list = agencies.data;
  if (!list) return null;
  return (code) => (code ? (list.find((agency) => agency.code === code)?.name ?? code) : '—');
}

/** The task page as it stood: the same fields in words, the timeline in sentences. */
function TaskAsItStood({ task }: { task: TaskAsOfInWords }) {
  const { t } = useI18n();
  const agencyName = useAgencyNames();
  if (agencyName === null) {
    return (
      <p className="muted" data-testid="loading">
        {t('app.loading')}
      </p>
    );
  }
  const s = task.state;
  const assigned = s.status !== 'not_assigned';
  const fields: [string, string][] = assigned
    ? [
        [t('task.directive'), s.directiveReference ?? '—'],
        [t('task.status'), statusLabel(t, s.status)],
        [t('audit.classAt'), classLabel(t, task.classification?.class)],
        [t('task.leadAgency'), agencyName(s.leadAgency)],
        [
          t('task.supportAgencies'),
          (s.supportAgencies ?? []).map((code) => agencyName(code)).join(', ') || '—',
        ],
        [t('task.assignedOn'), formatDate(s.assignedOn)],
        [t('task.deadline'), s.deadline ? formatDate(s.deadline) : t('task.noDeadline')],
        [t('task.progress'), s.progress == null ? '—' : `${formatNumber(s.progress)}%`],
        [t('task.completedOn'), formatDate(s.completion?.completedOn)],
        [t('task.resultDocument'), s.completion?.resultDocument ?? '—'],
      ]
    : [[t('task.status'), t('audit.notAssignedYet')]];
  return (
    <div data-testid="audit-task-result">
      <h3 data-testid="audit-task-title">{s.title ?? t('audit.notAssignedYet')}</h3>
      <p className="muted" data-testid="audit-as-it-stood">
        {t('audit.asItStood', {
          asOf: formatDate(task.asOf),
          knownAt: formatInstant(task.knownAt),
        })}
      </p>
      <dl className="fields" data-testid="audit-task-fields">
        {fields.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('task.timeline')}</h4>
      <EventsInWords events={task.history} testId="audit-task-timeline" />
      <LaterEntries count={task.laterBackdated.count} events={task.laterBackdated.events} />
    </div>
  );
}

function DirectiveAsItStood({ directive }: { directive: DirectiveAsOfInWords }) {
  const { t } = useI18n();
  const s = directive.state;
  const scope = directive.tasks.scope;
  return (
    <div data-testid="audit-directive-result">
      <h3>
        {s.reference?.text ?? '—'} — {s.title}
      </h3>
      <p className="muted">
        {t('audit.asItStood', {
          asOf: formatDate(directive.asOf),
          knownAt: formatInstant(directive.knownAt),
        })}
      </p>
      <dl className="fields">
        <dt>{t('audit.issuer')}</dt>
        <dd>{s.issuer}</dd>
        <dt>{t('audit.issuedOn')}</dt>
        <dd>{formatDate(s.issuedOn)}</dd>
        <dt>{t('task.status')}</dt>
        <dd>{t(`audit.directiveStatus.${s.status}` as Parameters<typeof t>[0])}</dd>
        {FIGURE_LINES.map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{t(key)}</dt>
            <dd>{value(scope)}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('task.timeline')}</h4>
      <EventsInWords events={directive.history} testId="audit-directive-timeline" />
      <LaterEntries
        count={directive.laterBackdated.count}
        events={directive.laterBackdated.events}
      />
    </div>
  );
}

function LaterEntries({ count, events }: { count: number; events: TaskAsOfInWords['history'] }) {
  const { t } = useI18n();
  if (count === 0) return <p className="muted">{t('audit.noLaterEntries')}</p>;
  return (
    <>
      <h4>{t('audit.laterEntries', { count: formatNumber(count) })}</h4>
      <EventsInWords events={events} testId="audit-later-entries" />
    </>
  );
}
