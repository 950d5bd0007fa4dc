import { useI18n } from '../i18n/i18n';
import { errorText } from './use-form';

export function FormError({ error }: { error: unknown }) {
  const { language } = useI18n();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid="form-error">
      {errorText(error, language)}
    </p>
  );
}
