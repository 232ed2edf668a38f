// Demo data for a newcomer's first start: the provincial department's 12 units named in the seed
// document, its leaders and portfolios, one demo account per role, and a smaller set per city.
// Loaded once (marker in app_meta); a second start duplicates nothing.
import { eq, sql } from 'drizzle-orm';
import type { Role, Scope, Sector, UnitKind } from '../../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { appMeta, leaderUnits, leaders, units, users } from '../db/schema.ts';
import { loadContactDemo } from './demo-contacts.ts';
import { insertAudit } from '../modules/audit/index.ts';
import { hashPassword } from '../lib/password.ts';
import { CITIES, ensureTenants, PROVINCE } from './tenants.ts';
import { loadDemoEnterprises } from './demo-enterprises.ts';
import { DEMO_APPEAL_PLAN, loadAppealDemo } from './demo-appeals.ts';
import { loadRoundtableDemo } from './demo-roundtables.ts';
import { loadResearchDemo } from './demo-research.ts';
import { loadSurveyDemo } from '../modules/surveys/index.ts';
import { loadSupervisionDemo } from '../modules/supervision/index.ts';
import { loadProposalsDemo } from '../modules/proposals/index.ts';
import { loadEscalationDemo } from '../modules/escalation/index.ts';
import { loadKnowledgeDemo } from '../modules/knowledge/index.ts';
import { flagLoadedRepeats } from '../modules/appeals/index.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/settings.ts';
import { shanghaiParts } from '../../../shared/format.ts';

export const DEMO_PASSWORD = 'Zqt@2026demo';

type UnitSeed = { name: string; shortName: string; kind: UnitKind; sectors: Sector[]; duties: string };

/** The 12 units of the provincial department named in 鲁应急发〔2023〕9号, with what they do there. */
export const PROVINCIAL_UNITS: UnitSeed[] = [
  {
    name: '办公室',
    shortName: '办公室',
    kind: 'intake',
    sectors: [],
    duties:
      '征集企业诉求（R3.1），办理来电来信、人大建议政协提案（R3.3），协调厅领导参加活动（R5.3），省政府常务会议上会事宜（R6.4），督促鲁力办督办事项（R6.6）',
  },
  { name: '新闻宣传处', shortName: '新闻宣传处', kind: 'intake', sectors: [], duties: '通过官方网站、微信公众号等渠道征集企业诉求（R3.1）' },
  {
    name: '政策法规处（行政许可处）',
    shortName: '政策法规处',
    kind: 'coordinator',
    sectors: ['hazchem', 'mining', 'industry'],
    duties: '统筹联系点选择（R1.5、R1.9），牵头多处室会商（R5.2），省长信箱等事项办理（R3.4），行政许可现场核查征询意见（R4.1）',
  },
  {
    name: '危险化学品安全监督管理处',
    shortName: '危化处',
    kind: 'business',
    sectors: ['hazchem'],
    duties: '危险化学品企业安全监管，现场核查和监督检查中倾听企业诉求（R4.1、R4.2）',
  },
  {
    name: '非煤矿山安全监督管理处',
    shortName: '非煤矿山处',
    kind: 'business',
    sectors: ['mining'],
    duties: '非煤矿山企业安全监管，监督检查中倾听企业诉求（R4.2）',
  },
  {
    name: '安全生产基础处',
    shortName: '安全生产基础处',
    kind: 'business',
    sectors: ['industry'],
    duties: '工贸行业安全生产基础工作，监督检查中倾听企业诉求（R4.2）',
  },
  {
    name: '救援预案处',
    shortName: '救援预案处',
    kind: 'business',
    sectors: ['hazchem', 'mining', 'industry'],
    duties: '应急预案和救援工作，监督检查中倾听企业诉求（R4.2）',
  },
  {
    name: '调查评估统计处',
    shortName: '调查评估统计处',
    kind: 'business',
    sectors: ['hazchem', 'mining', 'industry'],
    duties: '事故调查评估和统计，监督检查中倾听企业诉求（R4.2）',
  },
  {
    name: '安全生产执法局',
    shortName: '执法局',
    kind: 'enforcement',
    sectors: ['hazchem', 'mining', 'industry'],
    duties: '安全生产执法，听取企业陈述、申辩意见（R4.3），每年深入企业调研不少于2次（R2.4）',
  },
  {
    name: '机关党委',
    shortName: '机关党委',
    kind: 'oversight',
    sectors: [],
    duties: '涉企诉求办理作风效能监督（R7.2），每年企业满意度调查（R7.3），通报或约谈（R7.4）',
  },
  {
    name: '省安全举报投诉中心',
    shortName: '举报投诉中心',
    kind: 'intake',
    sectors: [],
    duties: '通过热线电话等渠道征集企业诉求（R3.1），举报投诉核查听取企业陈述申辩（R4.3）',
  },
  {
    name: '省安全技术服务中心',
    shortName: '技术服务中心',
    kind: 'service',
    sectors: ['hazchem', 'mining', 'industry'],
    duties: '依申请政务服务事项现场核查时征询企业意见（R4.1）',
  },
];

