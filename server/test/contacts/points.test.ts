// Contact points over HTTP (issue 14): the selection workflows (R1.5, R1.9), the 1–2 limits (R1.1,
// R1.6), the portfolio and liaison checks (R1.2, R1.6), overlaps accepted by the coordinator, terms
// (R1.3, R1.7, R8.1), versions (409), audit, timeline, and 404 for another tenant or unit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { auditRows } from '../helpers/factory.ts';
import { confirmedUnitPoint, contactsWorld, okJson, proposeLeaderPoint, proposeUnitPoint, req, step } from './helpers.ts';
import { shanghaiDate } from '../../src/domain/calendar/index.ts';

test('R1.5 leader point: liaison unit proposes → 政策法规处 accepts → the leader confirms; term of 2 years (R1.3); timeline and audit', async () => {
  const w = await contactsWorld();
  let p = await proposeLeaderPoint(w);
  assert.equal(p.state, 'proposed');
  assert.deepEqual(p.allowedActions, ['withdraw']);
  // The leader cannot confirm before coordination: 409 with the state named.
  const early = await step(w, w.users.leaderA, p, 'confirm');
  assert.equal(early.statusCode, 409, early.body);
  // Unit staff of the same unit do not act on the selection.
  assert.equal((await step(w, w.users.staffA, p, 'accept')).statusCode, 403);
  p = (await step(w, w.users.coordinator, p, 'accept')).json();
  assert.equal(p.state, 'leader_review');
  // Another leader may see nothing to do; leader B does not see unit A's point at all.
  assert.equal((await step(w, w.users.leaderB, p, 'confirm')).statusCode, 404);
  // Stale version → 409 with the current point.
  const stale = await step(w, w.users.leaderA, { id: p.id, version: p.version - 1 }, 'confirm');
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.details.current.state, 'leader_review');
  const c = await step(w, w.users.leaderA, p, 'confirm');
  assert.equal(c.statusCode, 200, c.body);
  p = c.json();
  const today = shanghaiDate(new Date());
  assert.equal(p.state, 'confirmed');
  assert.equal(p.termStart, today);
  assert.equal(p.termEnd, `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`);
  assert.deepEqual(
    p.events.map((e: { type: string }) => e.type),
    ['propose', 'accept', 'confirm'],
  );
  const audits = await auditRows(w.db, w.province.id);
  for (const a of ['contact_point.propose', 'contact_point.accept', 'contact_point.confirm'])
    assert.ok(
      audits.some((r) => r.action === a && r.entity_id === p.id),
      a,
    );
});

