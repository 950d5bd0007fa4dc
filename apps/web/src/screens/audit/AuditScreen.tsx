import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useForm } from '../../components/use-form';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { AuditEventsSection } from './AuditEventsSection';
import { KnownAtFiguresSection } from './KnownAtFiguresSection';
import { TimeTravelSection } from './TimeTravelSection';

/** The auditor's screen: the log's events in words, time travel, figures as known, integrity. */
export function AuditScreen() {
  const { t } = useI18n();
  return (
    <div data-testid="screen-audit">
      <h1>{t('audit.title')}</h1>
      <AuditEventsSection />
      <TimeTravelSection />
      <KnownAtFiguresSection />
      <IntegritySection />
    </div>
  );
}

function IntegritySection() {
  const { t } = useI18n();
  const [result, setResult] = useState<{
    ok: boolean;
    eventsChecked: number;
    streams: number;
    anchorsChecked: number;
    firstBreak: { position: number } | null;
  } | null>(null);
  const form = useForm();
  return (
    <section className="card" data-testid="audit-integrity">
      <h2>{t('audit.integrity')}</h2>
      <button
        type="button"
        data-testid="audit-verify"
        disabled={form.busy}
        onClick={() => void form.run(async () => setResult(await api('/api/audit/verify')))}
      >
        {t('audit.verify')}
      </button>
      <FormError error={form.error instanceof ApiError ? form.error : null} />
      {result && (
        <p className={result.ok ? 'ok' : 'bad'} data-testid="audit-verify-result">
          {result.ok
            ? t('audit.integrityOk', {
                events: formatNumber(result.eventsChecked),
                streams: formatNumber(result.streams),
                anchors: formatNumber(result.anchorsChecked),
              })
            : t('audit.integrityBroken', {
                position: formatNumber(result.firstBreak?.position ?? 0),
              })}
        </p>
      )}
    </section>
  );
}
