// Where a signed-in user belongs: enterprise accounts in the portal (/portal/…), staff in the console
// (/…). Used by both login entries (/login and /portal/login), so whichever one a user picks there is
// no dead end, and by the shells, which send a user who opened the other shell's address to its
// counterpart in their own.
import { PORTAL_ROUTES, PUBLIC_ROUTES, STAFF_ROUTES } from '../routes.ts';
import type { Me } from './api.ts';

export const PORTAL_HOME = PORTAL_ROUTES.appeals;
export const PORTAL_LOGIN = PUBLIC_ROUTES.portalLogin;

export const isEnterpriseUser = (user: Pick<Me, 'roles'>) => user.roles.includes('enterprise');

export function homePathOf(user: Pick<Me, 'roles'>): string {
  return isEnterpriseUser(user) ? PORTAL_HOME : STAFF_ROUTES.home;
}

/** The forced password change of this kind of account. */
export function passwordPathOf(user: Pick<Me, 'roles'>): string {
  return isEnterpriseUser(user) ? PORTAL_ROUTES.password : STAFF_ROUTES.password;
}

const isPortalPath = (path: string) => path === PORTAL_ROUTES.home || path.startsWith(`${PORTAL_ROUTES.home}/`);

/**
 * After login: the password change when required, else the page the user was sent away from if it
 * is one of their own shell, else their home.
 */
export function afterLoginPath(user: Pick<Me, 'roles' | 'mustChangePassword'>, from?: string | null): string {
  if (user.mustChangePassword) return passwordPathOf(user);
  const publicPage = from && Object.values(PUBLIC_ROUTES).some((p) => from.startsWith(p.replace(/:.*$/, '')));
  if (from && from !== '/' && !publicPage && isPortalPath(from) === isEnterpriseUser(user)) return from;
  return homePathOf(user);
}

/** A staff address opened by an enterprise account: the portal page that shows the same thing. */
export function portalCounterpart(pathname: string): string {
  if (pathname === STAFF_ROUTES.notifications) return PORTAL_ROUTES.notifications;
  if (pathname === STAFF_ROUTES.password) return PORTAL_ROUTES.password;
  if (pathname === STAFF_ROUTES.notificationPreferences) return PORTAL_ROUTES.notificationPreferences;
  return PORTAL_HOME;
}

/** A portal address opened by a staff account: the console page that shows the same thing. */
export function staffCounterpart(pathname: string): string {
  const appeal = /^\/portal\/appeals\/([0-9a-f-]{36})$/i.exec(pathname);
  if (appeal) return `/appeals/${appeal[1]}`;
  if (pathname === PORTAL_ROUTES.notifications) return STAFF_ROUTES.notifications;
  if (pathname === PORTAL_ROUTES.password) return STAFF_ROUTES.password;
  if (pathname === PORTAL_ROUTES.notificationPreferences) return STAFF_ROUTES.notificationPreferences;
  return STAFF_ROUTES.home;
}
