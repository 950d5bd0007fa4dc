import { useEffect, useRef, useState } from 'react';
import { formatDate, parseVietnameseDate } from '../format/format';
import { useI18n } from '../i18n/i18n';

/**
 * A date typed or picked, always shown as dd/mm/yyyy: a browser's own date box follows the
 * browser's language (mm/dd/yyyy in an English Chrome), so the box is text and the calendar
 * a hidden native picker opened by a button. `value` and `onChange` carry `YYYY-MM-DD`; text
 * that is not a day is passed on as typed, so the server names the field's problem.
 */
export function DateInput({
  value,
  onChange,
  testId,
  id,
  'aria-invalid': invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  id?: string;
  'aria-invalid'?: boolean;
}) {
  const { t } = useI18n();
  const shown = (iso: string) => (parseVietnameseDate(formatDate(iso)) ? formatDate(iso) : iso);
  const [text, setText] = useState(shown(value));
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (a form reset, the picker) replaces what was typed.
  useEffect(() => {
    if (value !== (parseVietnameseDate(text) ?? text)) setText(shown(value));
  }, [value]);

  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder={t('date.placeholder')}
        aria-invalid={invalid}
        data-testid={testId}
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          onChange(typed.trim() === '' ? '' : (parseVietnameseDate(typed) ?? typed));
        }}
      />
      <button
        type="button"
        className="secondary date-pick"
        aria-label={t('date.pick')}
        title={t('date.pick')}
        data-testid={testId ? `${testId}-pick` : undefined}
        onClick={() => picker.current?.showPicker?.()}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className="date-native"
        value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''}
        onChange={(event) => {
          setText(formatDate(event.target.value));
          onChange(event.target.value);
        }}
      />
    </span>
  );
}
