import { createContext, useContext } from 'react';
import type { Role } from '../../../shared/roles.ts';
import type { Me, Session } from './api.ts';

export interface SessionState {
  /** 'loading' until the first /api/auth/me answers. */
  status: 'loading' | 'ready';
  user: Me | null;
  /** Store user + CSRF token from login / me. */
  setSession: (session: Session) => void;
  /** Re-read /api/auth/me; resolves to the user or null when signed out. */
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

/** The signed-in user; only call below <RequireAuth>. */
export function useMe(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useMe called without a signed-in user');
  return user;
}

export function hasAnyRole(user: Me | null, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return !!user && user.roles.some((r) => roles.includes(r));
}
