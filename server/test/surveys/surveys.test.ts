// R7.3 the annual satisfaction survey through the API: questionnaire, stratified sample shown before
// it is fixed, single-use signed links (SMS outbox + portal notice; GET records nothing), face-to-face
// answers, reminders, results weighted with n, anonymity towards units, .xlsx read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows, type Db } from '../../src/db/client.ts';
import { sendDueReminders } from '../../src/modules/surveys/surveys.tasks.ts';
import { call, testApp } from '../helpers/app.ts';
import { auditRows, createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';

const good = { q1: 5, q2: 2, q3: 4, q4: 4, q5: [0], q6: 5, q7: '很好' };

async function world() {
  const { app } = await testApp();
  const db = app.db as Db;
  const { province } = await createScene(db);
  const unitA = await createUnit(db, province.id, { name: `危化处${Math.random().toString(36).slice(2, 6)}` });
  const unitB = await createUnit(db, province.id, { name: `工贸处${Math.random().toString(36).slice(2, 6)}` });
  const oversight = await createUser(db, province.id, { roles: ['oversight'] });
  const headA = await createUser(db, province.id, { roles: ['unit_head'], unitId: unitA.id, scope: 'unit' });
  const leader = await createUser(db, province.id, { roles: ['leader'] });
  const phones = new Map<string, string>();
  const ents: string[] = [];
  const spec: [string, 'hazchem' | 'industry', string][] = [
    ['370102', 'hazchem', unitA.id],
    ['370202', 'industry', unitB.id],
  ];
  let i = 0;
  for (const [regionCode, sector, unitId] of spec)
    for (let k = 0; k < 12; k++) {
      const mobile = `139${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(i++).padStart(4, '0')}`;
      const e = await createEnterprise(db, province.id, {
        regionCode,
        sector,
        size: k % 3 === 0 ? 'large' : 'small',
        supervisingUnitId: unitId,
        contacts: [{ id: `c${i}`, name: '联系人', post: null, mobile, landline: null }],
      });
      phones.set(mobile, e.id);
      ents.push(e.id);
    }
  const entUser = await createUser(db, province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: ents[0] });
  return { app, db, province, unitA, unitB, oversight, headA, leader, phones, ents, entUser };
}
type W = Awaited<ReturnType<typeof world>>;

