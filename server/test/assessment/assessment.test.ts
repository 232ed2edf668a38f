// R8.1 the annual assessment: recomputed from the events it equals the dashboard's figures; survey and
// supervision columns; the score with the tenant's weights; weights validated (sum 100); contact-point
// and research quotas (R1.4, R1.8, R2.4) beside the score; units see their own row; the appeals behind
// each rate (issue 16 drill-down) equal its numerator and denominator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessmentScore } from '../../src/domain/assessment/score.ts';
import { runFiguresRollup } from '../../src/modules/appeals/index.ts';
import { appealIn, call, world, type TestUser, type World } from '../appeals/helpers.ts';
import { createUser } from '../helpers/factory.ts';
import { confirmedUnitPoint, contactsWorld } from '../contacts/helpers.ts';

const get = (w: World, as: TestUser, url: string) => call(w.app, as, { method: 'GET', url });

test('R8.1 assessment score: weighted components, missing ones left out and the rest scaled, 通报/约谈 off, commendation on', () => {
  const w = { response: 20, onTime: 25, resolution: 15, satisfaction: 20, survey: 20 };
  const adj = { noticePenalty: 3, interviewPenalty: 5, commendationBonus: 2 };
  const full = assessmentScore(
    { responseRate: 1, onTimeRates: [1, 0.5, null], resolutionRate: 1, satisfactionRate: 0.5, surveyIndex: 80, notices: 1, interviews: 1, commendations: 1 },
    w,
    adj,
  );
  // 20·1 + 25·0.75 + 15·1 + 20·0.5 + 20·0.8 = 79.75 → 79.8; −3 −5 +2.
  assert.equal(full.base, 79.8);
  assert.equal(full.adjustment, -6);
  assert.equal(full.score, 73.8);
  const noSurvey = assessmentScore(
    { responseRate: 1, onTimeRates: [1], resolutionRate: 1, satisfactionRate: 1, surveyIndex: null, notices: 0, interviews: 0, commendations: 0 },
    w,
    adj,
  );
  assert.equal(noSurvey.base, 100, 'a missing component does not mark the unit down');
  assert.equal(
    assessmentScore(
      { responseRate: null, onTimeRates: [], resolutionRate: null, satisfactionRate: null, surveyIndex: null, notices: 0, interviews: 0, commendations: 0 },
      w,
      adj,
    ).score,
    null,
  );
});

