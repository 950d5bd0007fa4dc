import { useCallback, useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** How often the bell asks for the unread count while the page stays open. */
const POLL_MS = 60_000;
const CHANGED = 'chidao-notifications-changed';

/** Tells the bell that messages were marked read: it asks again at once (after `position`). */
export function notificationsChanged(position?: number): void {
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: position }));
}

/**
 * The bell in the header with the number of unread reminders; asks every minute, on each
 * navigation and when the list marks some read. A failed poll keeps the last number.
 */
export function NotificationBell({ onOpen }: { onOpen?: () => void }) {
  const { t } = useI18n();
  const location = useLocation();
  const [unread, setUnread] = useState<number | null>(null);

  const poll = useCallback(async (minPosition?: number) => {
    try {
      const answer = await api<{ unread: number }>('/api/notifications/unread-count', {
        query: { minPosition },
      });
      setUnread(answer.unread);
    } catch {
      // The next poll tries again.
    }
  }, []);

  useEffect(() => {
    void poll();
  }, [poll, location.pathname]);

  useEffect(() => {
    const timer = setInterval(() => void poll(), POLL_MS);
    const changed = (event: Event) => void poll((event as CustomEvent<number | undefined>).detail);
    window.addEventListener(CHANGED, changed);
    return () => {
      clearInterval(timer);
      window.removeEventListener(CHANGED, changed);
    };
  }, [poll]);

  const label = unread
    ? t('notifications.bellUnread').replace('{count}', String(unread))
    : t('notifications.bell');
  return (
    <NavLink
      to="/notifications"
      className="bell"
      data-testid="notification-bell"
      title={label}
      aria-label={label}
      onClick={onOpen}
    >
      {/* Drawn, not an emoji: office machines often lack an emoji font. */}
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" className="bell-icon">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? (
        <span className="bell-count" data-testid="notification-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
