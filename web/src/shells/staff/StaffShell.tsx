// The staff console's entry: signed-in staff only (an enterprise account that opens a console
// address goes to the portal page showing the same thing), the forced password change, the layout.
import { Navigate, useLocation } from 'react-router';
import { RequireAuth } from '../../auth/guards.tsx';
import { isEnterpriseUser, portalCounterpart } from '../../auth/home.ts';
import { useSession } from '../../auth/session.ts';
import { PUBLIC_ROUTES, STAFF_ROUTES } from '../../routes.ts';
import { StaffLayout } from './StaffLayout.tsx';

export function StaffShell() {
  const { user } = useSession();
  const { pathname } = useLocation();
  if (user && isEnterpriseUser(user)) return <Navigate to={portalCounterpart(pathname)} replace />;
  return (
    <RequireAuth loginPath={PUBLIC_ROUTES.login} passwordPath={STAFF_ROUTES.password}>
      <StaffLayout />
    </RequireAuth>
  );
}
