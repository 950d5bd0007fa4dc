import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ContactChannel, User } from '../../api/types';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/use-async';
import { useForm } from '../../components/use-form';
import { formatPhone } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { ActionDone } from '../tasks/TaskActions';

/** The channels one ticks; the app is shown ticked and cannot be unticked. */
const CHOSEN: readonly ContactChannel[] = ['email', 'sms'];

interface Values {
  email: string;
  phone: string;
  channels: ContactChannel[];
}

const valuesOf = (user: User): Values => ({
  email: user.email ?? '',
  // As people write it (0912 345 678), not as stored (+84…); the API reads either.
  phone: user.phone ? formatPhone(user.phone) : '',
  channels: user.channels.filter((channel) => CHOSEN.includes(channel)),
});

/**
 * "Nhận nhắc việc": the signed-in person's e-mail address, phone number and the channels they
 * want reminders by. The server checks the addresses and answers in Vietnamese; its message
 * goes under the box to correct. Read fresh from /api/auth/me, not from the login's answer.
 */
export function ContactForm() {
  const me = useAsync(() => api<User>('/api/auth/me'), []);
  return <Loading state={me}>{(user) => <ContactFields key={user.id} user={user} />}</Loading>;
}

function ContactFields({ user }: { user: User }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(() => valuesOf(user));
  const [saved, setSaved] = useState<MessageKey | null>(null);
  const form = useForm({}, ['email', 'phone', 'channels']);

  const set = (change: Partial<Values>) => {
    setSaved(null);
    setValues({ ...values, ...change });
  };
  const toggle = (channel: ContactChannel, on: boolean) =>
    set({
      channels: CHOSEN.filter((c) => (c === channel ? on : values.channels.includes(c))),
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    // The whole contact each time: an empty box removes the address.
    const body = {
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      channels: [...values.channels, 'in_app'],
    };
    void form
      .run(() => api<User>(`/api/users/${user.id}/contact`, { method: 'PATCH', body }))
      .then((answer) => {
        if (!answer) return;
        setValues(valuesOf(answer));
        setSaved('account.contactSaved');
      });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="contact-form" noValidate>
      <h2>{t('account.contact')}</h2>
      <p className="muted">{t('account.contactHint')}</p>
      <Field
        label={t('account.email')}
        hint={t('account.emailHint')}
        errors={form.errorsOf('email')}
        testId="contact-email-field"
      >
        <input
          type="email"
          autoComplete="email"
          data-testid="contact-email"
          value={values.email}
          onChange={(e) => set({ email: e.target.value })}
        />
      </Field>
      <Field
        label={t('account.phone')}
        hint={t('account.phoneHint')}
        errors={form.errorsOf('phone')}
        testId="contact-phone-field"
      >
        <input
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          data-testid="contact-phone"
          value={values.phone}
          onChange={(e) => set({ phone: e.target.value })}
        />
      </Field>
      <fieldset className="row classes" data-testid="contact-channels">
        <legend>{t('account.channels')}</legend>
        {CHOSEN.map((channel) => (
          <label key={channel} className="check">
            <input
              type="checkbox"
              data-testid={`contact-channel-${channel}`}
              checked={values.channels.includes(channel)}
              onChange={(e) => toggle(channel, e.target.checked)}
            />{' '}
            {t(`account.channel.${channel}` as MessageKey)}
          </label>
        ))}
        <label className="check" title={t('account.inAppAlways')}>
          <input type="checkbox" data-testid="contact-channel-in_app" checked disabled />{' '}
          {t('account.channel.in_app')} ({t('account.inAppAlways')})
        </label>
        {form.errorsOf('channels').map((message) => (
          <small key={message} className="field-error" data-testid="field-error">
            {message}
          </small>
        ))}
      </fieldset>
      <FormError error={form.error} />
      <ActionDone done={saved} />
      <div className="actions">
        <button type="submit" data-testid="contact-save" disabled={form.busy}>
          {t('app.save')}
        </button>
      </div>
    </form>
  );
}
