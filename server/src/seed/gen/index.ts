// `zqt gen`: a realistic province in the database (issue 8). Organisation (org.ts), enterprises
// (enterprises.ts), appeals with their timelines (appeals.ts, simulate.ts); then ANALYZE, the SLA
// sweep once at `now` (the app's own code marks what is overdue or due soon, urges and escalates),
// the figures roll-up built, the notifier's cursor moved past the generated history, and a marker in app_meta.
// Repeatable: the same seed and the same `now` on an empty database give the same rows.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { runFiguresRollup, runHotWordsRollup, slaSweep } from '../../modules/appeals/index.ts';
import { insertAudit } from '../../modules/audit/index.ts';
import { generateAppeals } from './appeals.ts';
import { generateContacts } from './contacts.ts';
import { generateEnterprises } from './enterprises.ts';
import { ensureOrg } from './org.ts';
import { stream } from './random.ts';

export const GEN_MARKER = 'generated_data';

export type GenOptions = {
  appeals: number;
  enterprises: number;
  years: number;
  seed: number;
  /** End of the generated period (default: the current time). */
  now?: Date;
  /** Add to data generated before (otherwise a database with generated data is refused). */
  append?: boolean;
  /** Skip the SLA sweep at the end. */
  noSweep?: boolean;
  silent?: boolean;
};

export type GenRun = { seed: number; appeals: number; enterprises: number; years: number; now: string; at: string };

export type GenSummary = {
  run: number;
  tenants: number;
  units: number;
  users: number;
  enterprisesInserted: number;
  appeals: number;
  events: number;
  coUnits: number;
  contactPoints: number;
  visits: number;
  from: string;
  to: string;
  open: number;
  sweep: { overdue: number; dueSoon: number; urged: number; escalated: number } | null;
  /** false: the role is not the tables' owner, so PostgreSQL vacuumed and analyzed nothing (run VACUUM ANALYZE as the owner). */
  analyzed: boolean;
  ms: Record<string, number>;
};

export class GenRefused extends Error {}

/** The calendar years the generated period needs, checked against the years the province's calendar has loaded. */
export function checkYears(loaded: number[], years: number, now: Date): string | null {
  const first = Number(shanghaiDate(new Date(now.getTime() - years * 365.25 * 86_400_000)).slice(0, 4));
  const last = Number(shanghaiDate(now).slice(0, 4));
  const missing: number[] = [];
  for (let y = first; y <= last; y++) if (!loaded.includes(y)) missing.push(y);
  return missing.length ? `日历未载入 ${missing.join('、')} 年的节假日安排（已载入：${loaded.join('、')}），这些年份的诉求无法计算时限` : null;
}

