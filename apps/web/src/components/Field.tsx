import { useId, type ReactElement, cloneElement } from 'react';

/** A labelled control with the API's messages for it underneath. */
export function Field({
  label,
  errors = [],
  hint,
  children,
  testId,
}: {
  label: string;
  errors?: string[];
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean }>;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className={errors.length ? 'field field-invalid' : 'field'} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': errors.length > 0 })}
      {hint && !errors.length && <small className="hint">{hint}</small>}
      {errors.map((message) => (
        <small key={message} className="field-error" data-testid="field-error">
          {message}
        </small>
      ))}
    </div>
  );
}
