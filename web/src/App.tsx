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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
