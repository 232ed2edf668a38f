// 三权分立 (separation of the three administration duties): who may do what to which account.
// The ONE place this is decided: the staff account routes (modules/users), the enterprise-account
// routes (modules/portal/portal.accounts*), the CLI (`zqt user …`) and the web's users pages all
// ask `accountRefusal` / `canManage`. docs/ARCHITECTURE.md (三权分立) shows the same matrix.
//
// - sysadmin manages business (staff) accounts: creates them, edits name/mobile/unit, disables,
//   enables, resets passwords. It acts on none of the three admin roles (not even its own account)
//   and never on enterprise accounts.
// - secadmin assigns roles and data scopes, unlocks, and owns the admin accounts: it resets, unlocks,
//   edits, disables and enables sysadmin, auditor and other secadmin accounts. Granting an admin role
//   replaces the account's password (whoever created the account, e.g. sysadmin, knew the old one).
// - auditor manages nothing.
// - intake manages enterprise accounts (create, disable, enable, reset); nothing else.
// - bootstrap: the province's secadmin opens a city's first sysadmin / secadmin / auditor account,
//   only while that city has no active account of the role (checked by the service), so a new city's
//   audit log has a reader and its accounts a manager; from then on the city's own duties take over.
// - the CLI (`zqt user`) is the documented break-glass path for staff and admin accounts, audited.
// - nobody acts on their own account here (their own password goes through 修改密码).
import { ADMIN_ROLES, type Role } from './roles.ts';

export const ACCOUNT_ACTIONS = ['create', 'edit', 'unit', 'disable', 'enable', 'reset_password', 'unlock', 'roles', 'bootstrap'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const ACCOUNT_ACTION_LABELS: Record<AccountAction, string> = {
  create: '新建账号',
  edit: '修改姓名或手机',
  unit: '调整所在处室',
  disable: '停用',
  enable: '启用',
  reset_password: '重置密码',
  unlock: '解锁',
  roles: '分配角色和数据范围',
  bootstrap: '为新设的市局开通首个管理员账号',
};

/** What kind of account a target is: a business (staff) account, one of the admin accounts, or an enterprise account. */
export const ACCOUNT_KINDS = ['staff', 'sysadmin', 'secadmin', 'auditor', 'enterprise'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  staff: '业务账号',
  sysadmin: '系统管理员账号',
  secadmin: '安全管理员账号',
  auditor: '审计管理员账号',
  enterprise: '企业账号',
};

/** The duty an actor acts in. */
export type Duty = 'sysadmin' | 'secadmin' | 'auditor' | 'intake' | 'cli' | 'other';

const isAdminRole = (r: Role) => (ADMIN_ROLES as readonly string[]).includes(r);

export function accountKind(roles: readonly Role[]): AccountKind {
  if (roles.includes('enterprise')) return 'enterprise';
  for (const r of ADMIN_ROLES) if (roles.includes(r)) return r;
  return 'staff';
}

export const holdsAdminRole = (roles: readonly Role[]) => roles.some(isAdminRole);

export function dutyOf(actor: readonly Role[] | 'cli'): Duty {
  if (actor === 'cli') return 'cli';
  for (const r of ADMIN_ROLES) if (actor.includes(r)) return r;
  if (actor.includes('intake')) return 'intake';
  return 'other';
}

const ALL_ON_ADMIN: readonly AccountAction[] = ['edit', 'disable', 'enable', 'reset_password', 'unlock', 'roles', 'bootstrap'];

/** The matrix: duty → target kind → allowed actions. Everything not listed is refused. */
export const ACCOUNT_MATRIX: Record<Duty, Partial<Record<AccountKind, readonly AccountAction[]>>> = {
  sysadmin: { staff: ['create', 'edit', 'unit', 'disable', 'enable', 'reset_password'] },
  secadmin: { staff: ['roles', 'unlock'], sysadmin: ALL_ON_ADMIN, secadmin: ALL_ON_ADMIN, auditor: ALL_ON_ADMIN },
  auditor: {},
  intake: { enterprise: ['create', 'disable', 'enable', 'reset_password', 'unlock'] },
  cli: {
    staff: ['create', 'reset_password', 'unlock'],
    sysadmin: ['create', 'reset_password', 'unlock'],
    secadmin: ['create', 'reset_password', 'unlock'],
    auditor: ['create', 'reset_password', 'unlock'],
  },
  other: {},
};

function who(duty: Duty): string {
  return { sysadmin: '系统管理员', secadmin: '安全管理员', auditor: '审计管理员', intake: '诉求受理人员', cli: '命令行', other: '当前角色' }[duty];
}

/**
 * Why `actor` may not do `action` to an account holding `targetRoles` (Chinese, shown to the user),
 * or null when it may. `self`: the target is the actor's own account.
 */
export function accountRefusal(
  actor: readonly Role[] | 'cli',
  targetRoles: readonly Role[],
  action: AccountAction,
  opts: { self?: boolean } = {},
): string | null {
  if (opts.self) return action === 'roles' ? '不能修改自己的角色' : '不能对自己的账号执行此操作（修改密码请用“修改密码”）';
  const duty = dutyOf(actor);
  const kind = accountKind(targetRoles);
  if (action === 'unit' && kind !== 'staff') return kind === 'enterprise' ? '企业账号不属于任何处室' : '管理员账号不属于任何处室（三权分立）';
  if (ACCOUNT_MATRIX[duty][kind]?.includes(action)) return null;
  if (kind === 'enterprise') return '企业账号由诉求受理人员管理';
  if (kind !== 'staff') {
    const what = `${who(duty)}不能对${ACCOUNT_KIND_LABELS[kind]}执行“${ACCOUNT_ACTION_LABELS[action]}”`;
    return duty === 'sysadmin' ? `${what}（三权分立：管理员账号由安全管理员管理）` : `${what}（三权分立）`;
  }
  if (action === 'roles' || action === 'unlock') return `${ACCOUNT_ACTION_LABELS[action]}由安全管理员负责（三权分立）`;
  return `${ACCOUNT_ACTION_LABELS[action]}由系统管理员负责（三权分立）`;
}

export const canManage = (actor: readonly Role[] | 'cli', targetRoles: readonly Role[], action: AccountAction, opts: { self?: boolean } = {}) =>
  accountRefusal(actor, targetRoles, action, opts) === null;
