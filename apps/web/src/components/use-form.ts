import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * A form's submission state: busy flag, the API's error, and its messages per field in the
 * current language. `codeFields` puts an error without a field list (a domain refusal such as
 * `invalid_document_reference`) under the field it is about; so does a refusal whose details
 * name a field (`details.field`) when the form lists that field in `fields`.
 */
export function useForm(codeFields: Record<string, string> = {}, fields: readonly string[] = []) {
  const { language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const result = await action();
      setDone(true);
      return result;
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const errorsOf = (field: string): string[] => {
    if (!(error instanceof ApiError)) return [];
    const own = error.fields[field] ?? [];
    const messages = own.map((p) => (language === 'vi' ? p.messageVi : p.message));
    // A domain refusal about one field says which (details.field): shown under that field.
    if (
      codeFields[error.code] === field ||
      (fields.includes(field) && fieldOfRefusal(error) === field)
    ) {
      messages.push(language === 'vi' ? error.messageVi : error.message);
    }
    return messages;
  };

  /** The error when no field carries it (shown once above the buttons). */
  const general =
    error instanceof ApiError &&
    (Object.keys(error.fields).length > 0 ||
      codeFields[error.code] ||
      (fieldOfRefusal(error) !== undefined && fields.includes(fieldOfRefusal(error)!)))
      ? null
      : error;

  return {
    busy,
    error: general,
    fullError: error,
    done,
    run,
    errorsOf,
    reset: () => setError(null),
  };
}

export function errorText(error: unknown, language: string): string {
  if (error instanceof ApiError) return language === 'vi' ? error.messageVi : error.message;
  return error instanceof Error ? error.message : String(error);
}

function fieldOfRefusal(error: ApiError): string | undefined {
  const field = error.details?.field;
  return typeof field === 'string' ? field : undefined;
}
