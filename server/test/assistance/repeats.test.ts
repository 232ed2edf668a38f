// Capability 8 repeat detection (R6.1, R8.1): the same enterprise (USCC) with a similar appeal within
// repeatWindowDays is flagged 重复诉求 at intake, linked to the earlier one and counted; at
// reopenEscalationCount repeats the SLA sweep escalates (督办) as for a third reopening.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { flagLoadedRepeats, slaSweep } from '../../src/modules/appeals/index.ts';
import { createEnterprise, randomUscc } from '../enterprises/fixtures.ts';
import { setTenantOverrides } from '../jobs/helpers.ts';
import { call, createAppeal, ok, world } from '../appeals/helpers.ts';

const first = {
  title: '危险化学品经营许可证到期延续需要哪些材料',
  content: '我单位危险化学品经营许可证将于下月到期，想了解延续申请需要提交哪些材料，提前多少天申请。',
};
const again = {
  title: '经营许可证快到期了怎么申请延期换证',
  content: '公司的危化品经营许可证还有一个月到期，请告知延期换证的申请材料清单和提前申请的时间要求。',
};
const other = { title: '有限空间作业审批流程咨询', content: '食品厂的污水池清淤属于有限空间作业，请问作业前审批、检测和监护有哪些要求。' };

const repeatOf = async (w: Awaited<ReturnType<typeof world>>, id: string) =>
  (await queryRows<{ repeat_of_id: string | null; repeat_count: number }>(w.db, sql`SELECT repeat_of_id, repeat_count FROM appeals WHERE id = ${id}`))[0]!;

test('R6.1 重复诉求: flagged at intake, linked and counted; a different matter or enterprise is not; the panel warns before saving', async () => {
  const w = await world();
  const uscc = randomUscc();
  const a = await createAppeal(w, { enterpriseUscc: uscc, ...first });
  assert.equal((await repeatOf(w, a.id)).repeat_count, 0);

  // Before saving, the intake panel names the earlier appeal.
  const panel = await call(w.app, w.users.intake, { method: 'POST', url: '/api/assistance/suggestions', payload: { ...again, enterpriseUscc: uscc } });
  assert.equal(panel.statusCode, 200, panel.body);
  assert.equal(panel.json().repeat?.number, a.number);
  assert.equal(panel.json().repeat?.repeatCount, 1);

  const b = await createAppeal(w, { enterpriseUscc: uscc, ...again });
  assert.deepEqual(await repeatOf(w, b.id), { repeat_of_id: a.id, repeat_count: 1 });
  const ev = b.events.find((e: { type: string }) => e.type === 'repeat_flagged');
  assert.ok(ev, 'the timeline says 重复诉求');
  assert.equal(ev.payload.repeatOfNumber, a.number);

  // A different matter of the same enterprise, and the same matter of another enterprise: no repeat.
  const c = await createAppeal(w, { enterpriseUscc: uscc, ...other });
  assert.equal((await repeatOf(w, c.id)).repeat_count, 0);
  const d = await createAppeal(w, { enterpriseUscc: randomUscc(), ...again });
  assert.equal((await repeatOf(w, d.id)).repeat_count, 0);
  // Another tenant's earlier appeal of the same USCC is not the city's repeat.
  const city = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '鲁华化工有限公司',
      enterpriseUscc: uscc,
      contactName: '王',
      contactPhone: '13800138000',
      channel: 'hotline',
      category: 'licensing',
      ...again,
    },
  });
  assert.equal(city.statusCode, 201, city.body);
  assert.equal((await repeatOf(w, city.json().id)).repeat_count, 0);
});

test('R8.1 R6.1 the repeat window is the tenant setting repeatWindowDays', async () => {
  const w = await world();
  const uscc = randomUscc();
  const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
  await createAppeal(w, { enterpriseUscc: uscc, ...first, receivedAt: old, backdateReason: '补录' });
  await setTenantOverrides(w.db, w.province.id, { repeatWindowDays: 30 });
  const b = await createAppeal(w, { enterpriseUscc: uscc, ...again });
  assert.equal((await repeatOf(w, b.id)).repeat_count, 0, 'older than 30 days: not a repeat');
  await setTenantOverrides(w.db, w.province.id, { repeatWindowDays: 90 });
  const c = await createAppeal(w, { enterpriseUscc: uscc, ...first });
  assert.ok((await repeatOf(w, c.id)).repeat_count >= 1, 'within 90 days: a repeat');
});

test('R6.1 R6.6 the third repeat is escalated (督办) like a third reopening, once', async () => {
  const w = await world();
  const uscc = randomUscc();
  const texts = [first, again, first, again];
  let last = '';
  for (const t of texts) last = (await createAppeal(w, { enterpriseUscc: uscc, ...t })).id;
  assert.equal((await repeatOf(w, last)).repeat_count, 3);
  await ok(w, w.users.intake, last, 'dispatch', { leadUnitId: w.lead.id });
  const r = await slaSweep(w.db, new Date(), { tenantIds: [w.province.id], skipCloseUnevaluated: true });
  assert.equal(r.escalated.repeated, 1);
  const rows = await queryRows<{ appeal_id: string; reason: string; cycle: number }>(
    w.db,
    sql`SELECT appeal_id, reason, cycle FROM appeal_escalations WHERE tenant_id = ${w.province.id} AND reason = 'repeated'`,
  );
  assert.deepEqual(rows, [{ appeal_id: last, reason: 'repeated', cycle: 3 }]);
  const again2 = await slaSweep(w.db, new Date(), { tenantIds: [w.province.id], skipCloseUnevaluated: true });
  assert.equal(again2.escalated.repeated, 0, 'escalated once');
  const audit = await queryRows<{ summary: string }>(
    w.db,
    sql`SELECT summary FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'appeal.escalate'`,
  );
  assert.match(audit[0]!.summary, /重复诉求次数达到督办阈值（3次）/);
});

test('R6.1 demo data: repeats among loaded appeals are flagged as intake flags them', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id, {});
  const texts = [first, other, again, first];
  const ids: string[] = [];
  for (const t of texts) ids.push((await createAppeal(w, { enterpriseId: e.id, enterpriseName: undefined, ...t })).id);
  const byIntake = await Promise.all(ids.map((id) => repeatOf(w, id)));
  assert.deepEqual(
    byIntake.map((r) => r.repeat_count),
    [0, 0, 1, 2],
  );
  await w.db.execute(sql`UPDATE appeals SET repeat_of_id = NULL, repeat_count = 0 WHERE tenant_id = ${w.province.id}`);
  assert.equal(await flagLoadedRepeats(w.db, w.province.id, 90), 2);
  assert.deepEqual(await Promise.all(ids.map((id) => repeatOf(w, id))), byIntake);
});
