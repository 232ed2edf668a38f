// Role ids (PRODUCT.md "Who uses it") and their Chinese labels, shared by server and web.

export const ROLES = [
  'leader',
  'unit_staff',
  'liaison',
  'unit_head',
  'coordinator',
  'intake',
  'oversight',
  'enterprise',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  leader: '厅领导',
  unit_staff: '处室工作人员',
  liaison: '联络员',
  unit_head: '处室负责人',
  coordinator: '统筹协调（政策法规处）',
  intake: '诉求受理',
  oversight: '作风监督（机关党委）',
  enterprise: '企业用户',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

/** 三权分立: the three administration roles; an account holds at most one of them and no business role. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = ROLES.filter((r) => !(ADMIN_ROLES as readonly string[]).includes(r)) as Role[];
/** The staff's business roles (not admin, not enterprise): only these receive a unit's notices. */
export const STAFF_BUSINESS_ROLES = BUSINESS_ROLES.filter((r) => r !== 'enterprise');
/** The roles that handle an appeal as its lead or co-handling unit (server/src/domain/appeals/transitions.ts). */
export const APPEAL_UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
/**
 * The roles that act on appeals (a party of some transition, transitions.ts partiesOf); any other staff
 * role only watches (R7.2: leaders and 机关党委 are read-only). The web's home page tells them apart.
 */
export const APPEAL_ACTING_ROLES = ['intake', 'coordinator', ...APPEAL_UNIT_ROLES] as const satisfies readonly Role[];

export const SCOPES = ['tenant', 'unit', 'portfolio'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  tenant: '本单位全部（本级）',
  unit: '本处室',
  portfolio: '分管处室',
};

export const UNIT_KINDS = ['intake', 'coordinator', 'oversight', 'business', 'enforcement', 'service', 'general'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  intake: '诉求受理',
  coordinator: '统筹协调',
  oversight: '作风监督',
  business: '业务处室',
  enforcement: '执法单位',
  service: '技术服务',
  general: '综合',
};

export const SECTORS = ['hazchem', 'mining', 'industry'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  hazchem: '危险化学品',
  mining: '非煤矿山',
  industry: '工贸',
};
