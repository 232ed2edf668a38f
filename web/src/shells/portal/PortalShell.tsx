// The enterprise portal's entry: signed-in enterprise accounts only (a staff account that opens a
// portal address goes to the console page showing the same thing; a signed-out visitor to the
// enterprise login), the forced password change, the portal's colours and layout.
import { Navigate, useLocation } from 'react-router';
import { ConfigProvider } from 'antd';
import { RequireAuth } from '../../auth/guards.tsx';
import { isEnterpriseUser, staffCounterpart } from '../../auth/home.ts';
import { useSession } from '../../auth/session.ts';
import { PORTAL_ROUTES, PUBLIC_ROUTES } from '../../routes.ts';
import { portalTheme } from '../../ui/theme.ts';
import { PortalLayout } from './PortalLayout.tsx';

export function PortalShell() {
  const { user } = useSession();
  const { pathname } = useLocation();
  if (user && !isEnterpriseUser(user)) return <Navigate to={staffCounterpart(pathname)} replace />;
  return (
    <ConfigProvider theme={portalTheme}>
      <RequireAuth loginPath={PUBLIC_ROUTES.portalLogin} passwordPath={PORTAL_ROUTES.password}>
        <PortalLayout />
      </RequireAuth>
    </ConfigProvider>
  );
}
