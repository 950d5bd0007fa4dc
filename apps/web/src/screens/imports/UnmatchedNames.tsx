import { IMPORT_FIELD_LABELS } from '@chidao/domain';
import { useState } from 'react';
import { FormError } from '../../components/FormError';
import { useAgencies } from '../../components/use-agency-names';
import { useForm } from '../../components/use-form';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { rememberAlias, type UnmatchedName } from './import-api';

/**
 * "Tên cơ quan chưa khớp": each agency name the register did not recognise, with the registered
 * agency it means; "Ghi nhớ" keeps the name as that agency's alias for every later list, then
 * `onRemembered` checks the file again.
 */
export function UnmatchedNames({
  names,
  onRemembered,
}: {
  names: readonly UnmatchedName[];
  /**
   * Told the sentence confirming a name remembered, then checks the file again and shows it
   * (this table is replaced by the new check's). null: the file is not at hand (a past import):
   * the sentence shows here.
   */
  onRemembered: ((confirmation: string) => void) | null;
}) {
  const { t, language } = useI18n();
  const { agencies, nameOf } = useAgencies();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [remembered, setRemembered] = useState<string | null>(null);
  const form = useForm();
  const active = agencies.filter((agency) => agency.active);

  const remember = (alias: string) => {
    const code = chosen[alias];
    if (!code) return;
    setRemembered(null);
    void form
      .run(async () => {
        await rememberAlias(code, alias);
        return true;
      })
      .then((saved) => {
        if (!saved) return;
        const confirmation = t('imports.unmatched.remembered', { alias, agency: nameOf(code) });
        if (onRemembered) onRemembered(confirmation);
        else setRemembered(confirmation);
      });
  };

  return (
    <section data-testid="import-unmatched">
      <h2>{t('imports.unmatched')}</h2>
      <p className="muted">{t('imports.unmatched.hint')}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('imports.unmatched.name')}</th>
              <th>{t('imports.unmatched.field')}</th>
              <th className="right">{t('imports.unmatched.rows')}</th>
              <th>{t('imports.unmatched.agency')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <tr key={`${name.field}\u0000${name.text}`} data-testid="import-unmatched-row">
                <td>{name.text}</td>
                <td>{IMPORT_FIELD_LABELS[name.field][language]}</td>
                <td className="right">{formatNumber(name.rows)}</td>
                <td>
                  <select
                    aria-label={t('imports.unmatched.agency')}
                    data-testid="import-unmatched-agency"
                    value={chosen[name.text] ?? ''}
                    onChange={(e) => setChosen({ ...chosen, [name.text]: e.target.value })}
                  >
                    <option value="">{t('imports.unmatched.choose')}</option>
                    {active.map((agency) => (
                      <option key={agency.code} value={agency.code}>
                        {agency.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    data-testid="import-unmatched-remember"
                    disabled={form.busy || !chosen[name.text]}
                    onClick={() => remember(name.text)}
                  >
                    {t('imports.unmatched.remember')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={form.error} />
      {remembered && <AliasRemembered confirmation={remembered} />}
    </section>
  );
}

export function AliasRemembered({ confirmation }: { confirmation: string }) {
  return (
    <p className="action-done" role="status" data-testid="import-alias-remembered">
      ✓ {confirmation}
    </p>
  );
}
