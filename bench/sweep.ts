// SLA sweep (modules/appeals/appeals.sweep.ts) over N open appeals (default 100,000) of one extra tenant:
// the first sweep (every overdue milestone marked, urged, escalated: the worst case, once), a sweep a
// minute after it, and the steady state (sweeps a minute apart once the backlog's old row versions are
// vacuumed). Baseline: the one UPDATE that marks the same overdue milestones, sent directly and rolled
// back. (Was server/test/jobs/sweep-bench.ts.)
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../server/src/db/client.ts';
import { leaderUnits, leaders, tenants, units } from '../server/src/db/schema.ts';
import { slaSweep } from '../server/src/modules/appeals/index.ts';
import type { Row } from './lib.ts';

async function sweepTenant(db: Db) {
  const code = `S${crypto.randomBytes(4).toString('hex')}`;
  const [t] = await db
    .insert(tenants)
    .values({ code, name: `巡检基准${code}`, kind: 'province' })
    .returning();
  const us = await db
    .insert(units)
    .values(Array.from({ length: 12 }, (_, i) => ({ tenantId: t.id, name: `处室${i + 1}`, kind: 'business', sectors: ['hazchem'] })))
    .returning();
  const ls = await db
    .insert(leaders)
    .values([
      { tenantId: t.id, name: '领导甲', title: '副厅长' },
      { tenantId: t.id, name: '领导乙', title: '副厅长' },
    ])
    .returning();
  await db.insert(leaderUnits).values(us.map((u, i) => ({ leaderId: ls[i < 6 ? 0 : 1].id, unitId: u.id })));
  return { tenantId: t.id, unitIds: us.map((u) => u.id) };
}

/** Received over the last ~35 days, one every ~30 s: contact done for all but the newest and a few overdue; working-day style deadlines at 24:00. */
async function load(db: Db, tenantId: string, unitIds: string[], n: number, now: Date) {
  await db.execute(sql`
    INSERT INTO appeals (tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content,
      received_at, state, lead_unit_id, dispatched_at, cycle_started_at,
      contact_due_at, contact_done_at, opinion_due_at, opinion_done_at, resolution_due_at, next_due_at, reopen_count)
    SELECT ${tenantId}, 'B-' || i, '企业' || i, '联系人', '13800000000', 'hotline', 'policy', '诉求' || i, '内容',
      r, CASE WHEN i % 10 = 0 THEN 'received' ELSE 'handling' END, CASE WHEN i % 10 = 0 THEN NULL ELSE (${JSON.stringify(unitIds)}::jsonb ->> (i % 12))::uuid END,
      r, r, r + interval '2 hours', CASE WHEN i % 7 = 0 OR i < 240 THEN NULL ELSE r + interval '1 hour' END,
      date_trunc('day', r + interval '2 days'), CASE WHEN i % 3 = 0 THEN r + interval '3 hours' END,
      date_trunc('day', r + interval '21 days'),
      CASE WHEN i % 7 = 0 OR i < 240 THEN r + interval '2 hours' WHEN i % 3 = 0 THEN date_trunc('day', r + interval '21 days') ELSE date_trunc('day', r + interval '2 days') END,
      CASE WHEN i % 500 = 0 THEN 3 ELSE 0 END
    FROM generate_series(1, ${n}) AS i, LATERAL (SELECT ${now}::timestamptz - i * interval '30 seconds' AS r) x`);
  await db.execute(sql`ANALYZE appeals`);
}

export async function sweepScenario(db: Db, label: string, n: number): Promise<Row[]> {
  const now = new Date();
  const { tenantId, unitIds } = await sweepTenant(db);
  let t = performance.now();
  await load(db, tenantId, unitIds, n, now);
  const loadMs = performance.now() - t;

  // Baseline: the overdue marking alone, one statement, rolled back.
  t = performance.now();
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE appeals a SET contact_state = CASE WHEN a.contact_done_at IS NULL AND a.contact_due_at < ${now} THEN 'overdue' ELSE a.contact_state END,
          opinion_state = CASE WHEN a.opinion_done_at IS NULL AND a.opinion_due_at < ${now} THEN 'overdue' ELSE a.opinion_state END,
          resolution_state = CASE WHEN a.resolution_done_at IS NULL AND a.resolution_due_at < ${now} THEN 'overdue' ELSE a.resolution_state END
        WHERE a.tenant_id = ${tenantId} AND a.closed_at IS NULL
          AND ((a.contact_done_at IS NULL AND a.contact_due_at < ${now}) OR (a.opinion_done_at IS NULL AND a.opinion_due_at < ${now})
            OR (a.resolution_done_at IS NULL AND a.resolution_due_at < ${now}))`);
      throw new Error('rollback');
    })
    .catch((e) => {
      if ((e as Error).message !== 'rollback') throw e;
    });
  const baseMs = performance.now() - t;

  const runs: { label: string; ms: number; result: string }[] = [];
  const sweepAt = async (what: string, at: Date) => {
    t = performance.now();
    const r = await slaSweep(db, at, { tenantIds: [tenantId] });
    runs.push({
      label: what,
      ms: performance.now() - t,
      result: `overdue ${r.overdue.contact + r.overdue.opinion + r.overdue.resolution}, urged ${r.urged}, escalated ${r.escalated.overdue + r.escalated.reopened}, due soon ${r.dueSoon.contact + r.dueSoon.opinion + r.dueSoon.resolution}; steps ms ${JSON.stringify(r.ms)}`,
    });
  };
  await sweepAt('first sweep', now);
  // Right after the backlog: the first run rewrote most of the open appeals, and until the table is
  // vacuumed the clock indexes still hold their old entries (pending, deadline passed).
  await sweepAt('a minute later', new Date(now.getTime() + 60_000));
  // Every minute as it runs day to day: those dead rows vacuumed (autovacuum, or an operator after a
  // long outage), the statistics current.
  await db.execute(sql`VACUUM (ANALYZE) appeals`);
  await sweepAt('two minutes later', new Date(now.getTime() + 120_000));
  await sweepAt('three minutes later', new Date(now.getTime() + 180_000));
  const steady = Math.max(runs[2].ms, runs[3].ms);
  const k = `${Math.round(n / 1000)}k`;
  return [
    {
      scenario: `SLA sweep, first run (${k} open)`,
      database: label,
      p50: runs[0].ms,
      baseline: `${Math.round(baseMs)} ms (1 UPDATE)`,
      ratio: `${(runs[0].ms / baseMs).toFixed(1)}×`,
      // The catch-up after a backlog (every overdue milestone marked, urged, escalated at once) happens
      // once; the ≤ 500 ms target (issue 20) is the sweep every minute (next row).
      target: '(once)',
      ok: null,
      note: `${runs[0].result}; loaded ${n.toLocaleString('en-US')} open appeals in ${(loadMs / 1000).toFixed(1)} s`,
    },
    {
      scenario: `SLA sweep, every minute (${k} open)`,
      database: label,
      p50: steady,
      baseline: `${Math.round(baseMs)} ms (1 UPDATE)`,
      ratio: `${(steady / baseMs).toFixed(1)}×`,
      target: '≤ 500 ms',
      ok: steady <= 500,
      note: `${runs[2].label}: ${Math.round(runs[2].ms)} ms (${runs[2].result}); ${runs[3].label}: ${Math.round(runs[3].ms)} ms; ${runs[1].label}, before the backlog's rows were vacuumed: ${Math.round(runs[1].ms)} ms (${runs[1].result})`,
    },
  ];
}
