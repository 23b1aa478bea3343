// The portal's pages and who reaches which. Signed-out people see the sign-in page; pages
// of an organization live under /organizations/:organizationId and are shown only once the
// API has answered for that organization (it, not the portal, decides who may see what).
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Shell } from './components/Shell';
import { OrganizationScope } from './components/OrganizationScope';
import { AuditLogPage } from './pages/AuditLogPage';
import { ConnectPage } from './pages/ConnectPage';
import { DashboardPage } from './pages/DashboardPage';
import { EntraObjectPage } from './pages/EntraObjectPage';
import { EntraPage } from './pages/EntraPage';
import { JobPage } from './pages/JobPage';
import { JobsPage } from './pages/JobsPage';
import { MyDataPage } from './pages/MyDataPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { ProblemPage } from './pages/ProblemPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import { SessionProvider, homeOf, useSession } from './session';

function SignedInRoutes() {
  const { me } = useSession();
  if (!me) return <SignInPage />;
  const own = me.organization;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<Navigate to={homeOf(me)} replace />} />
        <Route path="/connect" element={<ConnectPage />} />
        <Route path="/my" element={<MyDataPage />} />
        <Route path="/organizations" element={<OrganizationsPage />} />
        {/* Where consent returns to: the own organization's settings. */}
        <Route
          path="/settings"
          element={<Navigate to={own ? `/organizations/${own.id}/settings` : '/connect'} replace />}
        />
        <Route path="/organizations/:organizationId" element={<OrganizationScope />}>
          <Route index element={<DashboardPage />} />
          <Route path="entra" element={<EntraPage />} />
          <Route path="entra/:type/:objectId" element={<EntraObjectPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditLogPage />} />
          <Route path="jobs" element={<JobsPage />} />
          <Route path="jobs/:jobId" element={<JobPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}

export function App() {
  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100vh' }}>
      <BrowserRouter>
        <Routes>
          <Route path="/problem" element={<ProblemPage />} />
          <Route
            path="*"
            element={
              <SessionProvider>
                <SignedInRoutes />
              </SessionProvider>
            }
          />
        </Routes>
      </BrowserRouter>
    </FluentProvider>
  );
}
