// Generated appeals over `years` years ending `now`: receipt instants spread over the days (fewer on
// rest days of the calendar, growing volume year on year, office-hour peaks), tenants by weight,
// each appeal's life drawn by simulate.ts. Loaded in batches with ONE statement each (data-modifying
// CTE over jsonb_to_recordset: appeals, their timeline, co-handling units), the next batch being
// drawn while the database writes the previous one. Numbers continue each tenant-year's counter.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { shanghaiDayOfMs, shanghaiMidnightMs, isWeekendDay, yearOfDay } from '../../domain/calendar/dates.ts';
import { documentWords } from '../../modules/appeals/index.ts';
import { enterprisesOf, tenantPicker, type GenEnterprise } from './enterprises.ts';
import type { GenTenant } from './org.ts';
import { progress } from './progress.ts';
import { uuidFrom, weighted, type Rng } from './random.ts';
import { simulateAppeal, type Sim } from './simulate.ts';

const BATCH = 2000;
/** Share of the day's appeals by Shanghai hour (0–23): office hours, a lunch dip, a few at night. */
const HOURS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 5, 9, 10, 8, 4, 5, 9, 10, 9, 7, 3, 2, 1.5, 1.2, 0.8, 0.5].map((w, h) => [h, w] as const);

/** How many appeals each day gets: exact total, weights from the calendar (rest days ≈ 1/5) and a yearly growth. */
export function dayCounts(t: GenTenant, firstDay: number, lastDay: number, total: number): number[] {
  const weights: number[] = [];
  const span = Math.max(1, lastDay - firstDay);
  for (let d = firstDay; d <= lastDay; d++) {
    let work: boolean;
    try {
      work = t.env.calendar.isWorkdayDay(d);
    } catch {
      work = !isWeekendDay(d);
    }
    weights.push((work ? 1 : 0.2) * (1 + 0.6 * ((d - firstDay) / span)));
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  let acc = 0;
  let given = 0;
  for (const w of weights) {
    acc += w;
    const upTo = Math.round((acc / sum) * total);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

type Batch = { appeals: Record<string, unknown>[]; events: Record<string, unknown>[]; co: Record<string, unknown>[] };

async function writeBatch(db: Db, b: Batch) {
  await db.execute(sql`
    WITH a AS (
      INSERT INTO appeals (id, tenant_id, number, enterprise_id, enterprise_name, enterprise_uscc, sector, contact_name, contact_phone, channel, category,
        title, content, received_at, is_major, is_safety_hazard, is_confidential, state, lead_unit_id, dispatched_at, accepted_at, reopen_count, cycle_started_at,
        contact_due_at, contact_done_at, contact_state, opinion_due_at, opinion_done_at, opinion_state, resolution_due_at, resolution_done_at, resolution_state,
        next_due_at, deadline_error, paused_at, pause, opinion_text, result_kind, result_text, reply_text, replied_at, evaluation, evaluated_at,
        urge_count, last_urged_at, closed_at, close_reason, search_vector, version, created_by, created_at, updated_at)
      SELECT id, tenant_id, number, enterprise_id, enterprise_name, enterprise_uscc, sector, contact_name, contact_phone, channel, category,
        title, content, received_at, is_major, is_safety_hazard, is_confidential, state, lead_unit_id, dispatched_at, accepted_at, reopen_count, cycle_started_at,
        contact_due_at, contact_done_at, contact_state, opinion_due_at, opinion_done_at, opinion_state, resolution_due_at, resolution_done_at, resolution_state,
        next_due_at, deadline_error, paused_at, pause, opinion_text, result_kind, result_text, reply_text, replied_at, evaluation, evaluated_at,
        urge_count, last_urged_at, closed_at, close_reason, to_tsvector('simple', search_words), version, created_by, received_at, updated_at
      FROM jsonb_to_recordset(${JSON.stringify(b.appeals)}::jsonb) AS x(id uuid, tenant_id uuid, number text, enterprise_id uuid, enterprise_name text,
        enterprise_uscc text, sector text, contact_name text, contact_phone text, channel text, category text, title text, content text,
        received_at timestamptz, is_major boolean, is_safety_hazard boolean, is_confidential boolean, state text, lead_unit_id uuid,
        dispatched_at timestamptz, accepted_at timestamptz, reopen_count int, cycle_started_at timestamptz, contact_due_at timestamptz,
        contact_done_at timestamptz, contact_state text, opinion_due_at timestamptz, opinion_done_at timestamptz, opinion_state text,
        resolution_due_at timestamptz, resolution_done_at timestamptz, resolution_state text, next_due_at timestamptz, deadline_error jsonb,
        paused_at timestamptz, pause jsonb, opinion_text text, result_kind text, result_text text, reply_text text, replied_at timestamptz,
        evaluation text, evaluated_at timestamptz, urge_count int, last_urged_at timestamptz, closed_at timestamptz, close_reason text,
        search_words text, version int, created_by uuid, updated_at timestamptz)
      RETURNING 1
    ), e AS (
      INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_id, actor_name, unit_id, state_before, state_after, payload)
      SELECT tenant_id, appeal_id, type, at, actor_id, actor_name, unit_id, state_before, state_after, payload
      FROM jsonb_to_recordset(${JSON.stringify(b.events)}::jsonb) AS x(n int, tenant_id uuid, appeal_id uuid, type text, at timestamptz, actor_id uuid,
        actor_name text, unit_id uuid, state_before text, state_after text, payload jsonb)
      ORDER BY n
      RETURNING 1
    ), u AS (
      INSERT INTO appeal_units (appeal_id, unit_id, tenant_id, part, status, submitted_text, submitted_at, submitted_by_name, assigned_at)
      SELECT appeal_id, unit_id, tenant_id, '协办', status, submitted_text, submitted_at, submitted_by_name, assigned_at
      FROM jsonb_to_recordset(${JSON.stringify(b.co)}::jsonb) AS x(appeal_id uuid, unit_id uuid, tenant_id uuid, status text, submitted_text text,
        submitted_at timestamptz, submitted_by_name text, assigned_at timestamptz)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM e) + (SELECT count(*) FROM u) AS n`);
}

export type AppealsResult = { appeals: number; events: number; coUnits: number; from: string; to: string };

export async function generateAppeals(db: Db, org: GenTenant[], count: number, years: number, now: Date, r: Rng, silent = false): Promise<AppealsResult> {
  const nowMs = now.getTime();
  const lastDay = shanghaiDayOfMs(nowMs - 2 * 60_000);
  const firstDay = lastDay - Math.round(years * 365.25) + 1;
  const province = org[0];
  const perDay = dayCounts(province, firstDay, lastDay, count);
  const pickTenant = tenantPicker(org.map((t) => t.code));
  const byCode = new Map(org.map((t) => [t.code, t]));
  const ents = new Map<string, GenEnterprise[]>();
  for (const t of org) ents.set(t.id, await enterprisesOf(db, t.id));
  const counters = new Map<string, number>();
  for (const c of await queryRows<{ tenant_id: string; year: number; last: number }>(db, sql`SELECT tenant_id, year, last FROM appeal_counters`)) {
    counters.set(`${c.tenant_id}:${c.year}`, c.last);
  }

  const p = progress('诉求', count, silent);
  let batch: Batch = { appeals: [], events: [], co: [] };
  let pending: Promise<void> | null = null;
  let done = 0;
  let events = 0;
  let coUnits = 0;
  const flush = async () => {
    if (pending) await pending;
    const b = batch;
    batch = { appeals: [], events: [], co: [] };
    done += b.appeals.length;
    events += b.events.length;
    coUnits += b.co.length;
    pending = writeBatch(db, b).then(() => p.tick(done));
    pending.catch(() => {}); // awaited at the next flush; this only keeps Node from calling it unhandled meanwhile
  };
  for (let i = 0; i < perDay.length; i++) {
    const day = firstDay + i;
    const midnight = shanghaiMidnightMs(day);
    const instants = Array.from({ length: perDay[i] }, () => {
      const at = midnight + weighted(r, HOURS) * 3_600_000 + Math.floor(r() * 3_600_000);
      return at < nowMs - 2 * 60_000 ? at : midnight + Math.floor(r() * Math.max(1, nowMs - 2 * 60_000 - midnight));
    }).sort((a, b) => a - b);
    for (const at of instants) {
      const t = byCode.get(pickTenant(r))!;
      const year = yearOfDay(shanghaiDayOfMs(at));
      const key = `${t.id}:${year}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const number = `ZQT-${t.code}-${year}-${String(n).padStart(6, '0')}`;
      const sim: Sim = simulateAppeal(r, { id: uuidFrom(r), number, receivedAt: at, now: nowMs, tenant: t, enterprises: ents.get(t.id)! });
      const a = sim.row;
      a.search_words = documentWords(a.title as string, a.content as string, a.enterprise_name as string, number);
      batch.appeals.push(a);
      for (const e of sim.events) batch.events.push({ n: batch.events.length, ...e });
      if (sim.co) batch.co.push({ appeal_id: a.id, tenant_id: t.id, ...sim.co });
      if (batch.appeals.length >= BATCH) await flush();
    }
  }
  if (batch.appeals.length) await flush();
  if (pending) await pending;
  p.end(done);

  const rows = [...counters].map(([k, last]) => ({ tenant_id: k.split(':')[0], year: Number(k.split(':')[1]), last }));
  await db.execute(sql`
    INSERT INTO appeal_counters (tenant_id, year, last)
    SELECT tenant_id, year, last FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(tenant_id uuid, year int, last int)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = greatest(appeal_counters.last, excluded.last)`);
  return { appeals: done, events, coUnits, from: new Date(shanghaiMidnightMs(firstDay)).toISOString(), to: now.toISOString() };
}
