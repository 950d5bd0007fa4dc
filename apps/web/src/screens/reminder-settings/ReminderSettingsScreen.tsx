import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAgencies } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { useI18n } from '../../i18n/i18n';
import { ActionDone } from '../tasks/TaskActions';

type Value = number | boolean;

interface SettingField {
  name: string;
  labelVi: string;
  labelEn: string;
  kind: 'whole' | 'boolean';
  min?: number;
  max?: number;
}

interface SettingsView {
  agency: string;
  agencyName: string;
  override: Record<string, Value>;
  defaults: Record<string, Value>;
  effective: Record<string, Value>;
  fields: SettingField[];
}

/**
 * "Cài đặt nhắc việc": the reminder rules' numbers for the tasks one assigning body gives out.
 * Each box left empty follows the deployment's setting, shown beside it; what is saved goes to
 * the log (AgencyReminderSettingsChanged). Administrators choose the body; a tracking office
 * sets its own body's.
 */
export function ReminderSettingsScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  const { agencies } = useAgencies();
  const isAdmin = user?.roles.includes('admin') ?? false;
  const [code, setCode] = useState<string>(user?.agency ?? '');
  const chosen = code || (isAdmin ? (agencies.find((a) => a.parent === null)?.code ?? '') : '');
  return (
    <section>
      <h1>{t('reminderSettings.title')}</h1>
      <p className="muted">{t('reminderSettings.hint')}</p>
      {isAdmin && (
        <Field label={t('reminderSettings.body')}>
          <select
            data-testid="reminder-settings-body"
            value={chosen}
            onChange={(e) => setCode(e.target.value)}
          >
            {agencies
              .filter((agency) => agency.active)
              .map((agency) => (
                <option key={agency.code} value={agency.code}>
                  {agency.name}
                </option>
              ))}
          </select>
        </Field>
      )}
      {chosen ? <SettingsOf key={chosen} code={chosen} /> : <p>{t('reminderSettings.noBody')}</p>}
    </section>
  );
}

function SettingsOf({ code }: { code: string }) {
  const view = useAsync(
    () => api<SettingsView>(`/api/agencies/${encodeURIComponent(code)}/reminder-settings`),
    [code],
  );
  return <Loading state={view}>{(loaded) => <SettingsForm view={loaded} />}</Loading>;
}

/** A box's text: empty follows the deployment. */
type Entries = Record<string, string>;

const entriesOf = (view: SettingsView): Entries =>
  Object.fromEntries(
    view.fields.map((field) => {
      const value = view.override[field.name];
      return [field.name, value === undefined ? '' : String(value)];
    }),
  );

function SettingsForm({ view: initial }: { view: SettingsView }) {
  const { t, language } = useI18n();
  const [view, setView] = useState(initial);
  const [entries, setEntries] = useState<Entries>(() => entriesOf(initial));
  const [saved, setSaved] = useState(false);
  const form = useForm(
    {},
    initial.fields.map((field) => field.name),
  );
  const label = (field: SettingField) => (language === 'vi' ? field.labelVi : field.labelEn);
  const shown = (value: Value | undefined) =>
    typeof value === 'boolean'
      ? t(value ? 'reminderSettings.yes' : 'reminderSettings.no')
      : String(value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // The whole override each time: an empty box goes back to the deployment's setting.
    const body: Record<string, Value | string | null> = Object.fromEntries(
      view.fields.map((field): [string, Value | string | null] => {
        const entry = entries[field.name].trim();
        if (entry === '') return [field.name, null];
        if (field.kind === 'boolean') return [field.name, entry === 'true'];
        // Sent as typed when it is no whole number: the server names the box and the range.
        return [field.name, /^\d+$/.test(entry) ? Number(entry) : entry];
      }),
    );
    void form
      .run(() =>
        api<SettingsView>(`/api/agencies/${encodeURIComponent(view.agency)}/reminder-settings`, {
          method: 'PUT',
          body,
        }),
      )
      .then((answer) => {
        if (!answer) return;
        setView(answer);
        setEntries(entriesOf(answer));
        setSaved(true);
      });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="reminder-settings-form" noValidate>
      <h2>{t('reminderSettings.of', { body: view.agencyName })}</h2>
      {view.fields.map((field) => (
        <Field
          key={field.name}
          label={label(field)}
          hint={t('reminderSettings.default', {
            value: shown(view.defaults[field.name]),
            inForce: shown(view.effective[field.name]),
          })}
          errors={form.errorsOf(field.name)}
          testId={`setting-${field.name}-field`}
        >
          {field.kind === 'boolean' ? (
            <select
              data-testid={`setting-${field.name}`}
              value={entries[field.name]}
              onChange={(e) => setEntries({ ...entries, [field.name]: e.target.value })}
            >
              <option value="">{t('reminderSettings.asDefault')}</option>
              <option value="true">{t('reminderSettings.yes')}</option>
              <option value="false">{t('reminderSettings.no')}</option>
            </select>
          ) : (
            <input
              inputMode="numeric"
              data-testid={`setting-${field.name}`}
              placeholder={t('reminderSettings.asDefault')}
              value={entries[field.name]}
              onChange={(e) => setEntries({ ...entries, [field.name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <FormError error={form.error} />
      <ActionDone done={saved ? 'reminderSettings.saved' : null} />
      <div className="actions">
        <button type="submit" data-testid="reminder-settings-save" disabled={form.busy}>
          {t('app.save')}
        </button>
      </div>
    </form>
  );
}
