import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../components/FormError';
import { useForm } from '../../components/use-form';
import { formatInstant, formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import {
  commitImport,
  type CommitAnswer,
  type ImportAnswer,
  type ImportApply,
  type ImportDiff,
} from './import-api';
import { deadlineInWords } from './import-words';

/** What the file changes against the tasks already recorded: counts, changes, vanished tasks. */
export function ImportDiffView({ diff }: { diff: ImportDiff }) {
  const { t } = useI18n();
  return (
    <section data-testid="import-diff">
      <h2>{t('imports.diff')}</h2>
      <p className="total" data-testid="import-diff-counts">
        {t('imports.diff.counts', {
          new: formatNumber(diff.new),
          changed: formatNumber(diff.changed),
          unchanged: formatNumber(diff.unchanged),
          vanished: formatNumber(diff.vanished),
        })}
      </p>
      {diff.changes.length > 0 && (
        <>
          <h3>{t('imports.diff.changes')}</h3>
          <ul data-testid="import-diff-changes">
            {diff.changes.map((change) => (
              <li key={`${change.sheet}\u0000${change.row}`} data-testid="import-diff-change">
                {t('imports.diff.change', {
                  row: change.row,
                  title: change.title,
                  agency: change.leadAgencyName,
                })}
                <ul>
                  {change.fields.map((field) => (
                    <li key={field.label}>
                      {field.label}: {field.before || '—'} → {field.after || '—'}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <MoreThanShown shown={diff.changes.length} total={diff.changed} />
        </>
      )}
      {diff.vanishedTasks.length > 0 && (
        <>
          <h3>{t('imports.diff.vanished')}</h3>
          <ul data-testid="import-diff-vanished">
            {diff.vanishedTasks.map((task) => (
              <li key={task.taskId} data-testid="import-diff-vanished-task">
                <Link to={`/tasks/${task.taskId}`}>
                  {t('imports.diff.vanishedTask', {
                    title: task.title,
                    agency: task.leadAgencyName,
                    deadline: deadlineInWords(task.deadline, t),
                  })}
                </Link>
              </li>
            ))}
          </ul>
          <MoreThanShown shown={diff.vanishedTasks.length} total={diff.vanished} />
        </>
      )}
    </section>
  );
}

/**
 * What to apply and "Nhập vào hệ thống": enabled only when the dry run is ready; the answer in
 * one sentence and a link to the task list, or the API's refusal in Vietnamese.
 */
export function ImportCommit({ answer }: { answer: ImportAnswer }) {
  const { t } = useI18n();
  const form = useForm();
  const [apply, setApply] = useState<ImportApply>({ new: true, changed: true, vanished: false });
  const [done, setDone] = useState<CommitAnswer | null>(null);

  const committed = answer.status === 'committed' ? (answer.committed ?? null) : null;
  const result = done ?? committed;
  if (result) {
    return (
      <section className="card" data-testid="import-committed">
        {committed && (
          <p>
            {t('imports.committedAt', { at: formatInstant(committed.at), by: committed.byName })}
          </p>
        )}
        <p className="action-done" role="status" data-testid="import-commit-summary">
          ✓{' '}
          {t('imports.committed', {
            created: formatNumber(result.created),
            updated: formatNumber(result.updated),
            cancelled: formatNumber(result.cancelled),
          })}
        </p>
        <Link to="/tasks" data-testid="import-to-tasks">
          {t('imports.toTasks')}
        </Link>
      </section>
    );
  }

  const id = answer.id;
  const commit = () => {
    if (!id) return;
    void form.run(() => commitImport(id, apply)).then((result) => result && setDone(result));
  };
  const box = (key: keyof ImportApply) => (
    <label className="check" key={key}>
      <input
        type="checkbox"
        data-testid={`import-apply-${key}`}
        checked={apply[key]}
        onChange={(e) => setApply({ ...apply, [key]: e.target.checked })}
      />{' '}
      {t(`imports.apply.${key}`)}
    </label>
  );
  return (
    <section className="card" data-testid="import-commit">
      {answer.diff && (
        <div className="actions">{(['new', 'changed', 'vanished'] as const).map(box)}</div>
      )}
      {!answer.ready && (
        <p className="muted" data-testid="import-not-ready">
          {t('imports.commit.notReady')}
        </p>
      )}
      <FormError error={form.error} />
      <div className="actions">
        <button
          type="button"
          data-testid="import-commit-button"
          disabled={!answer.ready || !id || form.busy}
          onClick={commit}
        >
          {t('imports.commit')}
        </button>
      </div>
    </section>
  );
}

/** "n of m shown": the answer lists the first rows of a long diff. */
function MoreThanShown({ shown, total }: { shown: number; total: number }) {
  const { t } = useI18n();
  if (shown >= total) return null;
  return (
    <p className="muted">
      {t('imports.diff.more', { shown: formatNumber(shown), total: formatNumber(total) })}
    </p>
  );
}
