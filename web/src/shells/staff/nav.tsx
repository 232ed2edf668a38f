// The staff console's navigation as data: which roles see which menu entries and home-page shortcuts.
// A new page adds its path to web/src/routes.ts (STAFF_ROUTES), its page to shells/staff/routes.tsx
// guarded by an ACCESS entry here, and its menu entry here. The enterprise portal has its own tabs
// (shells/portal/PortalLayout.tsx).
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
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
  BarChartOutlined,
  FileTextOutlined,
  IdcardOutlined,
  EyeOutlined,
  FormOutlined,
  TrophyOutlined,
  MailOutlined,
} from '@ant-design/icons';
import type { Role } from '../../../../shared/roles.ts';

/** Roles allowed per page; `undefined` means every signed-in user. */
export const ACCESS = {
  units: ['sysadmin'],
  leaders: ['sysadmin'],
  users: ['sysadmin'],
  tenantSettings: ['sysadmin'],
  // Issue 18: integration clients and their API tokens.
  integrations: ['sysadmin'],
  securityRoles: ['secadmin'],
  securitySettings: ['secadmin'],
  // Issue 21: personal information requests (个人信息保护法).
  privacy: ['secadmin'],
  // Issue 18: webhook subscriptions (sysadmin) and the SMS outbox (sysadmin runs the gateway, intake answers enterprises).
  webhooks: ['sysadmin'],
  smsOutbox: ['sysadmin', 'intake'],
  audit: ['auditor'],
  enterprises: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  /** Server policy (enterprises.service.ts): editors and importers; the API refuses the rest anyway. */
  enterpriseEdit: ['intake', 'coordinator', 'unit_head', 'unit_staff'],
  enterpriseImport: ['intake', 'coordinator'],
  calendar: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight', 'sysadmin'],
  appeals: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  appealIntake: ['intake', 'coordinator'],
  // R3.3 建议提案: 办公室 registers, the lead unit replies, leaders and oversight read.
  proposals: ['intake', 'coordinator', 'unit_staff', 'liaison', 'unit_head', 'leader', 'oversight'],
  // R6.5 (issue 22): the handling units write and confirm their rows; 办公室 compiles and registers.
  leaderReports: ['intake', 'coordinator', 'unit_staff', 'liaison', 'unit_head'],
  // R6.3 厅长办公会议题 across appeals and 领导批示 (issue 17): every reader, scoped by the server.
  escalationList: ['leader', 'intake', 'coordinator', 'oversight', 'unit_staff', 'liaison', 'unit_head'],
  // R3.4: the channel → lead unit table, kept by sysadmin and the coordinating unit; intake reads it.
  channelLeads: ['sysadmin', 'coordinator', 'intake'],
  // R6.6: the 鲁力办 list of 办公室 (urges); the coordinating unit and 机关党委 read.
  luliban: ['intake', 'coordinator', 'oversight'],
  enterpriseAccounts: ['intake'],
  // Issue 16: the dashboard (leaders see their portfolio, unit heads their unit) and the reports.
  dashboard: ['leader', 'unit_head', 'coordinator', 'intake', 'oversight'],
  reports: ['leader', 'coordinator', 'intake', 'oversight'],
  // Issue 15: roundtables (R5.*), read by every business role; the server decides who acts (transition table).
  roundtables: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  // Issue 15: research tasks (R2.1–R2.4) and policy consultation (R2.5); the server decides who acts.
  research: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  // Issue 14: contact points, the selection board, the visit form, the year at a glance.
  contacts: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  contactBoard: ['leader', 'liaison', 'unit_head', 'coordinator'],
  visitNew: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator'],
  // Issue 16 first half: 机关党委's survey (R7.3), supervision (R7.2, R7.4) and annual assessment (R8.1);
  // leaders read; units see their own.
  surveys: ['oversight', 'leader', 'unit_head'],
  supervision: ['oversight', 'leader', 'unit_staff', 'liaison', 'unit_head'],
  assessment: ['oversight', 'leader', 'unit_head'],
  // Capability 8: the policy knowledge base (R6.1), read by every business role, written by units.
  knowledge: ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'],
  knowledgeWrite: ['unit_staff', 'liaison', 'unit_head'],
} as const satisfies Record<string, readonly Role[]>;

