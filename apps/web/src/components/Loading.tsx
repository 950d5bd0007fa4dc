import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { FormError } from './FormError';

/** The loading / error / content switch every screen section uses. */
export function Loading<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.error) return <FormError error={state.error} />;
  if (state.data === undefined)
    return (
      <p className="muted" data-testid="loading">
        {t('app.loading')}
      </p>
    );
  return <>{children(state.data)}</>;
}
