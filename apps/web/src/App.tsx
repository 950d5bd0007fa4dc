import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from './api/types';
import { LoginPage } from './auth/LoginPage';
import { homeOf } from './auth/menus';
import { useSession } from './auth/session';
import { Layout } from './components/Layout';
import { useI18n } from './i18n/i18n';
import { AuditScreen } from './screens/audit/AuditScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { DirectivesScreen } from './screens/directives/DirectivesScreen';
import { MyTasksScreen } from './screens/my-tasks/MyTasksScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { TaskDetailScreen } from './screens/tasks/TaskDetailScreen';
import { TaskListScreen } from './screens/tasks/TaskListScreen';
import { TrackingScreen } from './screens/tracking/TrackingScreen';

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
        <Route path="*" element={<p>{t('app.notFound')}</p>} />
      </Route>
    </Routes>
  );
}
