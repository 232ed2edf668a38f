// Demo research and policy consultation (issue 15, R2.*): a finished research task with its solutions
// in use (成果运用), one in progress — their visits are field records of kind `research` (R2.4, R7.1:
// findings and follow-ups, the older ones done); a policy draft resting on the finished task, in consultation with
// responses (one through the portal by the demo enterprise account's enterprise, one entered by staff).
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.ts';
import {
  fieldFollowUps,
  fieldRecords,
  policyConsultees,
  policyDrafts,
  policyResponses,
  researchSolutions,
  researchTaskEnterprises,
  researchTasks,
} from '../db/schema.ts';
import { shanghaiDate } from '../domain/calendar/index.ts';

const DAY = 86_400_000;

export async function loadResearchDemo(db: DbOrTx, tenantId: string, now = new Date()) {
  const unit = async (name: string) => (await queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE tenant_id = ${tenantId} AND name = ${name}`))[0]?.id;
  const hazchem = await unit('危险化学品安全监督管理处');
  const enforcement = await unit('安全生产执法局');
  const policyUnit = await unit('政策法规处（行政许可处）');
  if (!hazchem || !enforcement || !policyUnit) return;
  const day = (offset: number) => shanghaiDate(new Date(now.getTime() + offset * DAY));
  const leaders = await queryRows<{ id: string }>(db, sql`SELECT id FROM leaders WHERE tenant_id = ${tenantId} ORDER BY sort_order LIMIT 2`);
  // A mix of the registry: private, small/micro and struggling among them (R2.2).
  const pick = async (where: ReturnType<typeof sql>, n: number) =>
    queryRows<{ id: string; name: string; sector: string; size: string; ownership: string; struggling: boolean }>(
      db,
      sql`SELECT id, name, sector, size, ownership, struggling FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived AND ${where} ORDER BY name LIMIT ${n}`,
    );
  const finishedSet = [
    ...(await pick(sql`sector = 'hazchem' AND ownership = 'state'`, 1)),
    ...(await pick(sql`sector = 'hazchem' AND ownership = 'private'`, 1)),
    ...(await pick(sql`size IN ('small', 'micro') AND ownership = 'private'`, 1)),
    ...(await pick(sql`struggling AND ownership <> 'state'`, 1)),
  ];
  const progressSet = await pick(sql`sector IN ('mining', 'industry') AND ownership <> 'private'`, 3);

  const [finished] = await db
    .insert(researchTasks)
    .values({
      tenantId,
      topic: 'safety_gaps',
      title: '危化品中小企业安全生产短板专题调研',
      unitId: hazchem,
      leaderIds: leaders.map((l) => l.id),
      form: 'thematic',
      periodFrom: day(-90),
      periodTo: day(-60),
      state: 'closed',
      findings: '中小危化企业专职安全管理人员不足，自动化控制改造资金压力大，部分园区公用工程配套滞后。',
      goodPractice: '淄博部分园区统一聘请第三方安全托管服务，企业按规模分担费用，效果明显。',
      closedAt: new Date(now.getTime() - 55 * DAY),
      createdByName: '吴海涛',
      createdAt: new Date(now.getTime() - 95 * DAY),
    })
    .returning({ id: researchTasks.id });
  const [progress] = await db
    .insert(researchTasks)
    .values({
      tenantId,
      topic: 'pain_points',
      title: '非煤矿山和工贸企业应急管理痛点难点调研（结合汛期安全检查）',
      unitId: enforcement,
      leaderIds: leaders.slice(0, 1).map((l) => l.id),
      form: 'with_inspection',
      inspectionRef: '2026年汛期安全生产督导检查',
      periodFrom: day(-10),
      periodTo: day(20),
      state: 'in_progress',
      createdByName: '孙立新',
      createdAt: new Date(now.getTime() - 12 * DAY),
    })
    .returning({ id: researchTasks.id });
  // A recorder and follow-up owner: someone of the unit (危化处: the demo's unit staff), else 政策法规处's
  // coordinator, who may record for any unit (the 执法局 has no demo account).
  const person = async (unitId: string) =>
    (
      await queryRows<{ id: string; display_name: string }>(
        db,
        sql`SELECT id, display_name FROM users WHERE tenant_id = ${tenantId} AND NOT disabled AND (unit_id = ${unitId} OR username = 'coordinator')
            ORDER BY (unit_id = ${unitId}) DESC NULLS LAST, (username = 'unit_staff') DESC, username LIMIT 1`,
      )
    )[0];
  const FINDINGS = [
    '企业专职安全管理人员仅1人，自动化控制改造资金缺口较大。',
    '装置区老旧，企业希望了解改造补助政策和审查流程。',
    '企业反映园区公用工程配套滞后，影响安全改造进度。',
    '企业经营困难，安全投入不足，希望提供安全托管服务。',
  ];
  const rows = async (taskId: string, unitId: string, set: typeof finishedSet, visited: (n: number) => boolean, at: number) => {
    const who = await person(unitId);
    const out = [];
    // An enterprise picked twice is visited once (no field record without its task row).
    const unique = [...new Map(set.map((e) => [e.id, e])).values()];
    for (const [n, e] of unique.entries()) {
      let fieldRecordId: string | null = null;
      const visitedAt = visited(n) ? new Date(now.getTime() - (at - n) * DAY) : null;
      if (visitedAt && who) {
        const visitedOn = shanghaiDate(visitedAt);
        const [rec] = await db
          .insert(fieldRecords)
          .values({
            tenantId,
            kind: 'research',
            enterpriseId: e.id,
            unitId,
            visitedOn,
            form: n % 2 ? 'meeting' : 'on_site',
            leaderIds: n === 0 ? leaders.slice(0, 1).map((l) => l.id) : [],
            staffNames: who.display_name,
            difficulties: '安全改造资金和专业人员不足。',
            suggestions: '希望出台中小企业安全改造补助政策。',
            findings: FINDINGS[n % FINDINGS.length],
            createdBy: who.id,
            createdByName: who.display_name,
            createdAt: visitedAt,
          })
          .returning({ id: fieldRecords.id });
        const dueOn = shanghaiDate(new Date(visitedAt.getTime() + 30 * DAY));
        const done = dueOn < day(0);
        await db.insert(fieldFollowUps).values({
          tenantId,
          recordId: rec.id,
          description: '将企业反映的问题纳入调研报告，研究提出解决措施',
          ownerUserId: who.id,
          ownerName: who.display_name,
          dueOn,
          doneAt: done ? new Date(`${dueOn}T08:00:00Z`) : null,
          doneNote: done ? '已纳入调研报告' : null,
        });
        fieldRecordId = rec.id;
      }
      out.push({
        tenantId,
        taskId,
        enterpriseId: e.id,
        enterpriseName: e.name,
        sector: e.sector as never,
        size: e.size as never,
        ownership: e.ownership as never,
        struggling: e.struggling,
        status: visitedAt ? ('visited' as const) : ('planned' as const),
        visitedAt,
        fieldRecordId,
      });
    }
    return out;
  };
  const fin = await rows(finished.id, hazchem, finishedSet, () => true, 80);
  const prog = await rows(progress.id, enforcement, progressSet, (n) => n === 0, 5);
  if (fin.length) await db.insert(researchTaskEnterprises).values(fin).onConflictDoNothing();
  if (prog.length) await db.insert(researchTaskEnterprises).values(prog).onConflictDoNothing();
  await db.insert(researchSolutions).values([
    {
      tenantId,
      taskId: finished.id,
      description: '推广化工园区第三方安全托管服务',
      ownerUnitId: hazchem,
      dueDate: day(-30),
      status: 'done',
      useKind: 'measure',
      useEvidence: '鲁应急字〔2026〕35号《关于推行化工园区安全托管服务的通知》',
    },
    { tenantId, taskId: finished.id, description: '研究中小危化企业自动化改造补助政策', ownerUnitId: policyUnit, dueDate: day(30), status: 'in_progress' },
  ]);

  // A policy draft resting on the finished research, in consultation with responses.
  const [draft] = await db
    .insert(policyDrafts)
    .values({
      tenantId,
      title: '关于支持中小危险化学品企业安全改造提升的若干措施（征求意见稿）',
      draftingUnitId: policyUnit,
      body: '一、对完成自动化控制改造的中小危化企业给予补助。\n二、推行化工园区安全托管服务。\n三、简化安全改造项目审查流程。',
      researchTaskIds: [finished.id],
      state: 'consulting',
      consultFrom: day(-5),
      consultUntil: day(10),
      criteria: { sectors: ['hazchem'], regions: [], sizes: ['small', 'micro'] },
      createdByName: '孙立新',
      createdAt: new Date(now.getTime() - 8 * DAY),
    })
    .returning({ id: policyDrafts.id });
  const asked = await pick(sql`sector = 'hazchem' AND size IN ('small', 'micro')`, 20);
  const [demo] = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.tenant_id = ${tenantId} AND u.username = 'enterprise'`,
  );
  const consultees = new Map(asked.map((e) => [e.id, e.name]));
  if (demo) consultees.set(demo.id, demo.name);
  if (consultees.size)
    await db
      .insert(policyConsultees)
      .values([...consultees].map(([enterpriseId, enterpriseName]) => ({ tenantId, draftId: draft.id, enterpriseId, enterpriseName })));
  const first = asked[0];
  await db.insert(policyResponses).values([
    ...(first
      ? [
          {
            tenantId,
            draftId: draft.id,
            enterpriseId: first.id,
            enterpriseName: first.name,
            source: 'portal' as const,
            content: '建议补助比例按改造投资额的30%计算，并允许分期申请。',
            adopted: true,
            reason: '已在第一条中采纳，补助比例调整为30%。',
            decidedByName: '孙立新',
            createdByName: `企业用户 ${first.name}联系人`,
            createdAt: new Date(now.getTime() - 3 * DAY),
          },
        ]
      : []),
    {
      tenantId,
      draftId: draft.id,
      enterpriseId: null,
      enterpriseName: '省化工行业协会',
      source: 'staff' as const,
      content: '来函：建议明确安全托管服务机构的资质要求。',
      createdByName: '孙立新',
      createdAt: new Date(now.getTime() - 2 * DAY),
    },
  ]);
}