test('R8.1 assessment recomputed from events equals the dashboard; supervision counts with their items; R1.4 R1.8 R2.4 quotas; units see their own row; the appeals behind each rate', async () => {
  const w = await world();
  await appealIn(w, 'handling');
  await appealIn(w, 'replied');
  await appealIn(w, 'closed');
  const item = (
    await call(w.app, w.users.oversight, {
      method: 'POST',
      url: '/api/supervision',
      payload: { targetType: 'unit', unitId: w.lead.id, category: 'work_style', description: '态度生硬' },
    })
  ).json();
  const c = await call(w.app, w.users.oversight, {
    method: 'POST',
    url: `/api/supervision/${item.id}/conclude`,
    payload: { version: item.version, outcome: 'notice', conclusion: '通报', notice: { title: '通报', body: '正文', recipientUnitIds: [] } },
  });
  assert.equal(c.statusCode, 200, c.body);
  const year = item.year;
  // The figures come from the roll-up of the appeals' timeline events (as the scheduler builds it).
  await runFiguresRollup(w.db, new Date(), { tenantIds: [w.province.id, w.city.id] });
  const dash = (await get(w, w.users.oversight, `/api/dashboard?year=${year}`)).json();
  const res = await get(w, w.users.oversight, `/api/assessment?year=${year}`);
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json();
  for (const du of dash.units.filter((u: { unitId: string | null }) => u.unitId)) {
    const au = a.units.find((u: { unitId: string }) => u.unitId === du.unitId);
    assert.ok(au, du.unitName);
    assert.equal(au.received, du.received);
    assert.equal(au.closed, du.closed);
    for (const k of ['responseRate', 'contactOnTimeRate', 'opinionOnTimeRate', 'resolutionOnTimeRate', 'resolutionRate', 'satisfactionRate'])
      assert.equal(au[k].value, du[k], `${du.unitName} ${k}`);
  }
  const lead = a.units.find((u: { unitId: string }) => u.unitId === w.lead.id);
  assert.ok(lead.received >= 2, "the lead unit's appeals are counted");
  assert.deepEqual(lead.supervision.notices, [item.id], 'the item behind the count');
  assert.equal(lead.adjustment, -a.weights.noticePenalty);
  // The dashboard's 年度考核 panel shows the same score.
  const slot = dash.slots.assessment;
  assert.equal(slot.status, 'ok');
  const leadName = a.units.find((u: { unitId: string }) => u.unitId === w.lead.id).unitName;
  assert.equal(slot.items.find((i: { label: string }) => i.label === leadName)?.value, lead.score);
  // R1.4 / R1.8: the lead unit carries no contact point → 未接入; R2.4: a business unit, no research visit yet.
  assert.deepEqual(lead.contactPointQuota, { status: 'not_connected' });
  assert.equal(lead.researchQuota.status, 'ok');
  assert.equal(lead.researchQuota.done, 0);
  assert.equal(lead.researchQuota.met, false);
  assert.ok(
    a.cities.every((c: { contactPointQuota: { status: string } }) => c.contactPointQuota.status === 'not_connected'),
    "cities' records stay theirs",
  );
  assert.ok(Array.isArray(a.cities), 'the province sees each city');
  // Issue 16 R8.1 drill-down: each rate of a unit's row opens the appeals behind it — as many as the
  // denominator, the counted ones the numerator.
  const measures = {
    contact: 'contactOnTimeRate',
    opinion: 'opinionOnTimeRate',
    resolution: 'resolutionOnTimeRate',
    resolved: 'resolutionRate',
    evaluated: 'satisfactionRate',
  } as const;
  let behind = 0;
  for (const [measure, key] of Object.entries(measures)) {
    const r = await get(w, w.users.oversight, `/api/assessment/appeals?year=${year}&unitId=${w.lead.id}&measure=${measure}`);
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json();
    assert.deepEqual([d.numerator, d.denominator], [lead[key].numerator, lead[key].denominator], `${measure} equals the row's figure`);
    assert.equal(d.items.length, d.denominator, measure);
    assert.equal(d.items.filter((i: { counted: boolean }) => i.counted).length, d.numerator, measure);
    behind += d.denominator;
  }
  assert.ok(behind > 0, 'the lead unit has appeals behind its figures');
  // Who sees the row sees its appeals: the unit itself yes, another unit's staff and another tenant no.
  const drill = `/api/assessment/appeals?year=${year}&unitId=${w.lead.id}&measure=contact`;
  assert.equal((await get(w, w.users.leadStaff, drill)).statusCode, 200);
  assert.equal((await get(w, w.users.otherStaff, drill)).statusCode, 404);
  const cityOversight = await createUser(w.db, w.city.id, { roles: ['oversight'], scope: 'tenant' });
  assert.equal((await get(w, cityOversight, drill)).statusCode, 404);
  assert.equal((await get(w, w.users.oversight, `${drill.replace('measure=contact', 'measure=x')}`)).statusCode, 400);
  // A unit sees only its own row; another role is refused.
  const mine = (await get(w, w.users.leadStaff, `/api/assessment?year=${year}`)).json();
  assert.deepEqual(
    mine.units.map((u: { unitId: string }) => u.unitId),
    [w.lead.id],
  );
  assert.equal(mine.cities, null);
  assert.equal((await get(w, w.users.intake, `/api/assessment?year=${year}`)).statusCode, 403);
  assert.equal((await get(w, w.users.oversight, `/api/assessment?year=${year + 1}`)).statusCode, 400);
});

test('R8.1 assessment weights are tenant settings: the five weights must add up to 100', async () => {
  const w = await world();
  const admin = await createUser(w.db, w.province.id, { roles: ['sysadmin'] });
  const s = (await get(w, admin, '/api/tenant-settings')).json();
  const bad = await call(w.app, admin, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: s.version, overrides: { assessmentWeightSurvey: 30 } },
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.json().error.fields['overrides.assessmentWeightSurvey'], /之和须为100/);
  const good = await call(w.app, admin, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: s.version, overrides: { assessmentWeightSurvey: 30, assessmentWeightResponse: 10 } },
  });
  assert.equal(good.statusCode, 200, good.body);
  const a = (await get(w, w.users.oversight, '/api/assessment')).json();
  assert.equal(a.weights.survey, 30);
  assert.equal(a.weights.response, 10);
});

test("R1.8 R8.1 the assessment shows each unit's contact-point visits of the year against the requirement of the points it carries", async () => {
  const w = await contactsWorld();
  const oversight = await createUser(w.db, w.province.id, { roles: ['oversight'], scope: 'tenant', unitId: null });
  await confirmedUnitPoint(w);
  const a = (await call(w.app, oversight, { method: 'GET', url: '/api/assessment' })).json();
  const unitA = a.units.find((u: { unitId: string }) => u.unitId === w.a.id);
  assert.equal(unitA.contactPointQuota.status, 'ok');
  assert.equal(unitA.contactPointQuota.n, 1, 'one point carried');
  assert.equal(unitA.contactPointQuota.done, 0);
  assert.ok(unitA.contactPointQuota.required >= 1, 'a confirmed unit point requires visits this year (pro rata)');
  assert.equal(unitA.contactPointQuota.met, false);
  const unitB = a.units.find((u: { unitId: string }) => u.unitId === w.b.id);
  assert.deepEqual(unitB.contactPointQuota, { status: 'not_connected' });
});
