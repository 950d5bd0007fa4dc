import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Agency, Directive } from '../../api/types';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';

interface Row {
  title: string;
  leadAgency: string;
  supportAgencies: string[];
  leaderInCharge: string;
  deadline: string;
  keyTask: boolean;
}

const emptyRow = (): Row => ({
  title: '',
  leadAgency: '',
  supportAgencies: [],
  leaderInCharge: '',
  deadline: '',
  keyTask: false,
});

/** The tasks of a directive as a grid, assigned all at once (the API takes all or none). */
export function AssignTasksGrid({
  directive,
  onAssigned,
  onClose,
}: {
  directive: Directive;
  onAssigned: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [assigned, setAssigned] = useState<number | null>(null);
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const form = useForm();

  const update = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tasks = rows.map((row) => ({
      title: row.title.trim(),
      leadAgency: row.leadAgency,
      ...(row.supportAgencies.length ? { supportAgencies: row.supportAgencies } : {}),
      ...(row.leaderInCharge.trim() ? { leaderInCharge: row.leaderInCharge.trim() } : {}),
      ...(row.deadline ? { deadline: row.deadline } : {}),
      keyTask: row.keyTask,
    }));
    void form.run(async () => {
      const answer = await api<{ tasks: unknown[] }>(`/api/directives/${directive.id}/tasks`, {
        method: 'POST',
        body: { tasks },
      });
      setAssigned(answer.tasks.length);
      setRows([emptyRow()]);
      onAssigned();
    });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="assign-grid">
      <h2>
        {t('directives.tasks')} — {directive.reference.text}
      </h2>
      {rows.map((row, index) => (
        <div className="row assign-row" key={index} data-testid="assign-row">
          <Field label={t('assign.titleField')} errors={form.errorsOf(`tasks.${index}.title`)}>
            <input
              data-testid="assign-title"
              value={row.title}
              onChange={(e) => update(index, { title: e.target.value })}
            />
          </Field>
          <Field label={t('task.leadAgency')} errors={form.errorsOf(`tasks.${index}.leadAgency`)}>
            <select
              data-testid="assign-agency"
              value={row.leadAgency}
              onChange={(e) => update(index, { leadAgency: e.target.value })}
            >
              <option value="" />
              {(agencies.data ?? [])
                .filter((agency) => agency.active)
                .map((agency) => (
                  <option key={agency.code} value={agency.code}>
                    {agency.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('task.deadline')} errors={form.errorsOf(`tasks.${index}.deadline`)}>
            <DateInput
              testId="assign-deadline"
              value={row.deadline}
              onChange={(deadline) => update(index, { deadline })}
            />
          </Field>
          <details className="more-fields">
            <summary>{t('assign.moreFields')}</summary>
            <Field
              label={t('task.supportAgencies')}
              errors={form.errorsOf(`tasks.${index}.supportAgencies`)}
            >
              <select
                multiple
                data-testid="assign-support"
                value={row.supportAgencies}
                onChange={(e) =>
                  update(index, {
                    supportAgencies: [...e.target.selectedOptions].map((option) => option.value),
                  })
                }
              >
                {(agencies.data ?? [])
                  .filter((agency) => agency.active && agency.code !== row.leadAgency)
                  .map((agency) => (
                    <option key={agency.code} value={agency.code}>
                      {agency.name}
                    </option>
                  ))}
              </select>
            </Field>
            <Field
              label={t('task.leaderInCharge')}
              errors={form.errorsOf(`tasks.${index}.leaderInCharge`)}
            >
              <input
                data-testid="assign-leader"
                value={row.leaderInCharge}
                onChange={(e) => update(index, { leaderInCharge: e.target.value })}
              />
            </Field>
          </details>
          <label>
            <input
              type="checkbox"
              data-testid="assign-key"
              checked={row.keyTask}
              onChange={(e) => update(index, { keyTask: e.target.checked })}
            />{' '}
            {t('task.keyTask')}
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
            disabled={rows.length === 1}
          >
            {t('directives.removeRow')}
          </button>
        </div>
      ))}
      <FormError error={form.error} />
      {assigned !== null && !form.error && (
        <p className="ok" data-testid="assign-done">
          {t('directives.assigned', { count: assigned })}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          data-testid="assign-add-row"
          onClick={() => setRows([...rows, emptyRow()])}
        >
          {t('directives.addRow')}
        </button>
        <button type="submit" data-testid="assign-submit" disabled={form.busy}>
          {t('directives.assign')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('app.close')}
        </button>
      </div>
    </form>
  );
}
