// Where a signed-in user starts: enterprise accounts on 我的诉求, staff on the home page. Used by
// both login entries (/login and /portal/login), so whichever one a user picks there is no dead end.
import type { Me } from '../api/types.ts';
import { PASSWORD_PATH } from './guards.tsx';

export const PORTAL_HOME = '/portal/appeals';
export const PORTAL_LOGIN = '/portal/login';

export const isEnterpriseUser = (user: Pick<Me, 'roles'>) => user.roles.includes('enterprise');

export function homePathOf(user: Pick<Me, 'roles'>): string {
  return isEnterpriseUser(user) ? PORTAL_HOME : '/';
}

const SHARED_PAGES = ['/notifications', '/account/'];

/** Whether a page is meant for this kind of account (portal pages for enterprises, staff pages for staff). */
function pageFits(user: Pick<Me, 'roles'>, path: string): boolean {
  if (SHARED_PAGES.some((p) => path.startsWith(p))) return true;
  return path.startsWith('/portal/') === isEnterpriseUser(user);
}

/**
 * After login: the password change when required, else the page the user was sent away from if it
 * is one for this kind of account, else their home.
 */
export function afterLoginPath(user: Pick<Me, 'roles' | 'mustChangePassword'>, from?: string | null): string {
  if (user.mustChangePassword) return PASSWORD_PATH;
  if (from && from !== '/' && !from.startsWith('/login') && !from.startsWith(PORTAL_LOGIN) && pageFits(user, from)) return from;
  return homePathOf(user);
}