const post = (w: W, as: TestUser | null, url: string, payload: unknown) =>
  call(w.app, as, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (w: W, as: TestUser | null, url: string) => call(w.app, as, { method: 'GET', url });

/** The current year (Asia/Shanghai); surveys stay open until the end of the next year. */
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

async function openSurvey(w: W, year = YEAR) {
  const c = await post(w, w.oversight, '/api/surveys', { year, title: `${year}年度企业满意度调查`, closesOn: `${year + 1}-12-31` });
  assert.equal(c.statusCode, 201, c.body);
  let s = c.json();
  const d = await post(w, w.oversight, `/api/surveys/${s.id}/sample`, { version: s.version, total: 10, minimumPerStratum: 1, seed: 'seed-1' });
  assert.equal(d.statusCode, 200, d.body);
  s = d.json();
  const o = await post(w, w.oversight, `/api/surveys/${s.id}/open`, { version: s.version });
  assert.equal(o.statusCode, 200, o.body);
  return o.json();
}

/** The links in the SMS outbox of a survey's invitations/reminders: enterprise id → token (the newest). */
async function tokens(w: W, kind = 'survey_invitation') {
  const rows = await queryRows<{ to_phone: string; body: string }>(
    w.db,
    sql`SELECT to_phone, body FROM sms_outbox WHERE tenant_id = ${w.province.id} AND kind = ${kind} ORDER BY created_at, id`,
  );
  const out = new Map<string, string>();
  for (const r of rows) out.set(w.phones.get(r.to_phone)!, /\/s\/([A-Za-z0-9_-]{43})/.exec(r.body)![1]);
  return out;
}

test('R7.3 create and sample: only 机关党委; default template; sample shown before fixing and reproducible from the seed', async () => {
  const w = await world();
  assert.equal((await post(w, w.headA, '/api/surveys', { year: 2026, title: '调查', closesOn: '2027-01-31' })).statusCode, 403);
  const bad = await post(w, w.oversight, '/api/surveys', { year: 2026, title: '', closesOn: '2027-13-01' });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.title && bad.json().error.fields.closesOn);
  const c = await post(w, w.oversight, '/api/surveys', { year: 2026, title: '2026年度调查', closesOn: '2027-01-31' });
  assert.equal(c.statusCode, 201, c.body);
  const s = c.json();
  assert.equal(s.state, 'draft');
  assert.equal(s.questions.length, 7);
  assert.deepEqual(s.allowedActions, ['edit', 'draw_sample']);
  assert.equal((await post(w, w.oversight, '/api/surveys', { year: 2026, title: '重复', closesOn: '2027-01-31' })).statusCode, 400);

  // The questionnaire can be edited before the sample is fixed; a bad one is refused per field.
  const patch = (body: Record<string, unknown>) => call(w.app, w.oversight, { method: 'PATCH', url: `/api/surveys/${s.id}`, payload: body });
  const badQ = await patch({ version: 1, questions: [{ key: 'a', kind: 'single', text: '单选', options: ['只有一个'] }] });
  assert.equal(badQ.statusCode, 400);
  assert.ok(badQ.json().error.fields['questions.0.options']);
  const edited = await patch({ version: 1, questions: [...s.questions, { key: 'q8', kind: 'rating', text: '您对政策宣讲的满意程度', required: true }] });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().questions.length, 8);
  assert.equal((await patch({ version: 1, title: '旧版本' })).statusCode, 409, 'stale version');
  const d1 = await post(w, w.oversight, `/api/surveys/${s.id}/sample`, { version: edited.json().version, total: 10, minimumPerStratum: 1, seed: 'abc' });
  assert.equal(d1.statusCode, 200, d1.body);
  const v1 = d1.json();
  assert.equal(v1.state, 'sampled');
  assert.equal(v1.strata.length, 4, 'city × sector × size');
  assert.equal(v1.population, 24);
  assert.equal(v1.sampled, 10);
  assert.ok(v1.strata.every((x: { label: string }) => x.label.includes('济南市') || x.label.includes('青岛市')));
  const list1 = (await get(w, w.oversight, `/api/surveys/${s.id}/sample`))
    .json()
    .items.map((x: { enterpriseId: string }) => x.enterpriseId)
    .sort();
  // Stale version → 409 with the current survey; nothing changed.
  assert.equal((await post(w, w.oversight, `/api/surveys/${s.id}/sample`, { version: 1, total: 10, seed: 'abc' })).statusCode, 409);
  const d2 = await post(w, w.oversight, `/api/surveys/${s.id}/sample`, { version: v1.version, total: 10, minimumPerStratum: 1, seed: 'abc' });
  const list2 = (await get(w, w.oversight, `/api/surveys/${s.id}/sample`))
    .json()
    .items.map((x: { enterpriseId: string }) => x.enterpriseId)
    .sort();
  assert.deepEqual(list2, list1, 'the same seed draws the same sample');
  assert.equal(d2.json().sampleParams.seed, 'abc');
  // The sample list is 机关党委's alone.
  assert.equal((await get(w, w.headA, `/api/surveys/${s.id}/sample`)).statusCode, 403);
  const audits = await auditRows(w.db, w.province.id);
  assert.ok(audits.some((r) => r.action === 'survey.sample' && String(r.summary).includes('随机种子 abc')));
});

