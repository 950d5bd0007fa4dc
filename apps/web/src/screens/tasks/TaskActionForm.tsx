import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';
import type { TaskAction } from './task-actions';

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
  const [values, setValues] = useState<Record<string, string>>({});
  const form = useForm();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of action.fields) {
      const value = values[field.name]?.trim();
      if (value) body[field.name] = field.type === 'number' ? Number(value) : value;
    }
    void form
      .run(() =>
        api(`/api/tasks/${taskId}/${action.path(requestId)}`, { method: 'POST', body }).then(
          () => true,
        ),
      )
      .then((result) => result !== undefined && onDone());
  };

  return (
    <form className="card action-form" onSubmit={submit} data-testid={`action-form-${action.id}`}>
      <h3>{t(action.label)}</h3>
      {action.fields.map((field) => (
        <Field key={field.name} label={t(field.label)} errors={form.errorsOf(field.name)}>
          {field.type === 'textarea' ? (
            <textarea
              data-testid={`action-field-${field.name}`}
              value={values[field.name] ?? ''}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            />
          ) : (
            <input
              type={field.type}
              data-testid={`action-field-${field.name}`}
              value={values[field.name] ?? ''}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            />
          )}
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
