// Demo roundtables (issue 15, R5.*): a past 政企沟通圆桌会 in 会后跟踪 whose items became appeals in
// every state (one answered on site), with minutes (R7.1), invitations, replies and the leaders'
// attendance; and an upcoming 座谈会 still collecting appeals, to which the demo enterprise account is
// invited. Loaded with the rest of the demo data (after the demo appeals and the enterprise account).
import { sql } from 'drizzle-orm';
import { APPEAL_STATES } from '../../../shared/appeals.ts';
import { queryRows, sqlArray, type DbOrTx } from '../db/client.ts';
import { roundtableInvitations, roundtableItems, roundtableLeaders, roundtables } from '../db/schema.ts';
import { shanghaiDate } from '../domain/calendar/index.ts';

const DAY = 86_400_000;
/** A PostgreSQL array literal of uuids (one parameter, empty too). */

type AppealPick = {
  id: string;
  state: string;
  title: string;
  content: string;
  category: string;
  enterprise_id: string;
  enterprise_name: string;
  contact_name: string;
  contact_phone: string;
  lead_unit_id: string | null;
  reply_text: string | null;
  close_reason: string | null;
};

export async function loadRoundtableDemo(db: DbOrTx, tenantId: string, now = new Date()): Promise<number> {
  const unit = async (name: string) => (await queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE tenant_id = ${tenantId} AND name = ${name}`))[0]?.id;
  const policy = await unit('政策法规处（行政许可处）');
  const hazchem = await unit('危险化学品安全监督管理处');
  const mining = await unit('非煤矿山安全监督管理处');
  if (!policy || !hazchem || !mining) return 0;
  const day = (offset: number) => shanghaiDate(new Date(now.getTime() + offset * DAY));

  // One registered-enterprise appeal per state (closed: one answered on the spot, one evaluated).
  const picks: AppealPick[] = [];
  for (const state of APPEAL_STATES) {
    const onSpot = state === 'closed' ? [true, false] : [false];
    for (const spot of onSpot) {
      const [a] = await queryRows<AppealPick>(
        db,
        sql`SELECT id, state, title, content, category, enterprise_id, enterprise_name, contact_name, contact_phone, lead_unit_id, reply_text, close_reason
          FROM appeals WHERE tenant_id = ${tenantId} AND state = ${state} AND enterprise_id IS NOT NULL AND NOT is_confidential
          AND (${spot}::boolean = (close_reason IS NOT DISTINCT FROM 'answered_on_spot'))
          AND NOT (id = ANY(${sqlArray(
            picks.map((p) => p.id),
            'uuid',
          )}))
          ORDER BY received_at LIMIT 1`,
      );
      if (a) picks.push(a);
    }
  }
  // Those appeals were born in the meeting: channel 座谈会/会客厅.
  if (picks.length)
    await db.execute(
      sql`UPDATE appeals SET channel = 'roundtable' WHERE id = ANY(${sqlArray(
        picks.map((p) => p.id),
        'uuid',
      )})`,
    );

  const [past] = await db
    .insert(roundtables)
    .values({
      tenantId,
      kind: 'roundtable',
      organiser: 'province',
      title: '全省危化品和非煤矿山企业政企沟通圆桌会',
      topics: '危化品安全许可办理时限；非煤矿山复工复产验收；园区封闭化管理',
      meetingDate: day(-20),
      place: '省政府第三会议室',
      collectFrom: day(-40),
      collectUntil: day(-25),
      unitIds: [hazchem, mining],
      leadUnitId: policy,
      state: 'following_up',
      minutes: '会议由省政府分管副省长主持，省应急管理厅、省发展改革委等部门参加，8家企业代表发言。',
      findings: '企业集中反映许可延续审查周期偏长、非煤矿山复产验收标准不统一、化工园区通行不便。',
      followUp: '当场答复的事项已办结；其余事项转相关处室按诉求时限办理，政策法规处每周汇总进展，全部办结后报省政府办公厅。',
      minutesByName: '孙立新',
      minutesAt: new Date(now.getTime() - 19 * DAY),
      createdByName: '孙立新',
      createdAt: new Date(now.getTime() - 45 * DAY),
    })
    .returning({ id: roundtables.id });
  if (picks.length) {
    await db.insert(roundtableItems).values(
      picks.map((p, n) => {
        const answered = p.close_reason === 'answered_on_spot';
        return {
          tenantId,
          roundtableId: past.id,
          source: n % 3 === 2 ? ('on_site' as const) : ('staff' as const),
          enterpriseId: p.enterprise_id,
          enterpriseName: p.enterprise_name,
          contactName: p.contact_name,
          contactPhone: p.contact_phone,
          category: p.category as never,
          title: p.title,
          content: p.content,
          disposition: answered ? ('answered' as const) : ('appeal' as const),
          answer: answered ? (p.reply_text ?? '会上当场答复') : null,
          unitId: answered ? null : p.lead_unit_id,
          appealId: p.id,
          createdByName: '孙立新',
          disposedByName: '孙立新',
          disposedAt: new Date(now.getTime() - 20 * DAY),
          createdAt: new Date(now.getTime() - 30 * DAY + n * 60_000),
        };
      }),
    );
    const seen = new Set<string>();
    const invited = picks.filter((p) => !seen.has(p.enterprise_id) && seen.add(p.enterprise_id));
    await db.insert(roundtableInvitations).values(
      invited.map((p, n) => ({
        tenantId,
        roundtableId: past.id,
        enterpriseId: p.enterprise_id,
        enterpriseName: p.enterprise_name,
        contactName: p.contact_name,
        contactPhone: p.contact_phone,
        reply: n === invited.length - 1 ? ('declined' as const) : ('attending' as const),
        attendeeName: n === invited.length - 1 ? null : p.contact_name,
        repliedByName: '孙立新',
        repliedAt: new Date(now.getTime() - 24 * DAY),
        invitedByName: '孙立新',
        invitedAt: new Date(now.getTime() - 26 * DAY),
      })),
    );
  }
  const leaders = await queryRows<{ id: string; name: string; title: string }>(
    db,
    sql`SELECT id, name, title FROM leaders WHERE tenant_id = ${tenantId} ORDER BY sort_order, name LIMIT 3`,
  );
  if (leaders.length)
    await db.insert(roundtableLeaders).values(
      leaders.slice(0, 2).map((l, n) => ({
        tenantId,
        roundtableId: past.id,
        leaderId: l.id,
        leaderName: `${l.name}（${l.title}）`,
        status: n === 0 ? ('confirmed' as const) : ('declined' as const),
        note: n === 0 ? null : '与省安委会会议时间冲突',
        arrangedByName: '王晓梅',
      })),
    );

  // Upcoming: a 座谈会 on hazardous chemicals, collecting; the demo enterprise account's enterprise invited.
  const [upcoming] = await db
    .insert(roundtables)
    .values({
      tenantId,
      kind: 'symposium',
      organiser: 'department',
      title: '危险化学品企业安全生产座谈会',
      topics: '危化品经营许可“一件事”办理；重大危险源在线监测',
      meetingDate: day(14),
      place: '省应急管理厅五楼会议室',
      collectFrom: day(-3),
      collectUntil: day(7),
      unitIds: [hazchem],
      leadUnitId: hazchem,
      createdByName: '孙立新',
      createdAt: new Date(now.getTime() - 4 * DAY),
    })
    .returning({ id: roundtables.id });
  const [demo] = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.tenant_id = ${tenantId} AND u.username = 'enterprise'`,
  );
  if (demo) {
    await db.insert(roundtableInvitations).values({
      tenantId,
      roundtableId: upcoming.id,
      enterpriseId: demo.id,
      enterpriseName: demo.name,
      contactName: '周海涛',
      contactPhone: '13905310001',
      invitedByName: '孙立新',
      invitedAt: new Date(now.getTime() - 3 * DAY),
    });
    await db.insert(roundtableItems).values({
      tenantId,
      roundtableId: upcoming.id,
      source: 'staff',
      enterpriseId: demo.id,
      enterpriseName: demo.name,
      contactName: '周海涛',
      contactPhone: '13905310001',
      category: 'licensing',
      title: '危化品经营许可证变更能否网上全程办理',
      content: '企业名称变更后，希望危化品经营许可证变更可以网上全程办理，不再提交纸质材料。',
      createdByName: '王晓梅',
      createdAt: new Date(now.getTime() - 2 * DAY),
    });
  }
  return 2;
}
