import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Loading } from '../../components/Loading';
import { notificationsChanged } from '../../components/NotificationBell';
import { useAsync } from '../../components/use-async';
import { formatInstant } from '../../format/format';
import { useI18n } from '../../i18n/i18n';

interface NotificationItem {
  id: string;
  subject: string;
  text: string;
  queuedAt: string;
  readOn: string | null;
  tasks: { id: string; title: string }[];
}

interface NotificationPage {
  total: number;
  unread: number;
  page: number;
  size: number;
  items: NotificationItem[];
}

const SIZE = 20;

/** The signed-in person's reminders in the app, newest first; unread ones marked. */
export function NotificationsScreen() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [position, setPosition] = useState<number | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const list = useAsync(
    () =>
      api<NotificationPage>('/api/notifications', {
        query: { page, size: SIZE, minPosition: position },
      }),
    [page, position],
  );

  const mark = async (path: string) => {
    setFailed(null);
    try {
      const answer = await api<{ position: number }>(path, { method: 'POST' });
      setPosition(answer.position);
      notificationsChanged(answer.position);
    } catch (error) {
      setFailed((error as { messageVi?: string }).messageVi ?? String(error));
    }
  };

  return (
    <div data-testid="screen-notifications">
      <h1>{t('notifications.title')}</h1>
      {failed && (
        <p className="form-error" role="alert" data-testid="form-error">
          {failed}
        </p>
      )}
      <Loading state={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted" data-testid="notifications-empty">
              {t('notifications.empty')}
            </p>
          ) : (
            <>
              {data.unread > 0 && (
                <button
                  type="button"
                  data-testid="notifications-read-all"
                  onClick={() => void mark('/api/notifications/read-all')}
                >
                  {t('notifications.markAllRead')}
                </button>
              )}
              <ul className="notifications" data-testid="notifications-list">
                {data.items.map((item) => (
                  <li
                    key={item.id}
                    className={item.readOn ? 'notification' : 'notification unread'}
                    data-testid="notification"
                    data-unread={item.readOn ? 'false' : 'true'}
                  >
                    <h2>
                      {!item.readOn && (
                        <span className="badge urged">{t('notifications.unread')}</span>
                      )}{' '}
                      {item.subject}
                    </h2>
                    <p className="muted">{formatInstant(item.queuedAt)}</p>
                    <p className="notification-text">{item.text}</p>
                    {item.tasks.length > 0 && (
                      <ul className="notification-tasks">
                        {item.tasks.map((task) => (
                          <li key={task.id}>
                            <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                    {!item.readOn && (
                      <button
                        type="button"
                        className="link"
                        data-testid="notification-mark-read"
                        onClick={() =>
                          void mark(`/api/notifications/${encodeURIComponent(item.id)}/read`)
                        }
                      >
                        {t('notifications.markRead')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {data.total > SIZE && (
                <p>
                  <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('notifications.newer')}
                  </button>{' '}
                  <button
                    type="button"
                    disabled={page * SIZE >= data.total}
                    onClick={() => setPage(page + 1)}
                  >
                    {t('notifications.older')}
                  </button>
                </p>
              )}
            </>
          )
        }
      </Loading>
    </div>
  );
}
