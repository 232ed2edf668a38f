// Issue 15 demo data: roundtables (R5.*), research (R2.1–R2.4) and a policy in consultation (R2.5).
// A past roundtable with appeals in every state and R7.1 minutes, an upcoming one collecting (the demo enterprise invited).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { APPEAL_STATES } from '../../../shared/appeals.ts';
import { queryRows } from '../../src/db/client.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { testDatabase } from '../helpers/db.ts';

test('R5.1 R7.1 demo roundtables: a past one with appeals in every state, an upcoming one collecting', async (t) => {
  const d = (await testDatabase()).db;
  if (await demoLoaded(d)) {
    const [{ n }] = await queryRows<{ n: number }>(
      d,
      sql`SELECT count(*)::int AS n FROM roundtables r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = '370000'`,
    );
    if (n === 0) return t.skip('demo data was loaded into this database before the roundtables existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(d);
  }
  const meetings = await queryRows<{ id: string; state: string; findings: string | null; lead: string }>(
    d,
    sql`SELECT r.id, r.state, r.findings, u.name AS lead FROM roundtables r JOIN tenants t ON t.id = r.tenant_id JOIN units u ON u.id = r.lead_unit_id
        WHERE t.code = '370000' ORDER BY r.meeting_date`,
  );
  const past = meetings.find((m) => m.state === 'following_up')!;
  assert.ok(past.findings, 'R7.1 minutes with findings');
  assert.equal(past.lead, '政策法规处（行政许可处）', 'R5.2 two units → 政策法规处 leads');
  const states = await queryRows<{ state: string; channel: string; disposition: string }>(
    d,
    sql`SELECT a.state, a.channel, i.disposition FROM roundtable_items i JOIN appeals a ON a.id = i.appeal_id WHERE i.roundtable_id = ${past.id}`,
  );
  assert.deepEqual(new Set(states.map((s) => s.state)), new Set(APPEAL_STATES));
  assert.ok(states.every((s) => s.channel === 'roundtable'));
  assert.ok(states.some((s) => s.disposition === 'answered'));
  const upcoming = meetings.find((m) => m.state === 'collecting')!;
  const [inv] = await queryRows<{ n: number }>(
    d,
    sql`SELECT count(*)::int AS n FROM roundtable_invitations i JOIN users u ON u.enterprise_id = i.enterprise_id AND u.username = 'enterprise'
        WHERE i.roundtable_id = ${upcoming.id}`,
  );
  assert.equal(inv.n, 1, 'the demo enterprise account is invited');
});

test('R2.1–R2.5 R7.1 demo research and policy: a finished task with solutions in use and its visits as field records, one in progress, a policy in consultation with responses', async (t) => {
  const d = (await testDatabase()).db;
  if (!(await demoLoaded(d))) await loadDemoData(d); // false: loaded meanwhile by another test process
  const tasks = await queryRows<{ id: string; state: string; findings: string | null }>(
    d,
    sql`SELECT r.id, r.state, r.findings FROM research_tasks r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = '370000'`,
  );
  if (!tasks.length) return t.skip('demo data was loaded into this database before research existed');
  const done = tasks.find((x) => x.state === 'closed')!;
  assert.ok(done.findings);
  assert.ok(tasks.some((x) => x.state === 'in_progress'));
  const [used] = await queryRows<{ n: number }>(
    d,
    sql`SELECT count(*)::int AS n FROM research_solutions WHERE task_id = ${done.id} AND use_kind IS NOT NULL AND use_evidence IS NOT NULL`,
  );
  assert.ok(used.n >= 1, '成果运用 with evidence');
  // R2.4 R7.1 every demo visit is a field record of kind research, of the task's unit, with a follow-up.
  const visits = await queryRows<{ kind: string | null; same_unit: boolean; follow_ups: number }>(
    d,
    sql`SELECT f.kind, f.unit_id = r.unit_id AS same_unit, (SELECT count(*)::int FROM field_follow_ups u WHERE u.record_id = f.id) AS follow_ups
        FROM research_task_enterprises e JOIN research_tasks r ON r.id = e.task_id LEFT JOIN field_records f ON f.id = e.field_record_id
        JOIN tenants t ON t.id = r.tenant_id WHERE t.code = '370000' AND e.status = 'visited'`,
  );
  assert.ok(visits.length >= 2);
  assert.ok(
    visits.every((v) => v.kind === 'research' && v.same_unit && v.follow_ups >= 1),
    'visits are research field records',
  );
  const [policy] = await queryRows<{ id: string; state: string; research: string[] }>(
    d,
    sql`SELECT p.id, p.state, p.research_task_ids::text[] AS research FROM policy_drafts p JOIN tenants t ON t.id = p.tenant_id WHERE t.code = '370000'`,
  );
  assert.equal(policy.state, 'consulting');
  assert.deepEqual(policy.research, [done.id]);
  const [responses] = await queryRows<{ n: number }>(d, sql`SELECT count(*)::int AS n FROM policy_responses WHERE draft_id = ${policy.id}`);
  assert.ok(responses.n >= 2);
});
