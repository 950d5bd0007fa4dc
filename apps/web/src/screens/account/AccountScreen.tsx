import { useState } from 'react';
import { api } from '../../api/client';
import type { LoginSessionView } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useAgencyNames } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { formatInstant } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { ActionDone } from '../tasks/TaskActions';
import { ContactForm } from './ContactForm';
import { deviceInWords } from './device-in-words';

/**
 * The signed-in person's own account: who the system takes them for (roles, agency by name), how
 * they want reminders (ContactForm), and where they are logged in, so a forgotten session on a shared office computer or a lost phone
 * can be ended from here without calling the administrator.
 */
export function AccountScreen() {
  const { t } = useI18n();
  const { user, logoutEverywhere } = useSession();
  const agencyName = useAgencyNames();
  const [done, setDone] = useState<MessageKey | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const sessions = useAsync(() => api<LoginSessionView[]>('/api/auth/sessions'), []);
  if (!user) return null;

  const end = async (id: string) => {
    setDone(null);
    setFailed(null);
    try {
      await api(`/api/auth/sessions/${id}`, { method: 'DELETE' });
      setDone('account.sessionEnded');
      sessions.reload();
    } catch (error) {
      setFailed((error as { messageVi?: string }).messageVi ?? String(error));
    }
  };

  return (
    <div data-testid="screen-account">
      <h1>{t('account.title')}</h1>
      <dl className="fields" data-testid="account-fields">
        <dt>{t('users.name')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('users.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('users.roles')}</dt>
        <dd>{user.roles.map((role) => t(`role.${role}` as MessageKey)).join(', ')}</dd>
        <dt>{t('users.agency')}</dt>
        <dd>{agencyName(user.agency)}</dd>
      </dl>
      <ContactForm />
      <h2>{t('account.sessions')}</h2>
      <p className="muted">{t('account.sessionsHint')}</p>
      <ActionDone done={done} />
      {failed && (
        <p className="form-error" role="alert" data-testid="form-error">
          {failed}
        </p>
      )}
      <Loading state={sessions}>
        {(rows) => (
          <DataTable
            testId="sessions-table"
            rows={rows}
            rowKey={(session) => session.id}
            columns={[
              {
                key: 'device',
                header: t('account.device'),
                render: (s) =>
                  deviceInWords(s.userAgent, t('account.deviceOn'), t('account.deviceUnknown')) +
                  (s.current ? ` (${t('account.thisSession')})` : ''),
              },
              { key: 'address', header: t('account.address'), render: (s) => s.address || '—' },
              {
                key: 'started',
                header: t('account.startedAt'),
                render: (s) => formatInstant(s.startedAt),
              },
              {
                key: 'lastUsed',
                header: t('account.lastUsedAt'),
                render: (s) => formatInstant(s.lastUsedAt),
              },
              {
                key: 'expires',
                header: t('account.expiresAt'),
                render: (s) => formatInstant(s.expiresAt),
              },
              {
                key: 'actions',
                header: '',
                render: (s) =>
                  s.current ? null : (
                    <button
                      type="button"
                      className="secondary"
                      data-testid="end-session"
                      onClick={() => void end(s.id)}
                    >
                      {t('account.endSession')}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </Loading>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          data-testid="account-logout-everywhere"
          title={t('app.logoutEverywhereHint')}
          onClick={() => void logoutEverywhere()}
        >
          {t('app.logoutEverywhere')}
        </button>
      </div>
    </div>
  );
}