const PROVINCIAL_LEADERS: { name: string; title: string; units: string[]; username?: string }[] = [
  { name: '张明远', title: '厅长', units: ['办公室', '政策法规处（行政许可处）'] },
  { name: '李卫东', title: '副厅长', units: ['危险化学品安全监督管理处', '安全生产执法局', '省安全技术服务中心'], username: 'leader' },
  { name: '刘振华', title: '副厅长', units: ['非煤矿山安全监督管理处', '安全生产基础处', '省安全举报投诉中心'] },
  { name: '陈国强', title: '副厅长', units: ['救援预案处', '调查评估统计处', '新闻宣传处'] },
  { name: '赵文静', title: '机关党委书记', units: ['机关党委'] },
];

const CITY_UNITS: UnitSeed[] = [
  { name: '办公室', shortName: '办公室', kind: 'intake', sectors: [], duties: '征集和分办企业诉求' },
  { name: '政策法规科', shortName: '法规科', kind: 'coordinator', sectors: ['hazchem', 'mining', 'industry'], duties: '统筹联系点和会商' },
  { name: '危险化学品安全监督管理科', shortName: '危化科', kind: 'business', sectors: ['hazchem'], duties: '危险化学品企业安全监管' },
  { name: '非煤矿山安全监督管理科', shortName: '非煤科', kind: 'business', sectors: ['mining'], duties: '非煤矿山企业安全监管' },
  { name: '工贸行业安全监督管理科', shortName: '工贸科', kind: 'business', sectors: ['industry'], duties: '工贸企业安全监管' },
  { name: '应急救援科', shortName: '救援科', kind: 'business', sectors: ['hazchem', 'mining', 'industry'], duties: '应急预案和救援' },
  { name: '应急管理综合行政执法支队', shortName: '执法支队', kind: 'enforcement', sectors: ['hazchem', 'mining', 'industry'], duties: '安全生产执法' },
  { name: '机关党委', shortName: '机关党委', kind: 'oversight', sectors: [], duties: '作风效能监督和满意度调查' },
];

type DemoAccount = { username: string; displayName: string; roles: Role[]; scope: Scope; unit: string | null; note: string };

