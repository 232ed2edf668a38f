import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { ForbiddenResult } from '../ui/ForbiddenResult.tsx';
import { hasAnyRole, useSession } from './session.ts';

/**
 * Signed-in users only (else to `loginPath`, remembering the page); while mustChangePassword is set,
 * every page but `passwordPath` sends to it.
 */
export function RequireAuth({ loginPath, passwordPath, children }: { loginPath: string; passwordPath: string; children: ReactNode }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (!user) return <Navigate to={loginPath} replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword && location.pathname !== passwordPath) {
    return <Navigate to={passwordPath} replace />;
  }
  return children;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!hasAnyRole(user, roles)) return <ForbiddenResult />;
  return children;
}
