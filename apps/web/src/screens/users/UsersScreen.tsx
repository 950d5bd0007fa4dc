import { useState } from 'react';
import { api } from '../../api/client';
import type { UserAccount } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import { useAgencyNames } from '../../components/use-agency-names';
import { useAsync } from '../../components/use-async';
import { formatInstant, formatPhone } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import { ActionDone } from '../tasks/TaskActions';

/**
 * The administrator's user register: who has which roles in which agency, how reminders reach
 * them (e-mail, phone), whose logins are locked after wrong passwords (and until when), and the
 * two things an administrator does for an account under attack: lift the lock, end every
 * session. Each is recorded in the log.
 */
export function UsersScreen() {
  const { t } = useI18n();
  const agencyName = useAgencyNames();
  const [done, setDone] = useState<MessageKey | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const state = useAsync(() => api<UserAccount[]>('/api/users'), []);
  const now = Date.now();

  const act = async (path: string, confirmation: MessageKey) => {
    setDone(null);
    setFailed(null);
    try {
      await api(path, { method: 'DELETE' });
      setDone(confirmation);
      state.reload();
    } catch (error) {
      setFailed((error as { messageVi?: string }).messageVi ?? String(error));
    }
  };

  return (
    <div data-testid="screen-users">
      <h1>{t('users.title')}</h1>
      <ExportButtons
        path="/api/users/export"
        fallbackName="danh-sach-nguoi-dung"
        testId="users-export"
      />
      <ActionDone done={done} />
      {failed && (
        <p className="form-error" role="alert" data-testid="form-error">
          {failed}
        </p>
      )}
      <Loading state={state}>
        {(users) => (
          <DataTable
            testId="users-table"
            rows={users}
            rowKey={(user) => user.id}
            columns={[
              { key: 'name', header: t('users.name'), render: (u) => u.displayName },
              { key: 'username', header: t('users.username'), render: (u) => u.username },
              {
                key: 'roles',
                header: t('users.roles'),
                render: (u) => u.roles.map((role) => t(`role.${role}` as MessageKey)).join(', '),
              },
              { key: 'agency', header: t('users.agency'), render: (u) => agencyName(u.agency) },
              { key: 'email', header: t('users.email'), render: (u) => u.email ?? '—' },
              { key: 'phone', header: t('users.phone'), render: (u) => formatPhone(u.phone) },
              {
                key: 'state',
                header: t('users.state'),
                render: (u) => {
                  const lockedUntil = u.loginLockedUntil ? Date.parse(u.loginLockedUntil) : 0;
                  if (!u.active) return t('users.disabled');
                  if (lockedUntil > now)
                    return t('users.lockedUntil', { until: formatInstant(u.loginLockedUntil) });
                  return t('users.active');
                },
              },
              {
                key: 'actions',
                header: '',
                render: (u) => (
                  <span className="row-actions">
                    {u.loginLockedUntil && Date.parse(u.loginLockedUntil) > now && (
                      <button
                        type="button"
                        className="secondary"
                        data-testid="unlock-login"
                        onClick={() => void act(`/api/users/${u.id}/login-lock`, 'users.unlocked')}
                      >
                        {t('users.unlock')}
                      </button>
                    )}
                    {u.active && (
                      <button
                        type="button"
                        className="secondary"
                        data-testid="end-sessions"
                        title={t('users.endSessionsHint')}
                        onClick={() =>
                          void act(`/api/users/${u.id}/sessions`, 'users.sessionsEnded')
                        }
                      >
                        {t('users.endSessions')}
                      </button>
                    )}
                  </span>
                ),
              },
            ]}
          />
        )}
      </Loading>
    </div>
  );
}