/** One demo account per role in the province (printed at start). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  // 三权分立: the admin accounts hold no unit (issue 12), so they receive no unit's business notices.
  { username: 'sysadmin', displayName: '系统管理员', roles: ['sysadmin'], scope: 'tenant', unit: null, note: '组织、处室、厅领导、业务账号' },
  {
    username: 'secadmin',
    displayName: '安全管理员',
    roles: ['secadmin'],
    scope: 'tenant',
    unit: null,
    note: '角色分配、安全策略、解锁、管理员账号、各市首个管理员',
  },
  { username: 'auditor', displayName: '审计管理员', roles: ['auditor'], scope: 'tenant', unit: null, note: '审计日志（只读，含各市与无归属记录）' },
  { username: 'leader', displayName: '李卫东', roles: ['leader'], scope: 'portfolio', unit: null, note: '副厅长，分管危化处、执法局、技术服务中心' },
  { username: 'intake', displayName: '王晓梅', roles: ['intake'], scope: 'tenant', unit: '办公室', note: '诉求受理（办公室）' },
  { username: 'coordinator', displayName: '孙立新', roles: ['coordinator'], scope: 'tenant', unit: '政策法规处（行政许可处）', note: '统筹协调（政策法规处）' },
  { username: 'unit_head', displayName: '周建华', roles: ['unit_head'], scope: 'unit', unit: '危险化学品安全监督管理处', note: '危化处处长' },
  { username: 'unit_staff', displayName: '吴海涛', roles: ['unit_staff'], scope: 'unit', unit: '危险化学品安全监督管理处', note: '危化处工作人员' },
  { username: 'liaison', displayName: '郑晓燕', roles: ['liaison', 'unit_staff'], scope: 'unit', unit: '危险化学品安全监督管理处', note: '危化处联络员' },
  { username: 'oversight', displayName: '钱志刚', roles: ['oversight'], scope: 'tenant', unit: '机关党委', note: '作风监督（机关党委）' },
  {
    username: 'enterprise',
    displayName: '鲁华化工联系人',
    roles: ['enterprise'],
    scope: 'tenant',
    unit: null,
    note: '企业用户（企业门户：提交、查看、评价本企业诉求）',
  },
];

const SEED_KEY = 'demo_data_loaded';

export async function demoLoaded(db: Db) {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, SEED_KEY));
  return Boolean(row);
}

/** Loads the demo data once. Returns false when it was already there. */
export async function loadDemoData(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Serialises concurrent first starts of several instances on the marker row.
    const inserted = await tx
      .insert(appMeta)
      .values({ key: SEED_KEY, value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return false;
    const tenantIds = await ensureTenants(tx);
    const provinceId = tenantIds.get(PROVINCE.code)!;

    const unitRows = await tx
      .insert(units)
      .values([
        ...PROVINCIAL_UNITS.map((u, i) => ({ ...u, tenantId: provinceId, sortOrder: (i + 1) * 10 })),
        ...CITIES.flatMap((c) => CITY_UNITS.map((u, i) => ({ ...u, tenantId: tenantIds.get(c.code)!, sortOrder: (i + 1) * 10 }))),
      ])
      .returning({ id: units.id, tenantId: units.tenantId, name: units.name });
    const unitId = (tenantId: string, name: string) => unitRows.find((u) => u.tenantId === tenantId && u.name === name)!.id;

    const userRows = await tx
      .insert(users)
      .values([
        ...DEMO_ACCOUNTS.map((a) => ({
          tenantId: provinceId,
          username: a.username,
          displayName: a.displayName,
          roles: a.roles,
          scope: a.scope,
          unitId: a.unit ? unitId(provinceId, a.unit) : null,
          passwordHash,
          mustChangePassword: false,
        })),
        ...CITIES.map((c) => ({
          tenantId: tenantIds.get(c.code)!,
          username: `sysadmin_${c.code}`,
          displayName: `${c.city}市局系统管理员`,
          roles: ['sysadmin'],
          scope: 'tenant',
          // 三权分立: admin roles hold no unit (so no unit's business notices).
          unitId: null,
          passwordHash,
          mustChangePassword: false,
        })),
      ])
      .returning({ id: users.id, username: users.username });

    const leaderSeeds = [
      ...PROVINCIAL_LEADERS.map((l, i) => ({ ...l, tenantId: provinceId, sortOrder: i })),
      ...CITIES.flatMap((c) => [
        { name: `${c.city}市局局长`, title: '局长', units: ['办公室', '政策法规科', '机关党委'], tenantId: tenantIds.get(c.code)!, sortOrder: 0 },
        {
          name: `${c.city}市局副局长`,
          title: '副局长',
          units: ['危险化学品安全监督管理科', '非煤矿山安全监督管理科', '工贸行业安全监督管理科', '应急救援科', '应急管理综合行政执法支队'],
          tenantId: tenantIds.get(c.code)!,
          sortOrder: 1,
        },
      ]),
    ];
    const leaderRows = await tx
      .insert(leaders)
      .values(
        leaderSeeds.map((l) => ({
          tenantId: l.tenantId,
          name: l.name,
          title: l.title,
          sortOrder: l.sortOrder,
          userId: 'username' in l && l.username ? userRows.find((u) => u.username === l.username)!.id : null,
        })),
      )
      .returning({ id: leaders.id });
    await tx.insert(leaderUnits).values(leaderSeeds.flatMap((l, i) => l.units.map((u) => ({ leaderId: leaderRows[i].id, unitId: unitId(l.tenantId, u) }))));

    const enterpriseCount = await loadDemoEnterprises(tx);

    await insertAudit(tx, {
      tenantId: provinceId,
      actorId: null,
      actorName: '系统',
      action: 'system.demo_data',
      entity: 'system',
      summary: `载入演示数据：${unitRows.length}个处室、${userRows.length}个账号、${leaderRows.length}位领导、${enterpriseCount}家企业`,
      ip: null,
      requestId: null,
    });
    // Demo appeals (set-based; after the enterprises so some appeals name registered ones).
    await loadAppealDemo(tx, DEMO_APPEAL_PLAN);
    // Capability 8: the repeats among them (重复诉求), flagged as intake would have.
    await flagLoadedRepeats(tx, provinceId, DEFAULT_TENANT_SETTINGS.repeatWindowDays);
    // The demo enterprise account belongs to the registered provincial enterprise with the most demo
    // appeals, so the portal shows a living list.
    await tx.execute(sql`
      WITH top AS (
        SELECT a.enterprise_id AS id FROM appeals a
        WHERE a.tenant_id = ${provinceId} AND a.enterprise_id IS NOT NULL
        GROUP BY a.enterprise_id ORDER BY count(*) DESC, a.enterprise_id LIMIT 1)
      UPDATE users u SET enterprise_id = top.id, display_name = e.name || '联系人'
      FROM top JOIN enterprises e ON e.id = top.id
      WHERE u.username = 'enterprise' AND u.tenant_id = ${provinceId}`);
    // Issue 15: a past roundtable with appeals in every state and an upcoming one collecting (R5.*).
    await loadRoundtableDemo(tx, provinceId);
    // Issue 15: a finished research task with solutions in use, one in progress; a policy in consultation (R2.*).
    await loadResearchDemo(tx, provinceId);
    // Issue 14: contact points of the demo leaders and units, a year of visits, pending selections.
    await loadContactDemo(tx, provinceId);
    // Capability 8: the policy knowledge base — common questions of the three sectors (R6.1).
    await loadKnowledgeDemo(tx, provinceId);
    // 机关党委's demo (issue 16, R7.2–R7.4): last year's closed satisfaction survey with answers, and
    // this year's supervision items (awaiting an explanation, a 通报, a 约谈 under rectification).
    const now = new Date();
    const year = shanghaiParts(now)!.year;
    const oversight = userRows.find((u) => u.username === 'oversight')!;
    await loadSurveyDemo(tx, { tenantId: provinceId, year: year - 1, oversightUserId: oversight.id, oversightName: '钱志刚' });
    await loadSupervisionDemo(tx, {
      tenantId: provinceId,
      year,
      unitIds: { hazchem: unitId(provinceId, '危险化学品安全监督管理处'), other: unitId(provinceId, '安全生产基础处') },
      oversightName: '钱志刚',
      now,
    });
    // R3.3 建议提案: four of this year (in handling, due soon, closed 满意, handled again after 不满意).
    const intake = userRows.find((u) => u.username === 'intake')!;
    await loadProposalsDemo(tx, {
      tenantId: provinceId,
      tenantCode: PROVINCE.code,
      intake: { id: intake.id, username: 'intake', displayName: '王晓梅', unitId: unitId(provinceId, '办公室') },
      unitIds: { hazchem: unitId(provinceId, '危险化学品安全监督管理处'), mining: unitId(provinceId, '非煤矿山安全监督管理处') },
      now,
    });
    // R6.3 and 领导批示: the demo leader's 批示 on 危化处's open appeals (one to acknowledge, one reported on)
    // and 厅长办公会 agenda items proposed, scheduled and decided.
    const account = (username: string) => {
      const u = userRows.find((x) => x.username === username)!;
      const d = DEMO_ACCOUNTS.find((x) => x.username === username)!;
      return { id: u.id, username, displayName: d.displayName, roles: d.roles, scope: d.scope, unitId: d.unit ? unitId(provinceId, d.unit) : null };
    };
    const hazchem = unitId(provinceId, '危险化学品安全监督管理处');
    const leaderSeed = PROVINCIAL_LEADERS.find((l) => l.username === 'leader')!;
    await loadEscalationDemo(tx, {
      tenantId: provinceId,
      tenantCode: PROVINCE.code,
      unitId: hazchem,
      leader: { ...account('leader'), portfolioUnitIds: leaderSeed.units.map((u) => unitId(provinceId, u)) },
      unitHead: account('unit_head'),
      intake: account('intake'),
      now,
    });
    return true;
  });
}
