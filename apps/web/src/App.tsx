import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from './api/types';
import { LoginPage } from './auth/LoginPage';
import { homeOf } from './auth/menus';
import { useSession } from './auth/session';
import { preloadCharts } from './components/charts';
import { Layout } from './components/Layout';
import { useI18n } from './i18n/i18n';

// One chunk per screen, so that the login page and the first screen do not wait for the others;
// they are all fetched once the browser is idle after login, before anyone opens them.
const screens = {
  account: () => import('./screens/account/AccountScreen'),
  audit: () => import('./screens/audit/AuditScreen'),
  dashboard: () => import('./screens/dashboard/DashboardScreen'),
  directives: () => import('./screens/directives/DirectivesScreen'),
  directive: () => import('./screens/directives/DirectiveScreen'),
  imports: () => import('./screens/imports/ImportScreen'),
  myTasks: () => import('./screens/my-tasks/MyTasksScreen'),
  notifications: () => import('./screens/notifications/NotificationsScreen'),
  reminderSettings: () => import('./screens/reminder-settings/ReminderSettingsScreen'),
  reports: () => import('./screens/reports/ReportsScreen'),
  taskDetail: () => import('./screens/tasks/TaskDetailScreen'),
  taskList: () => import('./screens/tasks/TaskListScreen'),
  tracking: () => import('./screens/tracking/TrackingScreen'),
  users: () => import('./screens/users/UsersScreen'),
};
const AccountScreen = lazy(() => screens.account().then((m) => ({ default: m.AccountScreen })));
const AuditScreen = lazy(() => screens.audit().then((m) => ({ default: m.AuditScreen })));
const DashboardScreen = lazy(() =>
  screens.dashboard().then((m) => ({ default: m.DashboardScreen })),
);
const DirectivesScreen = lazy(() =>
  screens.directives().then((m) => ({ default: m.DirectivesScreen })),
);
const DirectiveScreen = lazy(() =>
  screens.directive().then((m) => ({ default: m.DirectiveScreen })),
);
const ImportScreen = lazy(() => screens.imports().then((m) => ({ default: m.ImportScreen })));
const MyTasksScreen = lazy(() => screens.myTasks().then((m) => ({ default: m.MyTasksScreen })));
const NotificationsScreen = lazy(() =>
  screens.notifications().then((m) => ({ default: m.NotificationsScreen })),
);
const ReminderSettingsScreen = lazy(() =>
  screens.reminderSettings().then((m) => ({ default: m.ReminderSettingsScreen })),
);
const ReportsScreen = lazy(() => screens.reports().then((m) => ({ default: m.ReportsScreen })));
const TaskDetailScreen = lazy(() =>
  screens.taskDetail().then((m) => ({ default: m.TaskDetailScreen })),
);
const TaskListScreen = lazy(() => screens.taskList().then((m) => ({ default: m.TaskListScreen })));
const UsersScreen = lazy(() => screens.users().then((m) => ({ default: m.UsersScreen })));
const TrackingScreen = lazy(() => screens.tracking().then((m) => ({ default: m.TrackingScreen })));

/** Fetches every screen's chunk and the charts' when the browser has nothing else to do. */
function usePreloadWhenIdle(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const preload = () => {
      Object.values(screens).forEach((load) => void load());
      preloadCharts();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(preload, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(preload, 200);
    return () => clearTimeout(id);
  }, [active]);
}

/** A screen for some roles only; others land on their own first screen. */
function Allow({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return null;
  if (!user.roles.some((role) => roles.includes(role)))
    return <Navigate to={homeOf(user.roles)} replace />;
  return <>{children}</>;
}

export function App() {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  usePreloadWhenIdle(user !== null);
  if (loading) return <p className="muted">{t('app.loading')}</p>;
  if (!user) {
    return location.pathname === '/login' ? (
      <LoginPage />
    ) : (
      <Navigate to="/login" replace state={{ from: location.pathname }} />
    );
  }
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={homeOf(user.roles)} replace />} />
      <Route element={<Layout />}>
        <Route
          index
          element={
            <Allow roles={['leader', 'tracker']}>
              <DashboardScreen />
            </Allow>
          }
        />
        <Route path="/tasks" element={<TaskListScreen />} />
        <Route path="/tasks/:id" element={<TaskDetailScreen />} />
        <Route
          path="/my-tasks"
          element={
            <Allow roles={['staff']}>
              <MyTasksScreen />
            </Allow>
          }
        />
        <Route
          path="/tracking"
          element={
            <Allow roles={['tracker']}>
              <TrackingScreen />
            </Allow>
          }
        />
        <Route
          path="/directives"
          element={
            <Allow roles={['leader', 'tracker']}>
              <DirectivesScreen />
            </Allow>
          }
        />
        {/* Anyone may open a directive's page; the API answers who may read it. */}
        <Route path="/directives/:id" element={<DirectiveScreen />} />
        {['/imports', '/imports/:id'].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <Allow roles={['leader', 'tracker']}>
                <ImportScreen />
              </Allow>
            }
          />
        ))}
        <Route
          path="/reports"
          element={
            <Allow roles={['leader', 'tracker', 'auditor']}>
              <ReportsScreen />
            </Allow>
          }
        />
        <Route
          path="/audit"
          element={
            <Allow roles={['auditor', 'admin']}>
              <AuditScreen />
            </Allow>
          }
        />
        <Route
          path="/users"
          element={
            <Allow roles={['admin']}>
              <UsersScreen />
            </Allow>
          }
        />
        <Route
          path="/reminder-settings"
          element={
            <Allow roles={['admin', 'tracker']}>
              <ReminderSettingsScreen />
            </Allow>
          }
        />
        <Route path="/account" element={<AccountScreen />} />
        <Route path="/notifications" element={<NotificationsScreen />} />
        <Route path="*" element={<p>{t('app.notFound')}</p>} />
      </Route>
    </Routes>
  );
}
