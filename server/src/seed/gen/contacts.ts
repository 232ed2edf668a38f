// `zqt gen` (issue 14): contact points and visits at provincial scale, set-based. Holders are the
// generated tenants' leaders (with a business unit in their portfolio as the liaison unit) and their
// business units; `points` are dealt round-robin over the holders (the default, two per holder, keeps
// R1.1 / R1.6), each on an enterprise of its tenant, confirmed on a day within its term so that it is
// active now. `visits` are dealt round-robin over the points on days of the past year, each with one
// follow-up (done when due in the past). Deterministic: arithmetic on row numbers, no random().
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { recountVisits } from '../../modules/contacts/index.ts';

export async function generateContacts(
  db: Db,
  o: { now: Date; tenantIds?: readonly string[]; points?: number; visits?: number },
): Promise<{ points: number; visits: number }> {
  const today = shanghaiDate(o.now);
  const tenants = o.tenantIds?.length
    ? sql`AND tenant_id IN (${sql.join(
        o.tenantIds.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  return db.transaction(async (tx) => {
    const [h] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT ((SELECT count(*) FROM leaders WHERE NOT archived ${tenants}) + (SELECT count(*) FROM units WHERE kind = 'business' AND NOT archived ${tenants}))::int AS n`,
    );
    const points = o.points ?? h.n * 2;
    if (!points || !h.n) return { points: 0, visits: 0 };
    const [p] = await queryRows<{ n: number }>(
      tx,
      sql`
      WITH h AS (
        SELECT l.tenant_id, 'leader' AS kind, l.id AS leader_id,
          (SELECT lu.unit_id FROM leader_units lu JOIN units u ON u.id = lu.unit_id WHERE lu.leader_id = l.id AND u.kind = 'business' AND NOT u.archived ORDER BY u.sort_order, u.id LIMIT 1) AS unit_id
        FROM leaders l WHERE NOT l.archived ${tenants}
        UNION ALL
        SELECT u.tenant_id, 'unit', NULL::uuid, u.id FROM units u WHERE u.kind = 'business' AND NOT u.archived ${tenants}
      ), hh AS MATERIALIZED (
        SELECT h.*, row_number() OVER (ORDER BY h.tenant_id, h.kind, h.unit_id, h.leader_id) - 1 AS rn FROM h WHERE h.unit_id IS NOT NULL
      ), hc AS MATERIALIZED (SELECT count(*) AS cnt FROM hh
      ), en AS MATERIALIZED (
        SELECT e.id, e.tenant_id, row_number() OVER (PARTITION BY e.tenant_id ORDER BY e.id) - 1 AS rn FROM enterprises e WHERE NOT e.archived
      ), ec AS MATERIALIZED (SELECT tenant_id, count(*) AS cnt FROM en GROUP BY tenant_id
      ), slots AS MATERIALIZED (
        SELECT g AS n, g % (SELECT cnt FROM hc) AS hrn FROM generate_series(0, ${points - 1}) g
      ), picked AS MATERIALIZED (
        SELECT s.n, hh.tenant_id, hh.kind, hh.leader_id, hh.unit_id, (s.n * 7919) % ec.cnt AS ern,
          (${today}::date - ((s.n * 37) % (CASE WHEN hh.kind = 'leader' THEN 700 ELSE 350 END))::int) AS confirmed_on
        FROM slots s JOIN hh ON hh.rn = s.hrn JOIN ec ON ec.tenant_id = hh.tenant_id
      ), ins AS (
        INSERT INTO contact_points (tenant_id, kind, leader_id, unit_id, enterprise_id, state, confirmed_at, term_start, term_end, created_at)
        SELECT p.tenant_id, p.kind, p.leader_id, p.unit_id, en.id, 'confirmed', p.confirmed_on + time '10:00', p.confirmed_on,
          (p.confirmed_on + (CASE WHEN p.kind = 'leader' THEN interval '2 years' ELSE interval '1 year' END))::date, p.confirmed_on - 20
        FROM picked p JOIN en ON en.tenant_id = p.tenant_id AND en.rn = p.ern
        RETURNING id, tenant_id, confirmed_at
      ), ev AS (
        INSERT INTO contact_point_events (tenant_id, point_id, at, actor_name, type, state_before, state_after)
        SELECT tenant_id, id, confirmed_at, '生成数据', 'confirm', 'leader_review', 'confirmed' FROM ins
        RETURNING 1
      ) SELECT count(*)::int AS n FROM ev`,
    );
    const visits = o.visits ?? p.n * 3;
    await tx.execute(sql`
      WITH pts AS MATERIALIZED (
        SELECT id, tenant_id, enterprise_id, unit_id, row_number() OVER (ORDER BY id) - 1 AS rn
        FROM contact_points WHERE state = 'confirmed' ${tenants}
      ), v AS MATERIALIZED (
        SELECT g AS n, g % (SELECT count(*) FROM pts) AS prn FROM generate_series(0, ${visits - 1}) g
      ), ins AS (
        INSERT INTO field_records (tenant_id, kind, point_id, enterprise_id, unit_id, visited_on, form, policies, difficulties, suggestions, findings, created_by_name, created_at)
        SELECT p.tenant_id, 'visit', p.id, p.enterprise_id, p.unit_id, ${today}::date - ((v.n * 13) % 330)::int, (ARRAY['on_site', 'meeting', 'remote'])[1 + v.n % 3],
          '宣讲安全生产法律法规和惠企政策', '企业反映检查频次较多、审批材料重复', '建议推行综合查一次', '企业安全管理制度基本健全，个别隐患台账不完整', '生成数据',
          (${today}::date - ((v.n * 13) % 330)::int) + time '09:00'
        FROM v JOIN pts p ON p.rn = v.prn
        RETURNING id, tenant_id, visited_on
      )
      INSERT INTO field_follow_ups (tenant_id, record_id, description, owner_name, due_on, done_at, done_note)
      SELECT tenant_id, id, '督促企业完善隐患排查台账', '生成数据', visited_on + 30,
        CASE WHEN visited_on + 30 < ${today}::date THEN (visited_on + 30) + time '10:00' END,
        CASE WHEN visited_on + 30 < ${today}::date THEN '已落实' END
      FROM ins`);
    const touched = o.tenantIds?.length ? o.tenantIds : (await queryRows<{ id: string }>(tx, sql`SELECT id FROM tenants`)).map((t) => t.id);
    await recountVisits(tx, touched);
    await tx.execute(sql`ANALYZE contact_points`);
    await tx.execute(sql`ANALYZE contact_point_visits`);
    await tx.execute(sql`ANALYZE field_records`);
    return { points: p.n, visits };
  });
}
