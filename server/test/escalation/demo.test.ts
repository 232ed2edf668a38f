// R6.3 and 领导批示 demo data: the demo leader's 批示 on 危化处's open appeals (one awaiting 签收, one reported on)
// and 厅长办公会 agenda items in three states, made through the services (timeline events and audit rows exist).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { testDatabase } from '../helpers/db.ts';

test('R6.3 demo: 批示 issued and reported, agenda items proposed, scheduled and decided, each with its timeline event and audit row', async (t) => {
  const db = (await testDatabase()).db;
  if (await demoLoaded(db)) {
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM leader_instructions`);
    if (n === 0) return t.skip('demo data was loaded into this database before the escalation demo existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(db);
  }
  const province = sql`(SELECT id FROM tenants WHERE code = '370000')`;
  const instr = await queryRows<{ state: string; leader_name: string; events: number; audits: number }>(
    db,
    sql`SELECT i.state, i.leader_name,
          (SELECT count(*)::int FROM appeal_events e WHERE e.appeal_id = i.appeal_id AND e.type LIKE 'instruction_%') AS events,
          (SELECT count(*)::int FROM audit_log l WHERE l.entity_id = i.id::text AND l.action LIKE 'instruction.%') AS audits
        FROM leader_instructions i WHERE i.tenant_id = ${province} ORDER BY i.state`,
  );
  assert.deepEqual(
    instr.map((r) => [r.state, r.leader_name, r.events, r.audits]),
    [
      ['issued', '李卫东', 1, 1],
      ['reported', '李卫东', 3, 3],
    ],
  );
  const agenda = await queryRows<{ state: string; actions: number; events: number }>(
    db,
    sql`SELECT g.state, (SELECT count(*)::int FROM agenda_actions x WHERE x.item_id = g.id) AS actions,
          (SELECT count(*)::int FROM appeal_events e WHERE e.appeal_id = g.appeal_id AND e.type LIKE 'agenda_%') AS events
        FROM agenda_items g WHERE g.tenant_id = ${province} ORDER BY g.state`,
  );
  assert.deepEqual(
    agenda.map((r) => r.state),
    ['decided', 'proposed', 'scheduled'],
  );
  assert.equal(agenda[0]!.actions, 1);
  assert.deepEqual(
    agenda.map((r) => r.events),
    [3, 1, 2],
  );
});
