import { useState, type FormEvent } from 'react';
import { DomainError, parseDocumentReference } from '@chidao/domain';
import { api } from '../../api/client';
import type { Directive } from '../../api/types';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';

// Domain refusals that concern the reference field rather than the whole form.
const CODE_FIELDS = {
  invalid_document_reference: 'reference',
  invalid_number: 'reference',
  invalid_year: 'reference',
  directive_already_registered: 'reference',
};

/**
 * Entering a directive. The reference is checked as it is typed by the domain's own parser —
 * the very function the API runs — so the message next to the field is the API's messageVi;
 * on submit the API's answer replaces it.
 */
export function DirectiveForm({ onRegistered }: { onRegistered: (directive: Directive) => void }) {
  const { t, language } = useI18n();
  const [values, setValues] = useState({
    reference: '',
    issuedOn: '',
    issuer: '',
    title: '',
    summary: '',
  });
  const form = useForm(CODE_FIELDS);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  const parsed = values.reference.trim() ? parseDocumentReference(values.reference.trim()) : null;
  const typing =
    parsed instanceof DomainError ? [language === 'vi' ? parsed.messageVi : parsed.message] : [];
  const referenceErrors = form.errorsOf('reference').length ? form.errorsOf('reference') : typing;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) if (value.trim()) body[key] = value.trim();
    void form.run(async () => {
      const directive = await api<Directive & { directiveId?: string }>('/api/directives', {
        method: 'POST',
        body,
      });
      onRegistered({ ...directive, id: directive.id ?? directive.directiveId });
      setValues({ reference: '', issuedOn: '', issuer: '', title: '', summary: '' });
    });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="directive-form">
      <h2>{t('directives.new')}</h2>
      <div className="row">
        <Field
          label={t('directives.reference')}
          errors={referenceErrors}
          hint={
            parsed && !(parsed instanceof DomainError)
              ? `✓ ${t('directives.referenceOk')}`
              : undefined
          }
          testId="directive-reference-field"
        >
          <input
            data-testid="directive-reference"
            value={values.reference}
            onChange={set('reference')}
            placeholder="24/CTr-UBND"
          />
        </Field>
        <Field label={t('directives.issuedOn')} errors={form.errorsOf('issuedOn')}>
          <DateInput
            testId="directive-issued-on"
            value={values.issuedOn}
            onChange={(issuedOn) => setValues({ ...values, issuedOn })}
          />
        </Field>
        <Field label={t('directives.issuer')} errors={form.errorsOf('issuer')}>
          <input data-testid="directive-issuer" value={values.issuer} onChange={set('issuer')} />
        </Field>
      </div>
      <Field label={t('directives.titleField')} errors={form.errorsOf('title')}>
        <input data-testid="directive-title" value={values.title} onChange={set('title')} />
      </Field>
      <Field label={t('directives.summary')} errors={form.errorsOf('summary')}>
        <textarea
          data-testid="directive-summary"
          value={values.summary}
          onChange={set('summary')}
        />
      </Field>
      <FormError error={form.error} />
      <button type="submit" data-testid="directive-register" disabled={form.busy}>
        {t('directives.register')}
      </button>
    </form>
  );
}