test('R7.3 links: SMS outbox and portal notice; GET records nothing; single use; forged and replaced links refused', async () => {
  const w = await world();
  const s = await openSurvey(w);
  assert.equal(s.state, 'open');
  assert.deepEqual(s.allowedActions, ['answer', 'remind', 'close']);
  // The sample is fixed: the questionnaire no longer changes.
  const late = await call(w.app, w.oversight, { method: 'PATCH', url: `/api/surveys/${s.id}`, payload: { version: s.version, title: '改名' } });
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().error.code, 'INVALID_TRANSITION');
  const t = await tokens(w);
  assert.equal(t.size, 10, 'one SMS per sampled enterprise');
  const links = await queryRows<{ token_hash: string | null }>(w.db, sql`SELECT token_hash FROM survey_sample WHERE survey_id = ${s.id}`);
  assert.ok(
    links.every((l) => l.token_hash && /^[0-9a-f]{64}$/.test(l.token_hash)),
    'only the sha256 is stored',
  );
  const [[entId, token]] = [...t];
  const before = (await auditRows(w.db, w.province.id)).length;
  const g = await get(w, null, `/api/public/surveys/${token}`);
  assert.equal(g.statusCode, 200, g.body);
  assert.equal(g.json().state, 'valid');
  assert.equal(g.json().questions.length, 7);
  assert.equal(g.headers['cache-control'], 'no-store');
  assert.equal((await auditRows(w.db, w.province.id)).length, before, 'GET records nothing');
  assert.equal((await get(w, w.oversight, `/api/surveys/${s.id}`)).json().responded, 0);
  // Bad answers: 400 per field, nothing recorded.
  const bad = await post(w, null, `/api/public/surveys/${token}`, { answers: { q1: 9 } });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields['answers.q1'] && bad.json().error.fields['answers.q3']);
  const ok = await post(w, null, `/api/public/surveys/${token}`, { answers: good });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await post(w, null, `/api/public/surveys/${token}`, { answers: good })).statusCode, 409, 'single use');
  assert.equal((await get(w, null, `/api/public/surveys/${token}`)).json().state, 'used');
  const forged = `${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`;
  assert.equal((await get(w, null, `/api/public/surveys/${forged}`)).statusCode, 404);
  assert.equal((await get(w, null, '/api/public/surveys/short')).statusCode, 404);
  const audits = await auditRows(w.db, w.province.id);
  const a = audits.find((r) => r.action === 'survey.answer_link');
  assert.ok(a && a.actor_id === null && a.actor_name === '满意度调查问卷链接');
  // The enterprise's portal account got the notice with the link (the first enterprise has one account).
  if (entId === w.ents[0]) {
    const n = await queryRows<{ body: string }>(w.db, sql`SELECT body FROM notifications WHERE user_id = ${w.entUser.id} AND type = 'survey_invitation'`);
    assert.equal(n.length, 1);
  }
  const n = await queryRows<{ c: number }>(
    w.db,
    sql`SELECT count(*)::int AS c FROM notifications WHERE tenant_id = ${w.province.id} AND type = 'survey_invitation'`,
  );
  const sampledFirst = (await get(w, w.oversight, `/api/surveys/${s.id}/sample`))
    .json()
    .items.some((x: { enterpriseId: string }) => x.enterpriseId === w.ents[0]);
  assert.equal(n[0].c, sampledFirst ? 1 : 0);

  // Reminders (scheduler): 9 non-respondents get a new link; the old one reads as unknown.
  const now = new Date(Date.now() + 6 * 86_400_000);
  const r = await sendDueReminders(w.db, { publicUrl: 'http://zqt.test', now, tenantIds: [w.province.id] });
  assert.equal(r.reminded, 9);
  assert.equal((await sendDueReminders(w.db, { publicUrl: 'http://zqt.test', now, tenantIds: [w.province.id] })).reminded, 0, 'once');
  const [[otherId, oldToken]] = [...t].filter(([id]) => id !== entId);
  assert.equal((await get(w, null, `/api/public/surveys/${oldToken}`)).statusCode, 404);
  const newToken = (await tokens(w, 'survey_reminder')).get(otherId)!;
  assert.equal((await get(w, null, `/api/public/surveys/${newToken}`)).json().state, 'valid');
  // Closed: the link refuses.
  const cur = (await get(w, w.oversight, `/api/surveys/${s.id}`)).json();
  assert.equal((await post(w, w.oversight, `/api/surveys/${s.id}/close`, { version: cur.version })).statusCode, 200);
  assert.equal((await get(w, null, `/api/public/surveys/${newToken}`)).json().state, 'closed');
  assert.equal((await post(w, null, `/api/public/surveys/${newToken}`, { answers: good })).statusCode, 409);
});

