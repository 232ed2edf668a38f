// R3.3 demo data: four 建议提案 of this year in the province — in handling, due soon, closed 满意, and handled
// again after 不满意 — each with its appeal made by the appeals intake (channel of its kind, dispatched).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { testDatabase } from '../helpers/db.ts';

test('R3.3 demo proposals: every state of the table, rounds on the record, linked appeals through intake', async (t) => {
  const db = (await testDatabase()).db;
  if (await demoLoaded(db)) {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM proposals p JOIN tenants t ON t.id = p.tenant_id WHERE t.code = '370000'`,
    );
    if (n === 0) return t.skip('demo data was loaded into this database before proposals existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(db);
  }
  const rows = await queryRows<{
    number: string;
    kind: string;
    state: string;
    round: number;
    rounds: number;
    channel: string;
    appeal_state: string;
    appeal_lead: string;
    lead: string;
  }>(
    db,
    sql`SELECT p.number, p.kind, p.state, p.round, (SELECT count(*)::int FROM proposal_rounds r WHERE r.proposal_id = p.id) AS rounds,
        a.channel, a.state AS appeal_state, a.lead_unit_id AS appeal_lead, p.lead_unit_id AS lead
      FROM proposals p JOIN tenants t ON t.id = p.tenant_id JOIN appeals a ON a.id = p.appeal_id
      WHERE t.code = '370000' ORDER BY p.number`,
  );
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r.state).sort(), ['closed', 'handling', 'handling', 'handling']);
  const again = rows.find((r) => r.round === 2)!;
  assert.equal(again.rounds, 2);
  for (const r of rows) {
    assert.equal(r.channel, r.kind === 'npc_suggestion' ? 'npc_proposal' : 'cppcc_proposal');
    assert.equal(r.appeal_state, 'dispatched');
    assert.equal(r.appeal_lead, r.lead);
  }
});
