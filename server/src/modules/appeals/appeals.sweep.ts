// The SLA sweep (R6.2, R6.6, R3.5, R8.1), every minute:
//  1. milestones whose deadline has passed → 'overdue' (timeline event), and the appeal is
//     auto-urged (催办 by the 'system' party, where the state machine allows it);
//  2. milestones entering their due-soon window → 'due_soon' (in-app notification); a stored
//     state that no longer holds (the deadline moved: resume, extension) is put right;
//  3. 督办: overdue by more than overdueEscalationWorkdays working days, or reopened (or, capability 8,
//     raised again as a 重复诉求) reopenEscalationCount times → escalated to the leaders whose portfolio covers the lead unit;
//  4. replied appeals past their evaluation window → closed as 未评价 (closeUnevaluatedDue: the
//     action runner as the system party).
// It acts as the system party of the transition table (domain/appeals/transitions.ts): it urges
// only in the states where the table lets the system urge, and names itself 系统 in the timeline
// and the audit log (lib/context.ts actorNames).
// Set-based SQL: a handful of statements whatever the number of open appeals. Deadlines and
// thresholds come from the calendar module (milestoneState, dueSoonFrom via milestoneState,
// workdaysBetween); states only move forward from what is stored, so a second sweep at the same
// instant changes nothing and — notifications being keyed by source — notifies nobody twice.
import { sql } from 'drizzle-orm';
import { MILESTONE_LABELS, type AppealState, type Milestone } from '../../../../shared/appeals.ts';
import { queryRows, sqlArray, type Db } from '../../db/client.ts';
import { pgInstant } from '../../db/rows.ts';
import { overdueEscalationCutoff } from '../../domain/appeals/sla-thresholds.ts';
import { TRANSITIONS } from '../../domain/appeals/transitions.ts';
import { dueSoonHorizon, milestoneState } from '../../domain/calendar/index.ts';
import { actorNames, systemActor } from '../../lib/context.ts';
import { insertNotifications, type NewNotification } from '../notifications/index.ts';
import { listTenants } from '../tenants/index.ts';
import { closeUnevaluatedDue } from './appeals.closing.ts';
import { tenantEnv, type TenantEnv } from './appeals.env.ts';

export type SweepOptions = {
  /** Only these tenants (tests on a shared database); default every tenant with open appeals. */
  tenantIds?: readonly string[];
  /** Skip closing unevaluated appeals (the appeals service reads its own clock for that step). */
  skipCloseUnevaluated?: boolean;
};

export type SweepResult = {
  tenants: number;
  overdue: Record<Milestone, number>;
  dueSoon: Record<Milestone, number>;
  corrected: number;
  urged: number;
  escalated: { overdue: number; reopened: number; repeated: number };
  closedUnevaluated: number;
  ms: Record<string, number>;
};

/** How the sweep names itself in the timeline and the audit log. */
const SYSTEM = actorNames(systemActor('', 'sla-sweep')).timeline;
/** Appeal states in which the clock of each milestone runs (replied / closed: all done or stopped). */
const RUNNING: readonly AppealState[] = ['received', 'returned', 'dispatched', 'handling', 'paused'];
/** The 2-hour contact clock is not paused (docs/CALENDAR.md §5.2); the working-day clocks are. */
const runningFor = (m: Milestone) => (m === 'contact' ? RUNNING : RUNNING.filter((s) => s !== 'paused'));
/** States in which the state machine lets the system urge (催办). */
const URGE_STATES = [...new Set(TRANSITIONS.filter((t) => t.action === 'urge' && t.by.includes('system')).map((t) => t.from))];

const list = (vals: readonly string[]) =>
  sql.join(
    vals.map((v) => sql`${v}`),
    sql`, `,
  );
const col = (m: Milestone, what: 'due_at' | 'done_at' | 'state') => sql.raw(`a.${m}_${what}`);
const bare = (m: Milestone, what: 'due_at' | 'done_at' | 'state') => sql.raw(`${m}_${what}`);

/** An open milestone whose clock runs and whose deadline has passed, not yet marked. */
const overdueCond = (m: Milestone, now: Date) =>
  sql`(a.state IN (${list(runningFor(m))}) AND ${col(m, 'done_at')} IS NULL AND ${col(m, 'due_at')} < ${now}
      AND ${col(m, 'state')} IN ('pending', 'due_soon'))`;

