import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Agency } from '../../api/types';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';
import type { ActionField, TaskAction } from './task-actions';

const URGE_KINDS = ['overdue', 'before_deadline', 'no_report'] as const;

/**
 * One task command as a small form: the fields it needs, the API's messages under each, and
 * `onDone` to reload the screen. Empty fields are not sent (the API refuses unknown or empty).
 */
export function TaskActionForm({
  taskId,
  action,
  requestId,
  onDone,
  onCancel,
}: {
  taskId: string;
  action: TaskAction;
  requestId?: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string | string[]>>({});
  const names = action.fields.map((field) => field.name);
  const form = useForm({ invalid_document_reference: 'resultDocument' }, names);
  const needsAgencies = action.fields.some((f) => f.type === 'agency' || f.type === 'agencies');
  const agencies = useAsync(
    () => (needsAgencies ? api<Agency[]>('/api/agencies') : Promise.resolve([])),
    [needsAgencies],
  );
  const set = (name: string, value: string | string[]) => setValues({ ...values, [name]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of action.fields) {
      const value = values[field.name];
      if (Array.isArray(value)) {
        if (value.length) body[field.name] = value;
        continue;
      }
      const text = value?.trim();
      if (text) body[field.name] = field.type === 'number' ? Number(text) : text;
    }
    void form
      .run(() =>
        api(`/api/tasks/${taskId}/${action.path(requestId)}`, { method: 'POST', body }).then(
          () => true,
        ),
      )
      .then((result) => result !== undefined && onDone());
  };

  const control = (field: ActionField) => {
    const testId = `action-field-${field.name}`;
    const value = values[field.name];
    const text = typeof value === 'string' ? value : '';
    const active = (agencies.data ?? []).filter((agency) => agency.active);
    switch (field.type) {
      case 'textarea':
        return (
          <textarea
            data-testid={testId}
            value={text}
            onChange={(e) => set(field.name, e.target.value)}
          />
        );
      case 'date':
        return <DateInput testId={testId} value={text} onChange={(v) => set(field.name, v)} />;
      case 'agency':
        return (
          <select
            data-testid={testId}
            value={text}
            onChange={(e) => set(field.name, e.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {active.map((agency) => (
              <option key={agency.code} value={agency.code}>
                {agency.name}
              </option>
            ))}
          </select>
        );
      case 'agencies': {
        const chosen = Array.isArray(value) ? value : [];
        return (
          <select
            multiple
            data-testid={testId}
            value={chosen}
            onChange={(e) =>
              set(
                field.name,
                [...e.target.selectedOptions].map((option) => option.value),
              )
            }
          >
            {active.map((agency) => (
              <option key={agency.code} value={agency.code}>
                {agency.name}
              </option>
            ))}
          </select>
        );
      }
      case 'urgeKind':
        return (
          <select
            data-testid={testId}
            value={text}
            onChange={(e) => set(field.name, e.target.value)}
          >
            {URGE_KINDS.map((kind) => (
              <option key={kind} value={kind === 'overdue' ? '' : kind}>
                {t(`urge.${kind}`)}
              </option>
            ))}
          </select>
        );
      default:
        return (
          <input
            type={field.type === 'number' ? 'number' : 'text'}
            inputMode={field.type === 'number' ? 'numeric' : undefined}
            data-testid={testId}
            value={text}
            onChange={(e) => set(field.name, e.target.value)}
          />
        );
    }
  };

  return (
    <form className="card action-form" onSubmit={submit} data-testid={`action-form-${action.id}`}>
      <h3>{t(action.label)}</h3>
      {action.fields.map((field) => (
        <Field
          key={field.name}
          label={t(field.label)}
          hint={field.hint ? t(field.hint) : undefined}
          errors={form.errorsOf(field.name)}
        >
          {control(field)}
        </Field>
      ))}
      <FormError error={form.error} />
      <div className="actions">
        <button type="submit" data-testid="action-submit" disabled={form.busy}>
          {t('action.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
