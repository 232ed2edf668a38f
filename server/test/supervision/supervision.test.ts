// R7.2 / R7.4 supervision through the API: an item on an appeal or a unit, the explanation with a
// deadline, the outcome — 通报 (.docx read back), 约谈 with rectification tracked to done, commendation;
// audited, listed by unit and year; units see and answer their own, others 404.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { auditRows } from '../helpers/factory.ts';
import { appealIn, call, world, type TestUser, type World } from '../appeals/helpers.ts';
import { contactPointFixture } from '../contacts/fixtures.ts';

const post = (w: World, as: TestUser, url: string, payload: Record<string, unknown>) => call(w.app, as, { method: 'POST', url, payload });
const get = (w: World, as: TestUser, url: string) => call(w.app, as, { method: 'GET', url });

async function openOnAppeal(w: World) {
  const appealId = await appealIn(w, 'handling');
  const r = await post(w, w.users.oversight, '/api/supervision', {
    targetType: 'appeal',
    appealId,
    category: 'slow_handling',
    description: '企业反映办理迟缓，2小时内未联系。',
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

test("R7.2 open on an appeal or a contact point: the lead unit / the point's unit is responsible; only 机关党委 opens", async () => {
  const w = await world();
  const item = await openOnAppeal(w);
  assert.equal(item.unitId, w.lead.id);
  assert.equal(item.state, 'open');
  assert.deepEqual(item.allowedActions, ['request_explanation', 'conclude']);
  assert.ok(item.targetLabel.length > 0);
  const appealId = item.appealId;
  assert.equal(
    (await post(w, w.users.leadHead, '/api/supervision', { targetType: 'appeal', appealId, category: 'formalism', description: 'x' })).statusCode,
    403,
  );
  // R7.2 on a contact point: the point is named (targetId), its unit answers unless another is named.
  const cp = await post(w, w.users.oversight, '/api/supervision', { targetType: 'contact_point', category: 'formalism', description: 'x' });
  assert.equal(cp.statusCode, 400);
  assert.ok(cp.json().error.fields.targetId);
  const pointId = await contactPointFixture(w.db, w.province.id, w.co.id);
  const onPoint = await post(w, w.users.oversight, '/api/supervision', {
    targetType: 'contact_point',
    targetId: pointId,
    category: 'formalism',
    description: '联系点一年未走访。',
  });
  assert.equal(onPoint.statusCode, 201, onPoint.body);
  assert.deepEqual([onPoint.json().unitId, onPoint.json().targetId, onPoint.json().appealId], [w.co.id, pointId, null]);
  assert.match(onPoint.json().targetLabel, /^处室联系点（.+）：.+/);
  assert.equal((await get(w, w.users.otherStaff, `/api/supervision/${onPoint.json().id}`)).statusCode, 404);
  const cityPoint = await contactPointFixture(w.db, w.city.id, w.cityUnit.id);
  const elsewhere = await post(w, w.users.oversight, '/api/supervision', {
    targetType: 'contact_point',
    targetId: cityPoint,
    category: 'formalism',
    description: 'x',
  });
  assert.equal(elsewhere.statusCode, 400);
  assert.ok(elsewhere.json().error.fields.targetId);
  const noUnit = await post(w, w.users.oversight, '/api/supervision', { targetType: 'unit', category: 'formalism', description: 'x' });
  assert.equal(noUnit.statusCode, 400);
  assert.ok(noUnit.json().error.fields.unitId);
  // Visible to the lead unit, 404 for another unit, listed by unit and year.
  assert.equal((await get(w, w.users.leadStaff, `/api/supervision/${item.id}`)).statusCode, 200);
  assert.equal((await get(w, w.users.otherStaff, `/api/supervision/${item.id}`)).statusCode, 404);
  const mine = (await get(w, w.users.leadStaff, '/api/supervision')).json();
  assert.deepEqual(
    mine.items.map((x: { id: string }) => x.id),
    [item.id],
  );
  assert.equal((await get(w, w.users.otherStaff, '/api/supervision')).json().items.length, 0);
  const byUnit = (await get(w, w.users.oversight, `/api/supervision?year=${item.year}&unitId=${w.lead.id}`)).json();
  assert.equal(byUnit.items.length, 1);
  assert.equal((await get(w, w.users.oversight, `/api/supervision?year=${item.year - 1}&unitId=${w.lead.id}`)).json().items.length, 0);
  const audits = await auditRows(w.db, w.province.id);
  assert.ok(audits.some((r) => r.action === 'supervision.open' && r.entity_id === item.id));
});

test('R7.2 explanation with a deadline, answered by the unit; R7.4 通报 to units as .docx', async () => {
  const w = await world();
  const item = await openOnAppeal(w);
  const rq = await post(w, w.users.oversight, `/api/supervision/${item.id}/request-explanation`, {
    version: item.version,
    request: '请说明未按时联系企业的原因',
    due: '2026-12-10',
  });
  assert.equal(rq.statusCode, 200, rq.body);
  assert.equal(rq.json().state, 'awaiting_explanation');
  assert.equal(rq.json().explanationDue, '2026-12-10');
  // Stale version: 409.
  assert.equal((await post(w, w.users.leadStaff, `/api/supervision/${item.id}/explain`, { version: item.version, explanation: 'x' })).statusCode, 409);
  // Another unit: 404; the co-handling unit sees nothing either.
  assert.equal((await post(w, w.users.otherStaff, `/api/supervision/${item.id}/explain`, { version: rq.json().version, explanation: 'x' })).statusCode, 404);
  const ex = await post(w, w.users.leadHead, `/api/supervision/${item.id}/explain`, {
    version: rq.json().version,
    explanation: '经办人出差，未及时交接，已批评教育。',
  });
  assert.equal(ex.statusCode, 200, ex.body);
  assert.equal(ex.json().state, 'explained');
  // The unit cannot conclude; 机关党委 concludes with a 通报.
  assert.equal(
    (await post(w, w.users.leadHead, `/api/supervision/${item.id}/conclude`, { version: ex.json().version, outcome: 'no_action', conclusion: 'x' })).statusCode,
    403,
  );
  const missing = await post(w, w.users.oversight, `/api/supervision/${item.id}/conclude`, {
    version: ex.json().version,
    outcome: 'notice',
    conclusion: '予以通报',
  });
  assert.equal(missing.statusCode, 400);
  const c = await post(w, w.users.oversight, `/api/supervision/${item.id}/conclude`, {
    version: ex.json().version,
    outcome: 'notice',
    conclusion: '予以通报批评',
    notice: { title: '关于诉求办理迟缓问题的通报', body: '近日，机关党委督导发现某处室办理企业诉求迟缓。\n请各处室引以为戒。', recipientUnitIds: [w.co.id] },
  });
  assert.equal(c.statusCode, 200, c.body);
  const v = c.json();
  assert.equal(v.state, 'concluded');
  assert.equal(v.outcomeLabel, '通报');
  assert.match(v.notice.number, /^机关党委通报〔\d{4}〕1号$/);
  assert.equal(v.notice.recipients.length, 2);
  assert.deepEqual(v.allowedActions, []);
  const d = await get(w, w.users.leadStaff, `/api/supervision/${item.id}/notice.docx`);
  assert.equal(d.statusCode, 200);
  const xml = await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string');
  assert.ok(xml.includes('关于诉求办理迟缓问题的通报'));
  assert.ok(xml.includes(v.notice.number));
  assert.ok(xml.includes('请各处室引以为戒。'));
  // Concluded: nothing more.
  assert.equal(
    (await post(w, w.users.oversight, `/api/supervision/${item.id}/request-explanation`, { version: v.version, request: 'x', due: '2026-12-20' })).statusCode,
    409,
  );
  const audits = await auditRows(w.db, w.province.id);
  for (const a of ['supervision.request_explanation', 'supervision.explain', 'supervision.conclude'])
    assert.ok(
      audits.some((r) => r.action === a && r.entity_id === item.id),
      a,
    );
});

test('R7.4 约谈: meeting record with rectification items, done by the unit, completed by 机关党委; commendation', async () => {
  const w = await world();
  const o = await post(w, w.users.oversight, '/api/supervision', {
    targetType: 'unit',
    unitId: w.lead.id,
    category: 'work_style',
    description: '多家企业反映态度生硬。',
  });
  assert.equal(o.statusCode, 201, o.body);
  const item = o.json();
  const c = await post(w, w.users.oversight, `/api/supervision/${item.id}/conclude`, {
    version: item.version,
    outcome: 'interview',
    conclusion: '约谈处室主要负责人',
    interview: {
      heldOn: '2026-12-01',
      unitHeadName: '李处长',
      interviewerNames: '机关党委书记 王某',
      findings: '服务意识不强，答复企业态度生硬。',
      items: [
        { description: '开展作风整顿学习', ownerName: '李处长', dueDate: '2026-12-20' },
        { description: '逐一回访投诉企业', ownerName: '张科长', dueDate: '2026-12-31' },
      ],
    },
  });
  assert.equal(c.statusCode, 200, c.body);
  let v = c.json();
  assert.equal(v.interview.state, 'rectifying');
  assert.equal(v.interview.rectifications.length, 2);
  assert.deepEqual(v.interview.allowedActions, ['complete_item'], 'oversight cannot complete before the items are done');
  // Completing early is refused.
  assert.equal((await post(w, w.users.oversight, `/api/supervision/${item.id}/interview/complete`, { version: v.interview.version })).statusCode, 409);
  const unitView = (await get(w, w.users.leadStaff, `/api/supervision/${item.id}`)).json();
  assert.ok(unitView.interview.rectifications.every((r: { canComplete: boolean }) => r.canComplete));
  const [r1, r2] = v.interview.rectifications;
  assert.equal((await post(w, w.users.otherStaff, `/api/rectifications/${r1.id}/done`, { version: r1.version, note: 'x' })).statusCode, 404);
  assert.equal((await post(w, w.users.leadStaff, `/api/rectifications/${r1.id}/done`, { version: r1.version, note: '已组织学习2次' })).statusCode, 200);
  assert.equal((await post(w, w.users.leadStaff, `/api/rectifications/${r1.id}/done`, { version: r1.version, note: 'again' })).statusCode, 409);
  const done2 = await post(w, w.users.leadHead, `/api/rectifications/${r2.id}/done`, { version: r2.version, note: '已回访5家企业' });
  assert.equal(done2.statusCode, 200, done2.body);
  v = (await get(w, w.users.oversight, `/api/supervision/${item.id}`)).json();
  assert.deepEqual(v.interview.allowedActions, ['complete_item', 'complete']);
  const fin = await post(w, w.users.oversight, `/api/supervision/${item.id}/interview/complete`, { version: v.interview.version });
  assert.equal(fin.statusCode, 200, fin.body);
  assert.equal(fin.json().interview.state, 'completed');
  assert.equal(fin.json().interview.stateLabel, '整改完成');

  // Commendation: a notice of kind commendation.
  const g = (
    await post(w, w.users.oversight, '/api/supervision', {
      targetType: 'unit',
      unitId: w.co.id,
      category: 'good_practice',
      description: '主动上门服务成效突出。',
    })
  ).json();
  const cm = await post(w, w.users.oversight, `/api/supervision/${g.id}/conclude`, {
    version: g.version,
    outcome: 'commendation',
    conclusion: '通报表扬',
    notice: { title: '关于表扬某处室的通报', body: '该处室主动服务企业，成效突出。', recipientUnitIds: [] },
  });
  assert.equal(cm.statusCode, 200, cm.body);
  assert.equal(cm.json().notice.kind, 'commendation');
  assert.match(cm.json().notice.number, /〔\d{4}〕1号$/, 'numbered per tenant and year');
});