export interface NavLeaf {
  path: string;
  label: string;
  icon?: ReactNode;
  roles?: readonly Role[];
  /** Short description for the home page shortcut card. */
  summary?: string;
  /** The addresses this entry stands for besides its own (its pages behind it), for the menu's highlight. */
  covers?: string;
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
      {
        path: '/appeals/proposals',
        label: '建议提案',
        icon: <SolutionOutlined />,
        roles: ACCESS.proposals,
        summary: '人大代表建议、政协委员提案：交办、答复、代表委员评价，年度办理清单',
      },
      {
        path: '/appeals/escalation',
        label: '议题与批示',
        icon: <SolutionOutlined />,
        roles: ACCESS.escalationList,
        summary: '厅长办公会议题及落实事项；领导批示的签收与落实情况',
      },
      {
        path: '/appeals/leader-reports',
        label: '领导转办月报',
        icon: <FileSearchOutlined />,
        roles: ACCESS.leaderReports,
        summary: '省政府领导转办事项月报：下载 .xlsx、登记报送（每月25日前）',
      },
      {
        path: '/appeals/luliban',
        label: '鲁力办督办',
        icon: <EyeOutlined />,
        roles: ACCESS.luliban,
        summary: '鲁力办平台督办的诉求：平台编号、平台时限，催办',
      },
      {
        path: '/appeals/channel-leads',
        label: '渠道主办处室',
        icon: <ControlOutlined />,
        roles: ACCESS.channelLeads,
        summary: '省长信箱、接诉即办等渠道的主办处室，受理时自动预选',
      },
    ],
  },
  {
    key: 'contacts',
    label: '联系点与走访',
    icon: <TeamOutlined />,
    children: [
      { path: '/contacts', label: '联系点名单', icon: <TeamOutlined />, roles: ACCESS.contacts, summary: '厅领导联系点、处室联系点及任期' },
      { path: '/contacts/board', label: '遴选工作台', icon: <SolutionOutlined />, roles: ACCESS.contactBoard, summary: '联系点提出、统筹协调、领导确认' },
      {
        path: '/contacts/records/new',
        covers: '/contacts/records',
        label: '现场记录',
        icon: <FormOutlined />,
        roles: ACCESS.visitNew,
        summary: '走访、许可核查、执法检查，现场诉求转办',
      },
      { path: '/contacts/year', label: '年度走访进度', icon: <BarChartOutlined />, roles: ACCESS.contacts, summary: '每个联系点今年走访完成情况' },
    ],
  },
  {
    key: 'statistics',
    label: '统计分析',
    icon: <BarChartOutlined />,
    children: [
      {
        path: '/dashboard',
        label: '数据看板',
        icon: <BarChartOutlined />,
        roles: ACCESS.dashboard,
        summary: '受理办结、三率和“2115”按时率、逾期、满意度趋势，按处室排名',
      },
      { path: '/reports', label: '统计报告', icon: <FileTextOutlined />, roles: ACCESS.reports, summary: '月报、年报（Word、Excel），每月自动生成' },
    ],
  },
  {
    key: 'research',
    label: '调研与政策',
    icon: <FileSearchOutlined />,
    children: [
      {
        path: '/research',
        label: '调研任务',
        icon: <FileSearchOutlined />,
        roles: ACCESS.research,
        summary: '按专题调研企业，覆盖情况、措施和成果运用，年度走访完成情况',
      },
      {
        path: '/policies',
        label: '涉企政策征求意见',
        icon: <FileTextOutlined />,
        roles: ACCESS.research,
        summary: '政策草案、调研依据、向企业征求意见及采纳情况',
      },
      {
        path: '/knowledge',
        label: '政策知识库',
        icon: <BookOutlined />,
        roles: ACCESS.knowledge,
        summary: '常见问题的政策解答及依据文件，受理时当场答复参考',
      },
    ],
  },
  {
    path: '/roundtables',
    label: '圆桌会与座谈会',
    icon: <TeamOutlined />,
    roles: ACCESS.roundtables,
    summary: '政企沟通圆桌会、座谈会、企业家会客厅：会前征集、会上答复转办、会后跟踪',
  },
  {
    key: 'oversight',
    label: '作风监督',
    icon: <EyeOutlined />,
    children: [
      {
        path: '/oversight/surveys',
        label: '满意度调查',
        icon: <FormOutlined />,
        roles: ACCESS.surveys,
        summary: '年度企业满意度调查：分层抽样、问卷链接、面对面答卷、加权结果',
      },
      {
        path: '/oversight/supervision',
        label: '督导事项',
        icon: <EyeOutlined />,
        roles: ACCESS.supervision,
        summary: '督导立项、限期说明、通报、约谈整改、通报表扬',
      },
      {
        path: '/oversight/assessment',
        label: '年度考核',
        icon: <TrophyOutlined />,
        roles: ACCESS.assessment,
        summary: '各处室、各市“2115”按时率、三率、满意度、督导情况与得分',
      },
    ],
  },
  { path: '/notifications', label: '站内通知', icon: <BellOutlined />, summary: '派单、到期、逾期、催办、评价和督办提醒' },
  { path: '/enterprises', label: '企业名录', icon: <BankOutlined />, roles: ACCESS.enterprises, summary: '监管企业登记、查询，Excel 导入导出' },
  {
    key: 'enterprise-accounts',
    label: '企业账号管理',
    icon: <ShopOutlined />,
    children: [
      {
        path: '/enterprise-accounts/registrations',
        label: '企业注册审核',
        icon: <AuditOutlined />,
        roles: ACCESS.enterpriseAccounts,
        summary: '核对企业自助注册申请与企业名录，审核通过或驳回',
      },
      {
        path: '/enterprise-accounts',
        label: '企业账号',
        icon: <ShopOutlined />,
        roles: ACCESS.enterpriseAccounts,
        summary: '开通企业门户账号、停用/启用、重置密码',
      },
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
      {
        path: '/admin/tenant-settings',
        label: '工作规则参数',
        icon: <SettingOutlined />,
        roles: ACCESS.tenantSettings,
        summary: '“2115”时限、联系点轮换、走访次数等本级参数',
      },
    ],
  },
  {
    key: 'integrations',
    label: '系统对接',
    icon: <ApiOutlined />,
    children: [
      {
        path: '/integrations/clients',
        label: '工单接入',
        icon: <ApiOutlined />,
        roles: ACCESS.integrations,
        summary: '登记推送工单的外部平台，签发和吊销接口令牌',
      },
      {
        path: '/integrations/webhooks',
        label: '事件推送',
        icon: <ApiOutlined />,
        roles: ACCESS.webhooks,
        summary: '向12345热线平台等系统推送诉求事件，查看投递记录',
      },
      {
        path: '/integrations/sms-outbox',
        label: '短信发件箱',
        icon: <MailOutlined />,
        roles: ACCESS.smsOutbox,
        summary: '评价链接、邀请和通知短信的发送状态',
      },
    ],
  },
  {
    key: 'security',
    label: '安全管理',
    icon: <SafetyCertificateOutlined />,
    children: [
      { path: '/security/roles', label: '角色与权限', icon: <KeyOutlined />, roles: ACCESS.securityRoles, summary: '分配用户角色和数据范围，解锁账号' },
      {
        path: '/security/settings',
        label: '安全策略',
        icon: <ControlOutlined />,
        roles: ACCESS.securitySettings,
        summary: '登录锁定、会话超时、密码长度等策略',
      },
      {
        path: '/security/privacy',
        label: '个人信息请求',
        icon: <IdcardOutlined />,
        roles: ACCESS.privacy,
        summary: '查阅复制、删除（脱敏）企业联系人或工作人员的个人信息',
      },
    ],
  },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: ACCESS.calendar, summary: '节假日、调休和本地调整，“2115”期限按此计算' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ACCESS.audit, summary: '查询、导出系统操作审计记录' },
  {
    key: 'account',
    label: '我的账户',
    icon: <UserOutlined />,
    children: [
      { path: '/account/password', label: '修改密码', icon: <KeyOutlined />, summary: '定期修改登录密码' },
      { path: '/account/notifications', label: '通知设置', icon: <BellOutlined />, summary: '选择以短信、邮件接收哪些通知，邮件每日摘要' },
    ],
  },
];

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
