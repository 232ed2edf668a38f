import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { ForbiddenResult } from '../components/ForbiddenResult.tsx';
import { hasAnyRole, useSession } from './session.ts';

export const PASSWORD_PATH = '/account/password';

/** Signed-in users only; forces the password change page while mustChangePassword is set. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  // Portal pages send a signed-out visitor to the enterprise login entry (issue 7), the rest to staff login.
  const loginPath = location.pathname.startsWith('/portal/') ? '/portal/login' : '/login';
  if (!user) return <Navigate to={loginPath} replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return children;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!hasAnyRole(user, roles)) return <ForbiddenResult />;
  return children;
}
