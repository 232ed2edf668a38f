// Navigation as data: which roles see which menu entries and home-page shortcuts.
// Later modules add their pages here (and a <Route> in App.tsx guarded by the same ACCESS entry).
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ControlOutlined,
  FileSearchOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  MessageOutlined,
  BellOutlined,
  FileAddOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { Role } from '../api/types.ts';

/** Roles allowed per page; `undefined` means every signed-in user. */
export const ACCESS = {
  units: ['sysadmin'],
  leaders: ['sysadmin'],
  users: ['sysadmin'],
  tenantSettings: ['sysadmin'],
  securityRoles: ['secadmin'],
  securitySettings: ['secadmin'],
  audit: ['auditor'],
  enterprises: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  calendar: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight', 'sysadmin'],
  appeals: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  appealIntake: ['intake', 'coordinator'],
  leaderReports: ['intake', 'coordinator'],
  portal: ['enterprise'],
  enterpriseAccounts: ['intake'],
} as const satisfies Record<string, readonly Role[]>;

export interface NavLeaf {
  path: string;
  label: string;
  icon?: ReactNode;
  roles?: readonly Role[];
  /** Short description for the home page shortcut card. */
  summary?: string;
}

export interface NavGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  children: NavLeaf[];
}

export type NavEntry = NavLeaf | NavGroup;

export const isGroup = (e: NavEntry): e is NavGroup => 'children' in e;

export const NAV: NavEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  {
    key: 'appeals',
    label: '企业诉求',
    icon: <MessageOutlined />,
    children: [
      { path: '/appeals', label: '诉求工作台', icon: <MessageOutlined />, roles: ACCESS.appeals, summary: '本处室、待派单、分管的诉求，按到期时间排序' },
      { path: '/appeals/new', label: '受理登记', icon: <FileAddOutlined />, roles: ACCESS.appealIntake, summary: '登记各渠道诉求，当场答复或派单' },
      { path: '/appeals/search', label: '诉求检索', icon: <FileSearchOutlined />, roles: ACCESS.appeals, summary: '按标题、内容关键词检索诉求' },
      { path: '/appeals/leader-reports', label: '月度报送（省政府领导转办）', icon: <FileSearchOutlined />, roles: ACCESS.leaderReports, summary: '省政府领导转办事项月报：下载 .xlsx、登记报送（每月25日前）' },
    ],
  },
  {
    key: 'portal',
    label: '我的诉求',
    icon: <MessageOutlined />,
    children: [
      { path: '/portal/appeals', label: '我的诉求', icon: <MessageOutlined />, roles: ACCESS.portal, summary: '查看本企业诉求的办理进度和答复，对答复进行评价' },
      { path: '/portal/appeals/new', label: '提交诉求', icon: <FileAddOutlined />, roles: ACCESS.portal, summary: '向应急管理部门提交涉企诉求' },
    ],
  },
  { path: '/notifications', label: '站内通知', icon: <BellOutlined />, summary: '派单、到期、逾期、催办、评价和督办提醒' },
  { path: '/enterprises', label: '企业名录', icon: <BankOutlined />, roles: ACCESS.enterprises, summary: '监管企业登记、查询，Excel 导入导出' },
  {
    key: 'enterprise-accounts',
    label: '企业账号管理',
    icon: <ShopOutlined />,
    children: [
      { path: '/enterprise-accounts/registrations', label: '企业注册审核', icon: <AuditOutlined />, roles: ACCESS.enterpriseAccounts, summary: '核对企业自助注册申请与企业名录，审核通过或驳回' },
      { path: '/enterprise-accounts', label: '企业账号', icon: <ShopOutlined />, roles: ACCESS.enterpriseAccounts, summary: '开通企业门户账号、停用/启用、重置密码' },
    ],
  },
  {
    key: 'org',
    label: '组织管理',
    icon: <ApartmentOutlined />,
    children: [
      { path: '/admin/units', label: '处室单位', icon: <ApartmentOutlined />, roles: ACCESS.units, summary: '维护处室、单位及其类型、分管行业和职责' },
      { path: '/admin/leaders', label: '厅领导分管', icon: <SolutionOutlined />, roles: ACCESS.leaders, summary: '维护领导职务及分管处室' },
      { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, roles: ACCESS.users, summary: '创建账号、重置密码、停用账号' },
      { path: '/admin/tenant-settings', label: '工作规则参数', icon: <SettingOutlined />, roles: ACCESS.tenantSettings, summary: '“2115”时限、联系点轮换、走访次数等本级参数' },
    ],
  },
  {
    key: 'security',
    label: '安全管理',
    icon: <SafetyCertificateOutlined />,
    children: [
      { path: '/security/roles', label: '角色与权限', icon: <KeyOutlined />, roles: ACCESS.securityRoles, summary: '分配用户角色和数据范围，解锁账号' },
      { path: '/security/settings', label: '安全策略', icon: <ControlOutlined />, roles: ACCESS.securitySettings, summary: '登录锁定、会话超时、密码长度等策略' },
    ],
  },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: ACCESS.calendar, summary: '节假日、调休和本地调整，“2115”期限按此计算' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ACCESS.audit, summary: '查询、导出系统操作审计记录' },
  {
    key: 'account',
    label: '我的账户',
    icon: <UserOutlined />,
    children: [{ path: '/account/password', label: '修改密码', icon: <KeyOutlined />, summary: '定期修改登录密码' }],
  },
];

export interface PlannedFeature {
  label: string;
  summary: string;
  icon: ReactNode;
  roles: readonly Role[];
}

/** Shown on the home page as disabled cards until the module exists. */
export const PLANNED: PlannedFeature[] = [];

/** Menu entries visible to a user with these roles (groups with no visible children are dropped). */
export function visibleNav(roles: readonly Role[]): NavEntry[] {
  const allowed = (leaf: NavLeaf) => !leaf.roles || leaf.roles.some((r) => roles.includes(r));
  const out: NavEntry[] = [];
  for (const entry of NAV) {
    if (isGroup(entry)) {
      const children = entry.children.filter(allowed);
      if (children.length > 0) out.push({ ...entry, children });
    } else if (allowed(entry)) {
      out.push(entry);
    }
  }
  return out;
}

/** Flat list of visible leaves (home shortcuts, breadcrumbs). */
export function visibleLeaves(roles: readonly Role[]): NavLeaf[] {
  return visibleNav(roles).flatMap((e) => (isGroup(e) ? e.children : [e]));
}
