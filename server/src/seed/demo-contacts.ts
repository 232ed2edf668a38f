// Demo contact points and visits (issue 14), loaded with the demo data in the same transaction:
// each demo leader of the province with 1–2 points, the business units with 1–2 each, a year of
// visits with follow-ups (some done, one overdue), some points behind pace, and one pending
// selection at each step (待统筹协调, 已退回, 待领导确认 — the latter for the demo leader 李卫东).
// Dates are relative to the day of loading, so the year at a glance is alive whenever it is loaded.
import { sql } from 'drizzle-orm';
import type { PointKind, PointState } from '../../../shared/contacts.ts';
import { queryRows, type Tx } from '../db/client.ts';
import { contactPointEvents, contactPoints, fieldFollowUps, fieldRecordAppeals, fieldRecords, users } from '../db/schema.ts';
import { addDaysIso, addYearsIso, shanghaiDate } from '../domain/calendar/index.ts';
import { recountVisits } from '../modules/contacts/index.ts';

type PointSeed = {
  kind: PointKind;
  leader?: string;
  unit: string;
  /** Sector of the enterprise to pick among the unit's supervised ones. */
  state: PointState;
  /** Days ago it was confirmed (confirmed points). */
  confirmedDaysAgo?: number;
  /** Visits this year: days ago. */
  visits?: number[];
  liaison?: string;
  reason?: string;
};

const HAZ = '危险化学品安全监督管理处';
const MINE = '非煤矿山安全监督管理处';
const BASE = '安全生产基础处';
const RESCUE = '救援预案处';
const ENFORCE = '安全生产执法局';

/** Extra liaison officers of the demo (R1.6; the printed accounts have one, 郑晓燕 of the 危化处). */
export const DEMO_LIAISONS = [
  { username: 'liaison_fk', displayName: '冯立平', unit: MINE },
  { username: 'liaison_jc', displayName: '韩素梅', unit: BASE },
];

function plan(today: string): PointSeed[] {
  const dayOfYear = Math.max(1, Math.round((Date.parse(today) - Date.parse(`${today.slice(0, 4)}-01-01`)) / 86_400_000));
  // Visits spread over the part of the year that has passed.
  const at = (fraction: number) => Math.max(0, Math.round(dayOfYear * fraction));
  return [
    // 李卫东 (the demo leader): one confirmed point visited, one awaiting his confirmation.
    { kind: 'leader', leader: '李卫东', unit: HAZ, state: 'confirmed', confirmedDaysAgo: 400, visits: [at(0.6)] },
    { kind: 'leader', leader: '李卫东', unit: ENFORCE, state: 'leader_review', reason: '执法局推荐：年度重点执法检查对象，企业诉求较多' },
    // 刘振华: confirmed, not yet visited this year (behind pace late in the year).
    { kind: 'leader', leader: '刘振华', unit: MINE, state: 'confirmed', confirmedDaysAgo: 300 },
    // 陈国强: confirmed and visited; a second proposed by the unit, waiting for 政策法规处.
    { kind: 'leader', leader: '陈国强', unit: RESCUE, state: 'confirmed', confirmedDaysAgo: 200, visits: [at(0.3)] },
    { kind: 'leader', leader: '陈国强', unit: RESCUE, state: 'proposed', reason: '企业应急预案体系建设有代表性' },
    // Units: 危化处 one point (done; room for a second — the browser test proposes it), 非煤处 one done and
    // one returned, 基础处 two (one behind, not visited at all).
    { kind: 'unit', unit: HAZ, state: 'confirmed', confirmedDaysAgo: at(0.95), visits: [at(0.7), at(0.2)], liaison: 'liaison' },
    { kind: 'unit', unit: BASE, state: 'confirmed', confirmedDaysAgo: at(0.9), visits: [at(0.5)], liaison: 'liaison_jc' },
    { kind: 'unit', unit: MINE, state: 'confirmed', confirmedDaysAgo: at(0.9), visits: [at(0.8), at(0.1)], liaison: 'liaison_fk' },
    { kind: 'unit', unit: MINE, state: 'returned', liaison: 'liaison_fk', reason: '该企业已列为厅领导联系点，请另选' },
    { kind: 'unit', unit: BASE, state: 'confirmed', confirmedDaysAgo: at(0.85), liaison: 'liaison_jc' },
  ];
}