/**
 * The latest deadline of milestone `m` that is due soon at `now` in any of the tenants (dueSoonHorizon
 * with each tenant's threshold, R8.1); null when there is no bound — a threshold reaching past 400
 * days, or a calendar year not loaded (those deadlines cannot be judged and are skipped below).
 */
function dueSoonUntil(m: Milestone, now: Date, envs: ReadonlyMap<string, TenantEnv>): Date | null {
  let latest = now.getTime();
  for (const env of envs.values()) {
    let h: Date | null;
    try {
      h = dueSoonHorizon(now, env.sla.dueSoon[m], env.calendar, env.sla.officeHours);
    } catch {
      return null;
    }
    if (!h) return null;
    latest = Math.max(latest, h.getTime());
  }
  return new Date(latest);
}

export async function slaSweep(db: Db, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  const ms: Record<string, number> = {};
  const lap = (name: string, t0: number) => (ms[name] = Math.round(performance.now() - t0));
  let t0 = performance.now();

  // Tenants with open appeals: one probe of the open-appeals index per tenant, not a DISTINCT over every open appeal.
  const only = opts.tenantIds ? new Set(opts.tenantIds) : null;
  const candidates = (await listTenants(db)).map((t) => t.id).filter((id) => !only || only.has(id));
  const tenantIds = candidates.length
    ? (
        await queryRows<{ tenant_id: string }>(
          db,
          sql`SELECT t.id AS tenant_id FROM jsonb_array_elements_text(${JSON.stringify(candidates)}::jsonb) AS t(id)
            WHERE EXISTS (SELECT 1 FROM appeals a WHERE a.tenant_id = t.id::uuid AND a.closed_at IS NULL)`,
        )
      ).map((r) => r.tenant_id)
    : [];
  const envs = new Map<string, TenantEnv>();
  for (const id of tenantIds) envs.set(id, await tenantEnv(db, id));
  lap('tenants', t0);

  const result: SweepResult = {
    tenants: tenantIds.length,
    overdue: { contact: 0, opinion: 0, resolution: 0 },
    dueSoon: { contact: 0, opinion: 0, resolution: 0 },
    corrected: 0,
    urged: 0,
    escalated: { overdue: 0, reopened: 0, repeated: 0 },
    closedUnevaluated: 0,
    ms,
  };
  if (!tenantIds.length) return result;

  // 1. Overdue (R6.2) and auto-urge (R6.6), one statement: lock the candidates, mark, write the
  //    timeline events and the audit rows of the urges.
  t0 = performance.now();
  const [c, o, r] = (['contact', 'opinion', 'resolution'] as const).map((m) => overdueCond(m, now));
  const urgeable = sql`a.state IN (${list(URGE_STATES)})`;
  // The candidates through the clock indexes alone (appeals_<m>_clock_idx), over every tenant, those
  // of tenants not swept dropped here: with a tenant in the statement the planner read every open
  // appeal of the tenant instead, as it cannot tell how few clocks have just passed (stored states and
  // deadlines go together; it expects tens of thousands).
  const swept = new Set(tenantIds);
  const dueIds = (
    await queryRows<{ id: string; tenant_id: string }>(db, sql`SELECT a.id, a.tenant_id FROM appeals a WHERE a.closed_at IS NULL AND (${c} OR ${o} OR ${r})`)
  )
    .filter((x) => swept.has(x.tenant_id))
    .map((x) => x.id);
  const [over] = await db.transaction(async (tx) => {
    if (!dueIds.length) return [{ contact: 0, opinion: 0, resolution: 0, urged: 0 }];
    // Locked and checked again (a clock may have stopped meanwhile), then written: named by id, the
    // write joins them through the primary key (for the planner's estimate it hashed every appeal).
    return queryRows<{ contact: number; opinion: number; resolution: number; urged: number }>(
      tx,
      sql`
      WITH cand AS (
        SELECT a.id, ${c} AS c, ${o} AS o, ${r} AS r, ${urgeable} AS urge
        FROM appeals a
        WHERE a.id = ANY(${sqlArray(dueIds, 'uuid')}) AND (${c} OR ${o} OR ${r})
        FOR UPDATE OF a
      ), upd AS (
        UPDATE appeals a SET
          contact_state = CASE WHEN cand.c THEN 'overdue' ELSE a.contact_state END,
          opinion_state = CASE WHEN cand.o THEN 'overdue' ELSE a.opinion_state END,
          resolution_state = CASE WHEN cand.r THEN 'overdue' ELSE a.resolution_state END,
          urge_count = a.urge_count + CASE WHEN cand.urge THEN 1 ELSE 0 END,
          last_urged_at = CASE WHEN cand.urge THEN ${now}::timestamptz ELSE a.last_urged_at END,
          version = a.version + CASE WHEN cand.urge THEN 1 ELSE 0 END,
          updated_at = CASE WHEN cand.urge THEN now() ELSE a.updated_at END
        FROM cand WHERE a.id = cand.id
        RETURNING a.id, a.tenant_id, a.number, a.state, a.reopen_count, a.urge_count, a.lead_unit_id, a.version,
          cand.c, cand.o, cand.r, cand.urge, a.contact_due_at, a.opinion_due_at, a.resolution_due_at
      ), marks AS (
        SELECT upd.*, m.milestone, m.due_at, m.label FROM upd
        CROSS JOIN LATERAL (VALUES ('contact', upd.c, upd.contact_due_at, ${MILESTONE_LABELS.contact}),
                                   ('opinion', upd.o, upd.opinion_due_at, ${MILESTONE_LABELS.opinion}),
                                   ('resolution', upd.r, upd.resolution_due_at, ${MILESTONE_LABELS.resolution}))
          AS m(milestone, hit, due_at, label)
        WHERE m.hit
      ), ev AS (
        INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_name, unit_id, state_before, state_after, payload)
        SELECT tenant_id, id, 'overdue', ${now}::timestamptz, ${SYSTEM}, lead_unit_id, state, state,
          jsonb_build_object('milestone', milestone, 'label', label, 'dueAt', due_at, 'cycle', reopen_count, 'autoUrged', urge)
        FROM marks
        UNION ALL
        SELECT tenant_id, id, 'urge', ${now}::timestamptz, ${SYSTEM}, lead_unit_id, state, state,
          jsonb_build_object('auto', true, 'urgeCount', urge_count, 'leadUnitId', lead_unit_id,
            'note', '系统自动催办：' || array_to_string(ARRAY[
              CASE WHEN c THEN ${MILESTONE_LABELS.contact} END, CASE WHEN o THEN ${MILESTONE_LABELS.opinion} END,
              CASE WHEN r THEN ${MILESTONE_LABELS.resolution} END], '、') || ' 已逾期')
        FROM upd WHERE urge
        RETURNING 1
      ), au AS (
        INSERT INTO audit_log (tenant_id, actor_name, action, entity, entity_id, summary, before, after, request_id)
        SELECT tenant_id, ${SYSTEM}, 'appeal.urge', 'appeal', id::text, number || ' 催办：时限已逾期，系统自动催办（第' || urge_count || '次）',
          jsonb_build_object('version', version - 1), jsonb_build_object('version', version, 'urgeCount', urge_count, 'auto', true), 'sla-sweep'
        FROM upd WHERE urge
        RETURNING 1
      )
      SELECT count(*) FILTER (WHERE c)::int AS contact, count(*) FILTER (WHERE o)::int AS opinion,
        count(*) FILTER (WHERE r)::int AS resolution, count(*) FILTER (WHERE urge)::int AS urged,
        (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM au)::int AS audits
      FROM upd`,
    );
  });
  result.overdue = { contact: over.contact, opinion: over.opinion, resolution: over.resolution };
  result.urged = over.urged;
  lap('overdue', t0);

  // 2. Due soon (R6.2 reminders, thresholds per tenant R8.1) and corrections. Deadlines repeat a
  //    lot (working-day deadlines are all 24:00 of some date), so the calendar is asked once per
  //    distinct (tenant, deadline, stored state), then one UPDATE applies the answers.
  //    Only the clocks whose state can have moved are read (appeals_<m>_clock_idx): those still
  //    'pending' with a deadline up to the due-soon horizon (every later one is still pending), and
  //    those stored 'due_soon' or 'overdue' whose deadline is still ahead (moving on, or put right
  //    after the deadline moved). Reading every open appeal cost ≈ 300 ms a minute at 100,000. Over
  //    every tenant, as in step 1; the groups of tenants not swept are skipped below (no env).
  t0 = performance.now();
  // due_text: the exact stored value (microseconds included) to match the rows again.
  const clockGroups = (m: Milestone) => {
    const until = dueSoonUntil(m, now, envs);
    return sql`
      SELECT ${m}::text AS m, a.tenant_id, ${col(m, 'due_at')}::text AS due_text, ${col(m, 'state')} AS state
      FROM appeals a
      WHERE a.closed_at IS NULL AND ${col(m, 'done_at')} IS NULL AND a.state IN (${list(runningFor(m))})
        AND ${col(m, 'due_at')} >= ${now}
        AND ((${col(m, 'state')} = 'pending' ${until ? sql`AND ${col(m, 'due_at')} <= ${until}` : sql``}) OR ${col(m, 'state')} IN ('due_soon', 'overdue'))
      GROUP BY 1, 2, 3, 4`;
  };
  const allGroups = await queryRows<{ m: Milestone; tenant_id: string; due_text: string; state: string }>(
    db,
    sql.join(
      (['contact', 'opinion', 'resolution'] as const).map((m) => clockGroups(m)),
      sql` UNION ALL `,
    ),
  );
  for (const m of ['contact', 'opinion', 'resolution'] as const) {
    const groups = allGroups.filter((g) => g.m === m);
    const changes: { tenant_id: string; due_text: string; from_state: string; to_state: string }[] = [];
    for (const g of groups) {
      const env = envs.get(g.tenant_id);
      if (!env) continue;
      const dueAt = pgInstant(g.due_text)!;
      let actual: string;
      try {
        actual = milestoneState({ dueAt, now, dueSoonThreshold: env.sla.dueSoon[m] }, env.calendar, env.sla.officeHours);
      } catch {
        continue; // a year not loaded: the deadline cannot be judged yet
      }
      if (actual !== g.state) changes.push({ tenant_id: g.tenant_id, due_text: g.due_text, from_state: g.state, to_state: actual });
    }
    if (!changes.length) continue;
    const moved = await db.transaction(async (tx) => {
      const rows = await queryRows<{
        id: string;
        tenant_id: string;
        number: string;
        title: string;
        lead_unit_id: string | null;
        source: string;
        to_state: string;
      }>(
        tx,
        sql`
        WITH x AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS x(tenant_id uuid, due_text text, from_state text, to_state text)
        )
        UPDATE appeals a SET ${bare(m, 'state')} = x.to_state
        FROM x
        WHERE a.tenant_id = x.tenant_id AND ${col(m, 'due_at')} = x.due_text::timestamptz AND ${col(m, 'state')} = x.from_state
          AND a.closed_at IS NULL AND a.state IN (${list(runningFor(m))}) AND ${col(m, 'done_at')} IS NULL
        RETURNING a.id, a.tenant_id, a.number, a.title, a.lead_unit_id, x.to_state,
          'due_soon:' || ${m} || ':' || a.id || ':' || a.reopen_count || ':' || extract(epoch FROM ${col(m, 'due_at')})::bigint AS source`,
      );
      // R6.2 reminder to the lead unit (intake's queue before dispatch), once per milestone deadline and cycle.
      const notices: NewNotification[] = rows
        .filter((r) => r.to_state === 'due_soon')
        .map((r) => ({
          tenant_id: r.tenant_id,
          type: 'due_soon',
          unit_id: r.lead_unit_id,
          role: r.lead_unit_id ? null : 'intake',
          appeal_id: r.id,
          title: `即将到期：${r.number}`,
          body: `${r.title}——${MILESTONE_LABELS[m]}即将到期`,
          source_key: r.source,
        }));
      await insertNotifications(tx, notices);
      return rows;
    });
    result.dueSoon[m] = moved.filter((r) => r.to_state === 'due_soon').length;
    result.corrected += moved.filter((r) => r.to_state !== 'due_soon').length;
  }
  lap('dueSoon', t0);

  // 3. 督办 (R3.5, R6.6): to the leaders whose portfolio (leader_units) covers the lead unit.
  t0 = performance.now();
  const params: { tenant_id: string; cutoff: string | null; reopen_n: number }[] = [];
  for (const [id, env] of envs) {
    let cutoff: string | null = null;
    try {
      cutoff = overdueEscalationCutoff(now, env.settings.overdueEscalationWorkdays, env.calendar).toISOString();
    } catch {
      cutoff = null;
    }
    params.push({ tenant_id: id, cutoff, reopen_n: env.settings.reopenEscalationCount });
  }
  // Overdue candidates: the open appeals of a lead unit past the latest cutoff not yet escalated for
  // their cycle (the write below marks each one it escalates: no look-up in appeal_escalations for
  // every long-overdue appeal, every minute), over every tenant as in step 1, each then held to its
  // own tenant's cutoff here.
  const cutoffs = new Map(params.filter((p) => p.cutoff !== null).map((p) => [p.tenant_id, new Date(p.cutoff!).getTime()]));
  const latestCutoff = Math.max(-Infinity, ...cutoffs.values());
  const overdueIds = Number.isFinite(latestCutoff)
    ? (
        await queryRows<{ id: string; tenant_id: string; next_due_at: string | Date }>(
          db,
          sql`SELECT a.id, a.tenant_id, a.next_due_at FROM appeals a
              WHERE a.closed_at IS NULL AND a.next_due_at IS NOT NULL AND a.next_due_at <= ${new Date(latestCutoff)}
                AND a.lead_unit_id IS NOT NULL AND a.overdue_escalated_cycle IS DISTINCT FROM a.reopen_count`,
        )
      )
        .filter((x) => cutoffs.has(x.tenant_id) && pgInstant(x.next_due_at)!.getTime() <= cutoffs.get(x.tenant_id)!)
        .map((x) => x.id)
    : [];
  const esc = await db.transaction(async (tx) =>
    queryRows<{ reason: 'overdue' | 'reopened' | 'repeated'; n: number }>(
      tx,
      sql`
      WITH p AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(params)}::jsonb) AS p(tenant_id uuid, cutoff timestamptz, reopen_n int)
      ), cand AS (
        SELECT a.id, a.tenant_id, a.number, a.state, a.lead_unit_id, a.reopen_count, a.next_due_at, 'overdue'::text AS reason
        FROM appeals a JOIN p ON p.tenant_id = a.tenant_id
        WHERE a.id = ANY(${sqlArray(overdueIds, 'uuid')})
          AND a.closed_at IS NULL AND a.lead_unit_id IS NOT NULL AND a.next_due_at IS NOT NULL AND a.next_due_at <= p.cutoff
          AND a.state IN (${list(RUNNING)})
          -- No NOT EXISTS here: one raised already (before its mark) conflicts below and is marked all the same.
        UNION ALL
        SELECT a.id, a.tenant_id, a.number, a.state, a.lead_unit_id, a.reopen_count, a.next_due_at, 'reopened'::text
        FROM appeals a JOIN p ON p.tenant_id = a.tenant_id
        -- reopen_count > 0 (the threshold is at least 1) lets appeals_open_reopened_idx find the few reopened open appeals.
        WHERE a.closed_at IS NULL AND a.lead_unit_id IS NOT NULL AND a.reopen_count > 0 AND a.reopen_count >= p.reopen_n
          AND NOT EXISTS (SELECT 1 FROM appeal_escalations e WHERE e.appeal_id = a.id AND e.reason = 'reopened' AND e.cycle = a.reopen_count)
        UNION ALL
        -- Capability 8: a matter raised again reopenEscalationCount times (重复诉求) is escalated like a reopening;
        -- its cycle is the repeat count. appeals_open_repeated_idx finds the few open repeats.
        SELECT a.id, a.tenant_id, a.number, a.state, a.lead_unit_id, a.repeat_count, a.next_due_at, 'repeated'::text
        FROM appeals a JOIN p ON p.tenant_id = a.tenant_id
        WHERE a.closed_at IS NULL AND a.lead_unit_id IS NOT NULL AND a.repeat_count > 0 AND a.repeat_count >= p.reopen_n
          AND NOT EXISTS (SELECT 1 FROM appeal_escalations e WHERE e.appeal_id = a.id AND e.reason = 'repeated' AND e.cycle = a.repeat_count)
      ), led AS (
        SELECT cand.id, cand.tenant_id, cand.number, cand.state, cand.lead_unit_id, cand.reopen_count, cand.next_due_at, cand.reason,
          coalesce(array_agg(l.id) FILTER (WHERE l.id IS NOT NULL), '{}') AS leader_ids,
          coalesce(array_agg(l.user_id) FILTER (WHERE l.user_id IS NOT NULL), '{}') AS leader_user_ids,
          coalesce(string_agg(l.name || '（' || l.title || '）', '、') FILTER (WHERE l.id IS NOT NULL), '') AS leader_names
        FROM cand
        LEFT JOIN leader_units lu ON lu.unit_id = cand.lead_unit_id
        LEFT JOIN leaders l ON l.id = lu.leader_id AND l.tenant_id = cand.tenant_id AND NOT l.archived
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ), ins AS (
        INSERT INTO appeal_escalations (tenant_id, appeal_id, reason, cycle, unit_id, leader_ids, leader_user_ids, details, at)
        SELECT tenant_id, id, reason, reopen_count, lead_unit_id, leader_ids, leader_user_ids,
          jsonb_build_object('nextDueAt', next_due_at, 'reopenCount', reopen_count, 'leaderNames', leader_names), ${now}::timestamptz
        FROM led
        ON CONFLICT (appeal_id, reason, cycle) DO NOTHING
        RETURNING appeal_id, reason
      ), marked AS (
        -- The cycle's overdue 督办 is raised (now, or before the mark existed): passed over from now on.
        UPDATE appeals a SET overdue_escalated_cycle = led.reopen_count FROM led WHERE led.reason = 'overdue' AND a.id = led.id
        RETURNING 1
      ), ev AS (
        INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_name, unit_id, state_before, state_after, payload)
        SELECT led.tenant_id, led.id, 'escalate', ${now}::timestamptz, ${SYSTEM}, led.lead_unit_id, led.state, led.state,
          jsonb_build_object('reason', led.reason, 'cycle', led.reopen_count, 'nextDueAt', led.next_due_at,
            'leaderIds', to_jsonb(led.leader_ids), 'leaderUserIds', to_jsonb(led.leader_user_ids), 'leaderNames', led.leader_names)
        FROM led JOIN ins ON ins.appeal_id = led.id AND ins.reason = led.reason
        RETURNING 1
      ), au AS (
        INSERT INTO audit_log (tenant_id, actor_name, action, entity, entity_id, summary, after, request_id)
        SELECT led.tenant_id, ${SYSTEM}, 'appeal.escalate', 'appeal', led.id::text,
          led.number || ' 督办：' || CASE WHEN led.reason = 'overdue' THEN '逾期超过督办阈值' WHEN led.reason = 'repeated' THEN '重复诉求次数达到督办阈值（' || led.reopen_count || '次）' ELSE '重办次数达到督办阈值（' || led.reopen_count || '次）' END
            || CASE WHEN led.leader_names <> '' THEN '，报' || led.leader_names ELSE '，分管领导未设置' END,
          jsonb_build_object('reason', led.reason, 'cycle', led.reopen_count, 'leaderIds', to_jsonb(led.leader_ids)), 'sla-sweep'
        FROM led JOIN ins ON ins.appeal_id = led.id AND ins.reason = led.reason
        RETURNING 1
      )
      SELECT reason, count(*)::int AS n FROM ins GROUP BY reason`,
    ),
  );
  for (const e of esc) result.escalated[e.reason] = e.n;
  lap('escalate', t0);

  // 4. No evaluation within evaluationWindowWorkdays of the reply → 未评价 (the appeals service's own rule and transition).
  t0 = performance.now();
  if (!opts.skipCloseUnevaluated) {
    for (const id of tenantIds) result.closedUnevaluated += (await closeUnevaluatedDue(db, { tenantId: id, now })).length;
  }
  lap('closeUnevaluated', t0);
  return result;
}
