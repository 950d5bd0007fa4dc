import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useForm } from '../components/use-form';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { useI18n } from '../i18n/i18n';
import { homeOf } from './menus';
import { useSession } from './session';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const user = await login(username, password);
      void navigate(homeOf(user.roles), { replace: true });
    });
  };

  return (
    <main className="login">
      <form onSubmit={submit} className="card" data-testid="login-form">
        <h1>{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        <Field label={t('login.username')} errors={form.errorsOf('username')}>
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('login.password')} errors={form.errorsOf('password')}>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormError error={form.error} />
        <button type="submit" data-testid="login-submit" disabled={form.busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