test('R1.9 unit point: unit chooses → coordination → a leader in charge confirms; the term (R1.7) follows the tenant settings (R8.1)', async () => {
  const w = await contactsWorld();
  await w.db.execute(
    sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${w.province.id}, ${JSON.stringify({ unitContactPointRotationYears: 3 })}::jsonb)`,
  );
  let p = await proposeUnitPoint(w);
  p = (await step(w, w.users.coordinator, p, 'accept')).json();
  assert.equal((await step(w, w.users.headA, p, 'confirm')).statusCode, 403, 'the unit does not confirm its own point');
  p = (await step(w, w.users.leaderA, p, 'confirm')).json();
  const y = Number(p.termStart.slice(0, 4));
  assert.equal(p.termEnd, `${y + 3}${p.termStart.slice(4)}`, 'the setting takes effect');
});

test('R1.5 coordination: return with a reason (required), resubmit; propose another enterprise; the leader sends back with an opinion', async () => {
  const w = await contactsWorld();
  let p = await proposeLeaderPoint(w);
  const noReason = await step(w, w.users.coordinator, p, 'return');
  assert.equal(noReason.statusCode, 400);
  assert.ok(noReason.json().error.fields.reason);
  p = (await step(w, w.users.coordinator, p, 'return', { reason: '该企业已列入其他领导联系点计划' })).json();
  assert.equal(p.state, 'returned');
  assert.equal(p.reason, '该企业已列入其他领导联系点计划');
  const other = await w.ent(w.a.id);
  p = (await step(w, w.users.liaisonA, p, 'resubmit', { enterpriseId: other.id })).json();
  assert.equal(p.state, 'proposed');
  assert.equal(p.enterpriseId, other.id);
  const third = await w.ent(w.a.id);
  p = (await step(w, w.users.coordinator, p, 'propose_other', { enterpriseId: third.id, reason: '建议改为规模更大的企业' })).json();
  assert.equal(p.state, 'leader_review');
  assert.equal(p.enterpriseId, third.id);
  p = (await step(w, w.users.leaderA, p, 'send_back', { reason: '请考虑民营企业' })).json();
  assert.equal(p.state, 'proposed');
  p = (await step(w, w.users.headA, p, 'withdraw')).json();
  assert.equal(p.state, 'withdrawn');
  assert.deepEqual(p.allowedActions, []);
});

test('R1.1 a leader holds 1–2 points: a third is refused naming the two; R1.6 the same for a unit', async () => {
  const w = await contactsWorld();
  const one = await proposeLeaderPoint(w);
  const two = await proposeLeaderPoint(w);
  const third = await req(w, w.users.headA, 'POST', '/api/contact-points', {
    kind: 'leader',
    leaderId: w.leaderA.id,
    unitId: w.a.id,
    enterpriseId: (await w.ent(w.a.id)).id,
  });
  assert.equal(third.statusCode, 409, third.body);
  const msg = third.json().error.message;
  assert.match(msg, /R1\.1/);
  assert.ok(msg.includes(one.enterpriseName) && msg.includes(two.enterpriseName), msg);
  // A withdrawn one frees its place.
  await step(w, w.users.headA, one, 'withdraw');
  await proposeLeaderPoint(w);
  // Unit points: the same limit, per unit.
  await proposeUnitPoint(w);
  await proposeUnitPoint(w);
  const u3 = await req(w, w.users.headA, 'POST', '/api/contact-points', {
    kind: 'unit',
    unitId: w.a.id,
    enterpriseId: (await w.ent(w.a.id)).id,
    liaisonUserId: w.users.liaisonA.id,
  });
  assert.equal(u3.statusCode, 409);
  assert.match(u3.json().error.message, /R1\.6/);
});

test('R1.2 portfolio: the liaison unit and the enterprise must lie in the leader portfolio; R1.6 the unit sectors and a liaison of the unit', async () => {
  const w = await contactsWorld();
  const mining = await w.ent(w.b.id, 'mining');
  const r1 = await req(w, w.users.headA, 'POST', '/api/contact-points', { kind: 'leader', leaderId: w.leaderA.id, unitId: w.a.id, enterpriseId: mining.id });
  assert.equal(r1.statusCode, 400);
  assert.match(r1.json().error.fields.enterpriseId, /R1\.1/);
  const r2 = await req(w, w.users.headA, 'POST', '/api/contact-points', { kind: 'leader', leaderId: w.leaderB.id, unitId: w.a.id, enterpriseId: mining.id });
  assert.equal(r2.statusCode, 400);
  assert.match(r2.json().error.fields.unitId, /R1\.2/);
  const r3 = await req(w, w.users.headA, 'POST', '/api/contact-points', {
    kind: 'unit',
    unitId: w.a.id,
    enterpriseId: mining.id,
    liaisonUserId: w.users.staffA.id,
  });
  assert.equal(r3.statusCode, 400);
  assert.match(r3.json().error.fields.enterpriseId, /R1\.6/);
  assert.match(r3.json().error.fields.liaisonUserId, /R1\.6/, 'a unit_staff without the liaison role');
  const r4 = await req(w, w.users.headA, 'POST', '/api/contact-points', {
    kind: 'unit',
    unitId: w.a.id,
    enterpriseId: (await w.ent(w.a.id)).id,
    liaisonUserId: w.users.liaisonB.id,
  });
  assert.match(r4.json().error.fields.liaisonUserId, /R1\.6/, "another unit's liaison");
  // Only the unit itself proposes (R1.5 / R1.9).
  const r5 = await req(w, w.users.headB, 'POST', '/api/contact-points', {
    kind: 'unit',
    unitId: w.a.id,
    enterpriseId: (await w.ent(w.a.id)).id,
    liaisonUserId: w.users.liaisonA.id,
  });
  assert.equal(r5.statusCode, 403);
  // Bad input: 400 with Chinese per-field messages.
  const bad = await req(w, w.users.headA, 'POST', '/api/contact-points', { kind: 'x', unitId: 'nope' });
  assert.equal(bad.statusCode, 400);
  assert.ok(Object.keys(bad.json().error.fields).length >= 2);
});

test('R1.1 overlap: an enterprise that is already a point is accepted only when the coordinator agrees; the overlap is shown', async () => {
  const w = await contactsWorld();
  const e = await w.ent(w.a.id);
  await confirmedUnitPoint(w, e.id);
  let p = await proposeLeaderPoint(w, e.id);
  assert.equal(p.overlaps.length, 1);
  const refused = await step(w, w.users.coordinator, p, 'accept');
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().error.message, /同意重叠/);
  p = (await step(w, w.users.coordinator, p, 'accept', { acceptOverlap: true })).json();
  assert.equal(p.state, 'leader_review');
  assert.ok(p.overlapAccepted);
});

test('another tenant or another unit: 404; lists show only what the caller sees', async () => {
  const w = await contactsWorld();
  const p = await proposeUnitPoint(w);
  assert.equal((await req(w, w.cityUser, 'GET', `/api/contact-points/${p.id}`)).statusCode, 404);
  assert.equal((await req(w, w.users.staffB, 'GET', `/api/contact-points/${p.id}`)).statusCode, 404);
  assert.equal((await req(w, w.users.leaderB, 'GET', `/api/contact-points/${p.id}`)).statusCode, 404);
  assert.equal((await req(w, w.users.staffA, 'GET', `/api/contact-points/${p.id}`)).statusCode, 200);
  const listB = await okJson(w, w.users.headB, 'GET', '/api/contact-points');
  assert.equal(listB.items.length, 0);
  const listC = await okJson(w, w.users.coordinator, 'GET', '/api/contact-points');
  assert.equal(listC.items.length, 1);
});
