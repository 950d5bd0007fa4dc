import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { DirectiveDetail, Page, StatsResult, TaskListItem } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { StatsSummary } from '../../components/StatsSummary';
import { TILE_CLASSES, taskListLink } from '../../components/stats-links';
import { useAgencyNames } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { formatDate, formatNumber, todayInVietnam } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { statusLabel } from '../tasks/task-columns';

/** The statistics count tasks assigned from this day: a directive's figures count them all. */
const BEGINNING = '1945-01-01';

interface ClassifiedTask extends TaskListItem {
  classAt?: { class: string; daysOverdue: number; deadline: string | null };
}

/**
 * A directive's own page: the document as registered, the tasks it assigned (lead agency by
 * name, deadline, status in words, days overdue) and its figures from the statistics API
 * ("hoàn thành 3/3 nhiệm vụ, đạt 100%"). Withdrawal is offered only when the server says the
 * caller may withdraw it (canWithdraw).
 */
export function DirectiveScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const agencyName = useAgencyNames();
  const today = todayInVietnam();
  const directive = useAsync(() => api<DirectiveDetail>(`/api/directives/${id}`), [id]);
  const tasks = useAsync(
    () =>
      api<Page<ClassifiedTask>>('/api/tasks', {
        // Every class: each task comes with its classification at today (days overdue).
        query: { directive: id, classAt: today, class: TILE_CLASSES.total.join(','), limit: 200 },
      }),
    [id],
  );
  const figures = useAsync(
    () =>
      api<StatsResult>('/api/stats/completion', {
        query: { directive: id, from: BEGINNING, to: today, asOf: today },
      }),
    [id],
  );
  const listScope = { from: BEGINNING, to: today, at: today, directive: id };

  return (
    <div data-testid="screen-directive">
      <p>
        <Link to="/directives" data-testid="directive-back">
          ← {t('directive.back')}
        </Link>
      </p>
      <Loading state={directive}>
        {(d) => (
          <>
            <h1 data-testid="directive-heading">
              {d.reference.text} — {d.title}
            </h1>
            <section className="card" data-testid="directive-document">
              <h2>{t('directive.document')}</h2>
              <dl className="directive-doc">
                <dt>{t('directives.reference')}</dt>
                <dd data-testid="directive-reference">{d.reference.text}</dd>
                <dt>{t('directives.issuedOn')}</dt>
                <dd data-testid="directive-issued-on">{formatDate(d.issuedOn)}</dd>
                <dt>{t('directives.issuer')}</dt>
                <dd data-testid="directive-issuer">{d.issuer}</dd>
                <dt>{t('directives.titleField')}</dt>
                <dd data-testid="directive-title">{d.title}</dd>
                {d.summary && (
                  <>
                    <dt>{t('directives.summary')}</dt>
                    <dd data-testid="directive-summary">{d.summary}</dd>
                  </>
                )}
                <dt>{t('directive.status')}</dt>
                <dd data-testid="directive-status">
                  {t(`directive.status.${d.status}` as MessageKey)}
                </dd>
                {d.withdrawnReason && (
                  <>
                    <dt>{t('directive.withdrawnReason')}</dt>
                    <dd>{d.withdrawnReason}</dd>
                  </>
                )}
              </dl>
              {d.canWithdraw && <WithdrawForm id={d.id} onWithdrawn={directive.reload} />}
            </section>
          </>
        )}
      </Loading>

      <section className="card" data-testid="directive-figures">
        <h2>{t('directive.figures')}</h2>
        <Loading state={figures}>
          {(result) => (
            <>
              <p className="figures-line" data-testid="directive-figures-line">
                {t('directive.figuresLine', {
                  done: formatNumber(result.scope.done.total),
                  total: formatNumber(result.scope.total),
                  rate: result.scope.rates.doneOfAssigned.display,
                })}
                . {t('directive.figuresAsOf', { date: formatDate(result.asOf) })}
              </p>
              <StatsSummary stats={result.scope} testId="directive-stats" listScope={listScope} />
            </>
          )}
        </Loading>
      </section>

      <section className="card">
        <h2>{t('directive.tasks')}</h2>
        <Loading state={tasks}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted" data-testid="directive-no-tasks">
                {t('directive.noTasks')}
              </p>
            ) : (
              <>
                <DataTable
                  testId="directive-tasks"
                  rows={page.items}
                  rowKey={(task) => task.id}
                  columns={[
                    {
                      key: 'title',
                      header: t('task.title'),
                      render: (task) => (
                        <Link to={`/tasks/${task.id}`} data-testid="task-link">
                          {task.title}
                        </Link>
                      ),
                    },
                    {
                      key: 'lead',
                      header: t('task.leadAgency'),
                      render: (task) => agencyName(task.leadAgency),
                    },
                    {
                      key: 'deadline',
                      header: t('task.deadline'),
                      render: (task) =>
                        task.deadline ? formatDate(task.deadline) : t('task.noDeadline'),
                    },
                    {
                      key: 'status',
                      header: t('task.status'),
                      render: (task) => statusLabel(t, task.status),
                    },
                    {
                      key: 'daysOverdue',
                      header: t('task.daysOverdue'),
                      align: 'right',
                      render: (task) =>
                        task.classAt && task.classAt.daysOverdue > 0 ? (
                          <span className="badge overdue" data-testid="days-overdue">
                            {formatNumber(task.classAt.daysOverdue)}
                          </span>
                        ) : (
                          ''
                        ),
                    },
                  ]}
                />
                <p>
                  <Link
                    to={taskListLink(listScope, TILE_CLASSES.total)}
                    data-testid="directive-all-tasks"
                  >
                    {t('directive.allTasks')}
                  </Link>
                </p>
              </>
            )
          }
        </Loading>
      </section>
    </div>
  );
}

/** Withdrawal of a directive registered in error: a reason, then the API's answer. */
function WithdrawForm({ id, onWithdrawn }: { id: string; onWithdrawn: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form
      .run(() => api(`/api/directives/${id}/withdrawal`, { method: 'POST', body: { reason } }))
      .then((result) => {
        if (result !== undefined) onWithdrawn();
      });
  };
  if (!open) {
    return (
      <button type="button" data-testid="directive-withdraw" onClick={() => setOpen(true)}>
        {t('directive.withdraw')}
      </button>
    );
  }
  return (
    <form onSubmit={submit} data-testid="directive-withdraw-form">
      <Field label={t('directive.withdrawReason')} errors={form.errorsOf('reason')}>
        <textarea
          data-testid="directive-withdraw-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <button type="submit" data-testid="directive-withdraw-confirm" disabled={form.busy}>
        {t('directive.withdrawConfirm')}
      </button>
      <FormError error={form.error} />
      {form.done && <p className="ok">{t('directive.withdrawn')}</p>}
    </form>
  );
}