export async function generate(db: Db, o: GenOptions): Promise<GenSummary> {
  const now = o.now ?? new Date();
  const ms: Record<string, number> = {};
  const lap = (k: string, t0: number) => (ms[k] = Math.round(performance.now() - t0));
  const [marker] = await queryRows<{ value: { runs: GenRun[] } }>(db, sql`SELECT value FROM app_meta WHERE key = ${GEN_MARKER}`);
  const runs = marker?.value.runs ?? [];
  if (runs.length && !o.append) {
    throw new GenRefused(
      `该数据库已有生成数据（${runs.length} 次，共 ${runs.reduce((s, r) => s + r.appeals, 0)} 条诉求）；追加请加 --append，或换一个空数据库`,
    );
  }
  // Later runs draw from other streams of the same seed, so an append does not repeat the first run.
  const salt = runs.length ? `:${runs.length}` : '';
  let t0 = performance.now();
  const org = await ensureOrg(db, o.seed);
  lap('org', t0);

  t0 = performance.now();
  const enterprisesInserted = await generateEnterprises(db, org, o.enterprises, stream(o.seed, `enterprises${salt}`), now, o.silent);
  lap('enterprises', t0);

  t0 = performance.now();
  const a = await generateAppeals(db, org, o.appeals, o.years, now, stream(o.seed, `appeals${salt}`), o.silent);
  lap('appeals', t0);

  // Issue 14: contact points (two per leader and business unit) and a year of visits.
  t0 = performance.now();
  const contacts = await generateContacts(db, { now, tenantIds: org.map((t) => t.id) });
  lap('contacts', t0);

  t0 = performance.now();
  await db.execute(sql`ANALYZE appeals`);
  await db.execute(sql`ANALYZE appeal_events`);
  await db.execute(sql`ANALYZE enterprises`);
  await db.execute(sql`ANALYZE appeal_units`);
  lap('analyze', t0);

  // The notifier starts after the generated history (it is not re-notified); the sweep's own events are.
  await db.execute(sql`
    UPDATE scheduled_tasks SET state = state || jsonb_build_object('cursor', (SELECT coalesce(max(id), 0) FROM appeal_events))
    WHERE name = 'appeal-notifier' AND state ? 'cursor'`);
  let sweep: GenSummary['sweep'] = null;
  if (!o.noSweep) {
    t0 = performance.now();
    const s = await slaSweep(db, now, { tenantIds: org.map((t) => t.id) });
    const sum = (x: Record<string, number>) => Object.values(x).reduce((p, v) => p + v, 0);
    sweep = { overdue: sum(s.overdue), dueSoon: sum(s.dueSoon), urged: s.urged, escalated: s.escalated.overdue + s.escalated.reopened };
    lap('sweep', t0);
  }

  // The figures roll-up (appeals.rollup.ts) as the scheduler's next run would build it.
  t0 = performance.now();
  await runFiguresRollup(db, now, { tenantIds: org.map((t) => t.id) });
  lap('rollup', t0);
  // The hot-topic keyword roll-up (appeals.words-rollup.ts, issue 19) likewise.
  t0 = performance.now();
  await runHotWordsRollup(db, now, { tenantIds: org.map((t) => t.id) });
  lap('hotWords', t0);

  // Statistics for everything written since (the sweep's updates, the roll-ups' tables): without them
  // the planner guessed, and on a fresh 100k province the figures took 200 ms and the dashboard 650 ms
  // instead of 15 and 47 until autovacuum came round (measured 2026-12-05). VACUUM as well: it sets the
  // visibility map, as autovacuum does after a bulk insert on a live database, so index-only and bitmap
  // scans stop reading heap pages to check visibility. Without it a generated database stays unlike a
  // real one wherever autovacuum is off (this machine's PostgreSQL, for the tests: conf.d/90-ci.conf);
  // on 1M, VACUUM took 10 s and the keyword search's p50 went 14.0 → 11.7 ms, the workbench's
  // 2.6 → 1.8 ms (2026-12-06). Only the tables' owner (or a superuser) may VACUUM or ANALYZE them;
  // PostgreSQL skips the rest with a warning, so the summary says so.
  t0 = performance.now();
  const [{ owner }] = await queryRows<{ owner: boolean }>(
    db,
    sql`SELECT pg_has_role(current_user, c.relowner, 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS owner
        FROM pg_class c WHERE c.oid = 'appeals'::regclass`,
  );
  if (owner) await db.execute(sql`VACUUM (ANALYZE)`);
  lap('vacuumAnalyze', t0);

  const [counts] = await queryRows<{ units: number; users: number; open: number }>(
    db,
    sql`
    SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM appeals WHERE closed_at IS NULL)::int AS open`,
  );
  const run: GenRun = {
    seed: o.seed,
    appeals: a.appeals,
    enterprises: enterprisesInserted,
    years: o.years,
    now: now.toISOString(),
    at: new Date().toISOString(),
  };
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO app_meta (key, value) VALUES (${GEN_MARKER}, ${JSON.stringify({ runs: [...runs, run] })}::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`);
    await insertAudit(tx, {
      tenantId: org[0].id,
      actorId: null,
      actorName: '命令行',
      action: 'system.generate_data',
      entity: 'system',
      summary: `生成数据（种子 ${o.seed}）：${enterprisesInserted}家企业、${a.appeals}条诉求（${o.years}年）`,
      after: run,
      ip: null,
      requestId: null,
    });
  });
  return {
    run: runs.length + 1,
    tenants: org.length,
    units: counts.units,
    users: counts.users,
    enterprisesInserted,
    ...a,
    contactPoints: contacts.points,
    visits: contacts.visits,
    open: counts.open,
    sweep,
    analyzed: owner,
    ms,
  };
}
