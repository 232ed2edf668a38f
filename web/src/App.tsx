import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/guards.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { ACCESS } from './layout/nav.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import type { Role } from './api/types.ts';

const UnitsPage = lazy(() => import('./pages/UnitsPage.tsx'));
const LeadersPage = lazy(() => import('./pages/LeadersPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const TenantSettingsPage = lazy(() => import('./pages/TenantSettingsPage.tsx'));
const SecurityRolesPage = lazy(() => import('./pages/SecurityRolesPage.tsx'));
const SecuritySettingsPage = lazy(() => import('./pages/SecuritySettingsPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const EnterprisesSection = lazy(() => import('./pages/enterprises/EnterprisesSection.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.tsx'));
const AppealsWorkbench = lazy(() => import('./pages/appeals/WorkbenchPage.tsx'));
const AppealIntake = lazy(() => import('./pages/appeals/IntakePage.tsx'));
const AppealSearch = lazy(() => import('./pages/appeals/SearchPage.tsx'));
const AppealDetailPage = lazy(() => import('./pages/appeals/AppealPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage.tsx'));
const MyAppealsPage = lazy(() => import('./pages/portal/MyAppealsPage.tsx'));
const PortalSubmitPage = lazy(() => import('./pages/portal/PortalSubmitPage.tsx'));
const PortalAppealPage = lazy(() => import('./pages/portal/PortalAppealPage.tsx'));
const LeaderReportPage = lazy(() => import('./pages/escalation/LeaderReportPage.tsx'));
const PortalLoginPage = lazy(() => import('./pages/portal/PortalLoginPage.tsx'));
const PortalRegisterPage = lazy(() => import('./pages/portal/PortalRegisterPage.tsx'));
const EnterpriseAccountsPage = lazy(() => import('./pages/portal-accounts/AccountsPage.tsx'));
const EnterpriseRegistrationsPage = lazy(() => import('./pages/portal-accounts/RegistrationsPage.tsx'));
// Issue 7: the public page behind the signed evaluation link (no session, outside the staff layout).
const EvaluateLinkPage = lazy(() => import('./pages/public/EvaluateLinkPage.tsx'));

function guarded(roles: readonly Role[], page: ReactNode) {
  return (
    <RequireRole roles={roles}>
      <Suspense fallback={<FullPageSpin />}>{page}</Suspense>
    </RequireRole>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/portal/login" element={<Suspense fallback={<FullPageSpin />}><PortalLoginPage /></Suspense>} />
      <Route path="/portal/register" element={<Suspense fallback={<FullPageSpin />}><PortalRegisterPage /></Suspense>} />
      <Route path="/e/:token" element={<Suspense fallback={<FullPageSpin />}><EvaluateLinkPage /></Suspense>} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="admin/units" element={guarded(ACCESS.units, <UnitsPage />)} />
        <Route path="admin/leaders" element={guarded(ACCESS.leaders, <LeadersPage />)} />
        <Route path="admin/users" element={guarded(ACCESS.users, <UsersPage />)} />
        <Route path="admin/tenant-settings" element={guarded(ACCESS.tenantSettings, <TenantSettingsPage />)} />
        <Route path="security/roles" element={guarded(ACCESS.securityRoles, <SecurityRolesPage />)} />
        <Route path="security/settings" element={guarded(ACCESS.securitySettings, <SecuritySettingsPage />)} />
        <Route path="audit" element={guarded(ACCESS.audit, <AuditPage />)} />
        <Route path="enterprises/*" element={guarded(ACCESS.enterprises, <EnterprisesSection />)} />
        <Route path="calendar" element={guarded(ACCESS.calendar, <CalendarPage />)} />
        <Route path="appeals" element={guarded(ACCESS.appeals, <AppealsWorkbench />)} />
        <Route path="appeals/new" element={guarded(ACCESS.appealIntake, <AppealIntake />)} />
        <Route path="appeals/search" element={guarded(ACCESS.appeals, <AppealSearch />)} />
        <Route path="appeals/leader-reports" element={guarded(ACCESS.leaderReports, <LeaderReportPage />)} />
        <Route path="appeals/:id" element={guarded(ACCESS.appeals, <AppealDetailPage />)} />
        <Route path="portal/appeals" element={guarded(ACCESS.portal, <MyAppealsPage />)} />
        <Route path="portal/appeals/new" element={guarded(ACCESS.portal, <PortalSubmitPage />)} />
        <Route path="portal/appeals/:id" element={guarded(ACCESS.portal, <PortalAppealPage />)} />
        <Route path="enterprise-accounts" element={guarded(ACCESS.enterpriseAccounts, <EnterpriseAccountsPage />)} />
        <Route path="enterprise-accounts/registrations" element={guarded(ACCESS.enterpriseAccounts, <EnterpriseRegistrationsPage />)} />
        <Route path="notifications" element={<Suspense fallback={<FullPageSpin />}><NotificationsPage /></Suspense>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
