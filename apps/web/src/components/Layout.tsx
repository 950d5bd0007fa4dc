import { Suspense, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { menusFor } from '../auth/menus';
import { useSession } from '../auth/session';
import { NotificationBell } from './NotificationBell';
import { useAgencyNames } from './use-agency-names';
import { useI18n } from '../i18n/i18n';

/** Header with the role's menus; on a phone the menus fold behind a button. */
export function Layout() {
  const { t, language, setLanguage } = useI18n();
  const { user, logout, logoutEverywhere } = useSession();
  const [open, setOpen] = useState(false);
  const agencyName = useAgencyNames();
  if (!user) return null;
  return (
    <div className="app">
      <header className="topbar">
        <button
          className="menu-toggle"
          data-testid="menu-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          ☰ {t('app.menu')}
        </button>
        <strong className="brand">Chidao</strong>
        <nav className={open ? 'menus open' : 'menus'} data-testid="menus">
          {menusFor(user.roles, user.agency).map((menu) => (
            <NavLink
              key={menu.path}
              to={menu.path}
              end={menu.path === '/'}
              data-testid={`menu-${menu.path === '/' ? 'dashboard' : menu.path.slice(1)}`}
              onClick={() => setOpen(false)}
            >
              {t(menu.label)}
            </NavLink>
          ))}
        </nav>
        {/* Auditors receive no reminders, and each of their reads is recorded: no polling. */}
        {user.roles.some((role) => role !== 'auditor') && (
          <NotificationBell onOpen={() => setOpen(false)} />
        )}
        <NavLink
          to="/account"
          className="who"
          data-testid="current-user"
          title={t('account.open')}
          onClick={() => setOpen(false)}
        >
          {user.displayName}
          {user.agency ? ` · ${agencyName(user.agency)}` : ''}
        </NavLink>
        <button
          className="link"
          data-testid="language-switch"
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
        >
          {t('app.language')}
        </button>
        <button className="link" data-testid="logout" onClick={() => void logout()}>
          {t('app.logout')}
        </button>
        <button
          className="link"
          data-testid="logout-everywhere"
          title={t('app.logoutEverywhereHint')}
          onClick={() => void logoutEverywhere()}
        >
          {t('app.logoutEverywhere')}
        </button>
      </header>
      <main className="content">
        {/* A screen's chunk not fetched yet (see App.tsx) reads as a section still loading. */}
        <Suspense
          fallback={
            <p className="muted" data-testid="loading">
              {t('app.loading')}
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