const VISIT_TEXTS = [
  {
    policies: '宣讲《危险化学品安全法》及安全生产许可延续办理新规定',
    difficulties: '园区危化品运输车辆停车难，专用停车场不足',
    suggestions: '希望延续换证时已提交过的材料不再重复提交',
    findings: '企业专职安全管理人员2人，低于规定配备数量；双重预防机制运行基本正常',
    followUps: ['督促企业年底前补足专职安全管理人员', '协调园区管委会研究增设危化品车辆专用停车场'],
  },
  {
    policies: '解读安全生产标准化定级办法，宣传企业安全生产责任保险政策',
    difficulties: '标准化定级评审费用较高，中小企业负担重',
    suggestions: '建议对连续三年无事故企业减少检查频次',
    findings: '企业对标准化定级流程不熟悉，现场隐患排查台账记录不完整',
    followUps: ['安排技术服务中心上门开展标准化定级辅导'],
  },
];

export async function loadContactDemo(tx: Tx, provinceId: string) {
  const today = shanghaiDate(new Date());
  const unitRows = await queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM units WHERE tenant_id = ${provinceId}`);
  const unitId = (name: string) => unitRows.find((u) => u.name === name)!.id;
  const leaderRows = await queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM leaders WHERE tenant_id = ${provinceId}`);
  const leaderId = (name: string) => leaderRows.find((l) => l.name === name)!.id;
  const passwordHash = (
    await queryRows<{ password_hash: string }>(tx, sql`SELECT password_hash FROM users WHERE tenant_id = ${provinceId} AND username = 'liaison'`)
  )[0].password_hash;
  await tx.insert(users).values(
    DEMO_LIAISONS.map((l) => ({
      tenantId: provinceId,
      username: l.username,
      displayName: l.displayName,
      roles: ['liaison', 'unit_staff'],
      scope: 'unit',
      unitId: unitId(l.unit),
      passwordHash,
      mustChangePassword: false,
    })),
  );
  const people = await queryRows<{ id: string; username: string; display_name: string }>(
    tx,
    sql`SELECT id, username, display_name FROM users WHERE tenant_id = ${provinceId} AND username IN ('liaison', 'liaison_fk', 'liaison_jc', 'unit_head', 'unit_staff', 'coordinator', 'leader')`,
  );
  const person = (u: string) => people.find((p) => p.username === u)!;
  // Enterprises supervised by each unit (the demo registry), each used once.
  const ents = await queryRows<{ id: string; name: string; supervising_unit_id: string | null; sector: string }>(
    tx,
    sql`SELECT id, name, supervising_unit_id, sector FROM enterprises WHERE tenant_id = ${provinceId} AND NOT archived ORDER BY name`,
  );
  const used = new Set<string>();
  const sectorOf: Record<string, string> = { [HAZ]: 'hazchem', [MINE]: 'mining', [BASE]: 'industry', [RESCUE]: 'hazchem', [ENFORCE]: 'hazchem' };
  const pick = (unit: string) => {
    const e = ents.find((x) => !used.has(x.id) && x.supervising_unit_id === unitId(unit)) ?? ents.find((x) => !used.has(x.id) && x.sector === sectorOf[unit]);
    if (!e) return null;
    used.add(e.id);
    return e;
  };

  let n = 0;
  for (const p of plan(today)) {
    const e = pick(p.unit);
    if (!e) continue;
    const confirmedOn = p.confirmedDaysAgo !== undefined ? addDaysIso(today, -p.confirmedDaysAgo) : null;
    const years = p.kind === 'leader' ? 2 : 1;
    const confirmedAt = confirmedOn ? new Date(`${confirmedOn}T02:00:00Z`) : null;
    const [row] = await tx
      .insert(contactPoints)
      .values({
        tenantId: provinceId,
        kind: p.kind,
        leaderId: p.leader ? leaderId(p.leader) : null,
        unitId: unitId(p.unit),
        enterpriseId: e.id,
        liaisonUserId: p.liaison ? person(p.liaison).id : null,
        state: p.state,
        reason: p.reason ?? '',
        confirmedAt,
        termStart: confirmedOn,
        termEnd: confirmedOn ? addYearsIso(confirmedOn, years) : null,
        createdAt: confirmedAt ? new Date(confirmedAt.getTime() - 20 * 86_400_000) : new Date(Date.now() - 5 * 86_400_000),
      })
      .returning();
    const proposer = p.liaison === 'liaison' || p.unit === HAZ ? person('unit_head') : { id: null, display_name: `${p.unit}负责人` };
    const coordinator = person('coordinator');
    const ev = (
      type: string,
      before: PointState | null,
      after: PointState,
      at: Date,
      actor: { id: string | null; display_name: string },
      payload: Record<string, unknown> = {},
    ) => ({
      tenantId: provinceId,
      pointId: row.id,
      at,
      actorId: actor.id,
      actorName: actor.display_name,
      type,
      stateBefore: before,
      stateAfter: after,
      payload,
    });
    const t0 = row.createdAt;
    const events = [ev('propose', null, 'proposed', t0, proposer, { enterpriseName: e.name, reason: p.reason ?? '' })];
    if (p.state === 'returned') events.push(ev('return', 'proposed', 'returned', new Date(t0.getTime() + 86_400_000), coordinator, { reason: p.reason }));
    if (p.state === 'leader_review' || p.state === 'confirmed')
      events.push(ev('accept', 'proposed', 'leader_review', new Date(t0.getTime() + 3 * 86_400_000), coordinator));
    if (p.state === 'confirmed' && confirmedAt && confirmedOn) {
      const confirmer = p.leader === '李卫东' || p.unit === HAZ ? person('leader') : { id: null, display_name: p.leader ?? '分管厅领导' };
      events.push(
        ev('confirm', 'leader_review', 'confirmed', confirmedAt, confirmer, { term: { termStart: confirmedOn, termEnd: addYearsIso(confirmedOn, years) } }),
      );
    }
    await tx.insert(contactPointEvents).values(events);

    for (const [i, daysAgo] of (p.visits ?? []).entries()) {
      const text = VISIT_TEXTS[(n + i) % VISIT_TEXTS.length];
      const visitedOn = addDaysIso(today, -daysAgo);
      const recorder = p.unit === HAZ ? person('unit_staff') : person(p.liaison ?? 'coordinator');
      const [rec] = await tx
        .insert(fieldRecords)
        .values({
          tenantId: provinceId,
          kind: 'visit',
          pointId: row.id,
          enterpriseId: e.id,
          unitId: unitId(p.unit),
          visitedOn,
          form: i % 3 === 2 ? 'meeting' : 'on_site',
          leaderIds: p.leader ? [leaderId(p.leader)] : [],
          staffNames: p.unit === HAZ ? '周建华、吴海涛' : recorder.display_name,
          policies: text.policies,
          difficulties: text.difficulties,
          suggestions: text.suggestions,
          findings: text.findings,
          createdBy: recorder.id,
          createdByName: recorder.display_name,
          createdAt: new Date(`${visitedOn}T09:00:00Z`),
        })
        .returning();
      await tx.insert(fieldFollowUps).values(
        text.followUps.map((d, k) => {
          const dueOn = addDaysIso(visitedOn, 30 + 15 * k);
          // Older follow-ups are done; the newest of a record due in the past stays open (overdue).
          const done = dueOn < today && !(k === text.followUps.length - 1 && daysAgo < 90);
          return {
            tenantId: provinceId,
            recordId: rec.id,
            description: d,
            ownerUserId: p.unit === HAZ ? person('unit_head').id : recorder.id,
            ownerName: p.unit === HAZ ? person('unit_head').display_name : recorder.display_name,
            dueOn,
            doneAt: done ? new Date(`${dueOn}T08:00:00Z`) : null,
            doneNote: done ? '已落实，企业反馈满意' : null,
          };
        }),
      );
      n++;
    }
  }
  await recountVisits(tx, [provinceId]);
  // A demo appeal of channel 调研走访 raised at the first 危化处 visit (linked both ways: the appeal's
  // timeline names the record).
  const [appeal] = await queryRows<{ id: string; state: string }>(
    tx,
    sql`SELECT id, state FROM appeals WHERE tenant_id = ${provinceId} AND channel = 'research_visit' ORDER BY received_at DESC LIMIT 1`,
  );
  const [rec] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT r.id FROM field_records r JOIN contact_points p ON p.id = r.point_id
      WHERE r.tenant_id = ${provinceId} AND p.kind = 'unit' ORDER BY r.visited_on DESC LIMIT 1`,
  );
  if (appeal && rec) {
    await tx.insert(fieldRecordAppeals).values({ tenantId: provinceId, recordId: rec.id, appealId: appeal.id });
    await tx.execute(sql`INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_id, actor_name, state_before, state_after, payload)
      VALUES (${provinceId}, ${appeal.id}, 'field_origin', now(), NULL, '系统', ${appeal.state}, ${appeal.state}, ${JSON.stringify({ fieldRecordId: rec.id, kind: 'visit' })}::jsonb)`);
  }
  return n;
}