test('R7.3 face-to-face answers, response rate per stratum, weighted results; units see their own unit only (anonymity); xlsx', async () => {
  const w = await world();
  const s = await openSurvey(w);
  const sample = (await get(w, w.oversight, `/api/surveys/${s.id}/sample`)).json().items as { id: string; enterpriseId: string; stratum: string }[];
  const t = await tokens(w);
  // Two by link, one face to face.
  const [a, b, c] = sample;
  assert.equal((await post(w, null, `/api/public/surveys/${t.get(a.enterpriseId)}`, { answers: good })).statusCode, 200);
  assert.equal((await post(w, null, `/api/public/surveys/${t.get(b.enterpriseId)}`, { answers: { ...good, q1: 1, q3: 2 } })).statusCode, 200);
  assert.equal((await post(w, w.headA, `/api/surveys/${s.id}/sample/${c.id}/face-to-face`, { answers: good })).statusCode, 403);
  const f = await post(w, w.oversight, `/api/surveys/${s.id}/sample/${c.id}/face-to-face`, { answers: good });
  assert.equal(f.statusCode, 200, f.body);
  assert.equal((await post(w, w.oversight, `/api/surveys/${s.id}/sample/${c.id}/face-to-face`, { answers: good })).statusCode, 409);
  const v = f.json();
  assert.equal(v.responded, 3);
  assert.equal(
    v.strata.reduce((n: number, x: { responded: number }) => n + x.responded, 0),
    3,
  );
  assert.equal(
    v.strata.reduce((n: number, x: { faceToFace: number }) => n + x.faceToFace, 0),
    1,
  );
  const list = (await get(w, w.oversight, `/api/surveys/${s.id}/sample`)).json().items;
  assert.equal(list.find((x: { id: string }) => x.id === c.id).responseModeLabel, '面对面');

  const full = (await get(w, w.oversight, `/api/surveys/${s.id}/results`)).json();
  assert.equal(full.overall.n, 3);
  assert.equal(full.overall.questions[0].n, 3);
  assert.equal(full.responses.length, 3);
  assert.ok(full.responses.some((x: { modeLabel: string }) => x.modeLabel === '面对面'));
  assert.ok(full.byCity.length >= 1 && full.byStratum.length >= 1);
  // A unit head sees the overall figures and their own unit's, never who said what.
  const mine = (await get(w, w.headA, `/api/surveys/${s.id}/results`)).json();
  assert.equal(mine.responses, null);
  assert.ok(mine.byUnit.every((g: { key: string }) => g.key === w.unitA.id));
  assert.deepEqual(mine.byCity, []);
  assert.equal(JSON.stringify(mine).includes('测试企业'), false);
  // Leaders see every unit, but not who said what in an anonymous survey.
  const lead = (await get(w, w.leader, `/api/surveys/${s.id}/results`)).json();
  assert.equal(lead.responses, null);
  // The dashboard's survey panel reads the same weighted index, with n.
  const dash = (await get(w, w.oversight, `/api/dashboard?year=${YEAR}`)).json();
  assert.equal(dash.slots.survey.status, 'ok');
  assert.equal(dash.slots.survey.items[0].n, 3);
  assert.ok(Math.abs(dash.slots.survey.items[0].value - Math.round(full.overall.index * 10) / 10) < 1e-9);
  // Another tenant's user: 404.
  const other = await createUser(w.db, (await createScene(w.db)).province.id, { roles: ['oversight'] });
  assert.equal((await get(w, other, `/api/surveys/${s.id}/results`)).statusCode, 404);

  const x = await get(w, w.oversight, `/api/surveys/${s.id}/xlsx`);
  assert.equal(x.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((ws) => ws.name),
    ['分题结果', '各处室', '各市', '各层', '应答率', '答卷明细'],
  );
  const q1 = wb.getWorksheet('分题结果')!.getRow(3);
  assert.equal(q1.getCell(3).value, 3, 'n behind the figure');
  assert.ok(Math.abs(Number(q1.getCell(4).value) - full.overall.questions[0].mean) < 1e-9);
  assert.equal(wb.getWorksheet('答卷明细')!.rowCount, 4);
  const unitX = await get(w, w.headA, `/api/surveys/${s.id}/xlsx`);
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(unitX.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb2.getWorksheet('答卷明细'), undefined, 'units never get the answers one by one');
});

test('R7.3 exclusion of last year respondents; expiry of links at the end of the last day', async () => {
  const w = await world();
  const s25 = await openSurvey(w, YEAR - 1);
  const t = await tokens(w);
  const answered = [...t].slice(0, 5);
  for (const [, tok] of answered) assert.equal((await post(w, null, `/api/public/surveys/${tok}`, { answers: good })).statusCode, 200);
  const c = (await post(w, w.oversight, '/api/surveys', { year: YEAR, title: `${YEAR}年度`, closesOn: `${YEAR + 1}-01-31` })).json();
  const d = await post(w, w.oversight, `/api/surveys/${c.id}/sample`, {
    version: c.version,
    total: 24,
    minimumPerStratum: 0,
    seed: 'x',
    excludePrevious: true,
  });
  assert.equal(d.statusCode, 200, d.body);
  assert.equal(d.json().excludedCount, 5);
  assert.equal(d.json().sampled, 19);
  const ids = (await get(w, w.oversight, `/api/surveys/${c.id}/sample`)).json().items.map((x: { enterpriseId: string }) => x.enterpriseId);
  for (const [id] of answered) assert.equal(ids.includes(id), false);
  // Time passes: last year's survey's last day (here moved back to the last day of last year) is over; its links are expired.
  await w.db.execute(sql`UPDATE surveys SET closes_on = ${`${YEAR - 1}-12-31`} WHERE id = ${s25.id}`);
  const [, open] = [...t][6];
  assert.equal((await get(w, null, `/api/public/surveys/${open}`)).json().state, 'expired');
  assert.equal((await post(w, null, `/api/public/surveys/${open}`, { answers: good })).statusCode, 410);
});
