// Research (R2.1–R2.4, R7.1): the transition table walked exhaustively; R2.2 coverage counts against the
// registry with warnings; R2.3 joined with an inspection names it; R7.1 closure; R2.4 solutions with
// 成果运用 and the visit quota against the tenant setting; another tenant's task → 404. R2.4 R7.1 visits
// are field records of kind research (findings and follow-ups required), listed by contacts, counted
// in the quota with visits marked before field records, never twice.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { test } from 'node:test';
import { shanghaiDate } from '../../src/domain/calendar/index.ts';
import { RESEARCH_STATES, type ResearchState } from '../../../shared/research.ts';
import { coverage } from '../../src/domain/research/coverage.ts';
import { RESEARCH_ACTIONS, checkTransition, closureProblems, partiesOf, type ResearchAction } from '../../src/domain/research/transitions.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUnit, createUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';

const EXPECTED: Record<ResearchState, Partial<Record<ResearchAction, ResearchState | 'same'>>> = {
  planned: { edit: 'same', add_enterprises: 'same', start: 'in_progress' },
  in_progress: {
    edit: 'same',
    add_enterprises: 'same',
    record_visit: 'same',
    record_findings: 'same',
    add_solution: 'same',
    update_solution: 'same',
    close: 'closed',
  },
  closed: { update_solution: 'same' },
};

test('R2.1–R2.4 R7.1 research transitions: every state × action × party as expected', () => {
  for (const state of RESEARCH_STATES)
    for (const action of RESEARCH_ACTIONS) {
      const exp = EXPECTED[state][action];
      const c = checkTransition(state, action, ['organiser']);
      if (exp) assert.deepEqual(c, { ok: true, to: exp === 'same' ? state : exp }, `${state} ${action}`);
      else assert.equal(!c.ok && c.reason, 'state', `${state} ${action}`);
      const none = checkTransition(state, action, []);
      assert.equal(none.ok, false);
      if (exp) assert.equal(!none.ok && none.reason, 'party');
    }
  // R2.3 the unit concerned organises it; 政策法规处 for any.
  assert.deepEqual(partiesOf({ roles: ['unit_staff'], unitId: 'u' }, { unitId: 'u' }), ['organiser']);
  assert.deepEqual(partiesOf({ roles: ['unit_head'], unitId: 'x' }, { unitId: 'u' }), []);
  assert.deepEqual(partiesOf({ roles: ['coordinator'], unitId: 'x' }, { unitId: 'u' }), ['organiser']);
  assert.deepEqual(partiesOf({ roles: ['intake', 'oversight', 'leader'], unitId: null }, { unitId: 'u' }), []);
});

test('R2.2 coverage: counts and shares beside the registry, warnings for missing private, small/micro, struggling', () => {
  const registry = [
    { dim: 'sector', key: 'hazchem', n: 6 },
    { dim: 'sector', key: 'mining', n: 4 },
    { dim: 'size', key: 'large', n: 5 },
    { dim: 'size', key: 'small', n: 3 },
    { dim: 'size', key: 'micro', n: 2 },
    { dim: 'ownership', key: 'state', n: 4 },
    { dim: 'ownership', key: 'private', n: 6 },
    { dim: 'struggling', key: 'true', n: 1 },
    { dim: 'struggling', key: 'false', n: 9 },
  ];
  const c = coverage([{ sector: 'hazchem', size: 'large', ownership: 'state', struggling: false }], registry);
  assert.equal(c.registry, 10);
  const hz = c.lines.find((l) => l.key === 'hazchem')!;
  assert.deepEqual([hz.chosen, hz.chosenShare, hz.registry, hz.registryShare], [1, 1, 6, 0.6]);
  assert.equal(c.lines.find((l) => l.dimension === 'small_micro')!.registry, 5);
  assert.equal(c.warnings.length, 3);
  assert.match(c.warnings.join(), /民营企业.*小微企业.*困难企业/);
  const full = coverage([{ sector: 'mining', size: 'micro', ownership: 'private', struggling: true }], registry);
  assert.deepEqual(full.warnings, []);
  assert.deepEqual(coverage([], registry).warnings, [], 'nothing chosen yet: no warning');
  // R7.1 closure rule.
  assert.ok(closureProblems({ findings: null, noSolutionReason: null }, 0).findings);
  assert.ok(closureProblems({ findings: '发现', noSolutionReason: null }, 0).solutions);
  assert.deepEqual(closureProblems({ findings: '发现', noSolutionReason: '已有政策覆盖' }, 0), {});
  assert.deepEqual(closureProblems({ findings: '发现', noSolutionReason: null }, 1), {});
});

async function world() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city, unit } = await createScene(db);
  const enforcement = await createUnit(db, province.id, { kind: 'enforcement' });
  const staff = await createUser(db, province.id, { roles: ['unit_staff'], unitId: unit.id, scope: 'unit' });
  const other = await createUser(db, province.id, { roles: ['unit_staff'], unitId: enforcement.id, scope: 'unit' });
  const oversight = await createUser(db, province.id, { roles: ['oversight'], scope: 'tenant' });
  const cityStaff = await createUser(db, city.id, { roles: ['coordinator'], scope: 'tenant' });
  const big = await createEnterprise(db, province.id, { name: '鲁中国有化工集团', ownership: 'state', size: 'large' });
  const small = await createEnterprise(db, province.id, { name: '临沂小微五金厂', ownership: 'private', size: 'small', struggling: true, sector: 'industry' });
  return { app, db, province, unit, enforcement, staff, other, oversight, cityStaff, big, small };
}

test('R2.1–R2.4 R7.1 a task through the API: coverage, R2.3 inspection, visits (linked back from their records), solutions with 成果运用, closure, quota, 404 elsewhere', async () => {
  const w = await world();
  const today = shanghaiDate(new Date()); // the business day (Asia/Shanghai), not UTC's
  const body = {
    topic: 'safety_gaps',
    title: '危化企业安全生产短板专题调研',
    unitId: w.unit.id,
    form: 'thematic',
    periodFrom: today,
    periodTo: today,
    enterpriseIds: [w.big.id],
  };
  // R2.3 joined with an inspection must name it.
  const noRef = await call(w.app, w.staff, { method: 'POST', url: '/api/research', payload: { ...body, form: 'with_inspection' } });
  assert.equal(noRef.statusCode, 400);
  assert.match(noRef.json().error.fields.inspectionRef, /R2\.3/);
  // Another unit's staff cannot organise it for this unit.
  assert.equal((await call(w.app, w.other, { method: 'POST', url: '/api/research', payload: body })).statusCode, 403);
  const created = await call(w.app, w.staff, { method: 'POST', url: '/api/research', payload: body });
  assert.equal(created.statusCode, 201, created.body);
  let t = created.json();
  // R2.2 coverage counted against the registry (the scene's tenant has the default enterprise too).
  assert.equal(t.coverage.chosen, 1);
  assert.ok(t.coverage.registry >= 2);
  assert.ok(t.coverage.warnings.some((x: string) => x.includes('民营企业')));
  const preview = await call(w.app, w.staff, { method: 'GET', url: `/api/research/coverage?enterpriseIds=${w.big.id},${w.small.id}` });
  assert.equal(preview.statusCode, 200);
  assert.deepEqual(preview.json().warnings, []);
  const url = `/api/research/${t.id}`;
  const post = async (path: string, payload: Record<string, unknown>, status = 200) => {
    const res = await call(w.app, w.staff, { method: path.endsWith('findings') ? 'PUT' : 'POST', url: `${url}${path}`, payload });
    assert.equal(res.statusCode, status, `${path}: ${res.body}`);
    return res.json();
  };
  t = await post('/enterprises', { enterpriseIds: [w.small.id] });
  assert.deepEqual(t.coverage.warnings, []);
  const visit = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
    enterpriseId,
    visitedOn: today,
    form: 'on_site',
    difficulties: '座谈了解经营困难',
    findings: '安全投入不足',
    followUps: [{ description: '研究补助政策', ownerUserId: w.staff.id, dueOn: today }],
    ...extra,
  });
  // Visits only once started.
  await post('/visits', visit(w.small.id), 409);
  t = await post('/transition', { action: 'start', version: t.version });
  // R7.1 a visit without findings or follow-ups → 400 naming the rule; nothing recorded.
  const bare = await call(w.app, w.staff, { method: 'POST', url: `${url}/visits`, payload: visit(w.small.id, { findings: '', followUps: [] }) });
  assert.equal(bare.statusCode, 400);
  assert.match(bare.json().error.fields.findings, /R7\.1/);
  assert.match(bare.json().error.fields.followUps, /R7\.1/);
  t = await post('/visits', visit(w.small.id));
  t = await post('/visits', visit(w.big.id));
  // Once per enterprise of the task.
  await post('/visits', visit(w.big.id), 409);
  // R2.4 each visit is a field record of kind research, for the organising unit, listed by contacts.
  assert.equal(t.visits.length, 2);
  const small = t.enterprises.find((e: { enterpriseId: string }) => e.enterpriseId === w.small.id);
  assert.equal(small.status, 'visited');
  assert.ok(small.fieldRecordId);
  const records = (await call(w.app, w.staff, { method: 'GET', url: '/api/field-records?kind=research' })).json().items;
  const rec = records.find((r: { id: string }) => r.id === small.fieldRecordId);
  assert.ok(rec, 'the visit is in the contacts record list');
  assert.deepEqual([rec.kind, rec.unitId, rec.enterpriseId, rec.findings, rec.followUps.length], ['research', w.unit.id, w.small.id, '安全投入不足', 1]);
  assert.equal(records.filter((r: { enterpriseId: string }) => r.enterpriseId === w.small.id || r.enterpriseId === w.big.id).length, 2);
  // R2.4 the record links back to its task; another tenant's staff and a record of no task get null.
  const of = async (user: typeof w.staff, recordId: string) =>
    (await call(w.app, user, { method: 'GET', url: `/api/research/of-record?recordId=${recordId}` })).json();
  assert.deepEqual((await of(w.staff, small.fieldRecordId)).task, { id: t.id, title: t.title, state: 'in_progress' });
  assert.equal((await of(w.cityStaff, small.fieldRecordId)).task, null);
  assert.equal((await of(w.staff, '00000000-0000-4000-8000-000000000000')).task, null);
  assert.equal((await call(w.app, w.staff, { method: 'GET', url: '/api/research/of-record?recordId=not-a-uuid' })).statusCode, 400);
  // Another tenant cannot record a visit on it.
  assert.equal((await call(w.app, w.cityStaff, { method: 'POST', url: `${url}/visits`, payload: visit(w.small.id) })).statusCode, 404);
  // R7.1 closing without findings or solutions → 400 naming the rule, nothing changes.
  const early = await call(w.app, w.staff, { method: 'POST', url: `${url}/transition`, payload: { action: 'close', version: t.version } });
  assert.equal(early.statusCode, 400);
  assert.match(early.json().error.fields.findings, /R7\.1/);
  assert.match(early.json().error.fields.solutions, /R7\.1/);
  t = await post('/findings', { version: t.version, findings: '小微企业安全投入不足', goodPractice: '园区统一聘请安全托管服务' });
  t = await post('/solutions', { description: '推广园区安全托管服务', ownerUnitId: w.unit.id, dueDate: today });
  // 成果运用 needs evidence.
  const s = t.solutions[0];
  await post('/solutions/update', { solutionId: s.id, version: s.version, status: 'done', useKind: 'measure' }, 400);
  t = await post('/transition', { action: 'close', version: t.version });
  assert.equal(t.state, 'closed');
  t = await post('/solutions/update', { solutionId: s.id, version: s.version, status: 'done', useKind: 'policy', useEvidence: '鲁应急字〔2026〕12号' });
  assert.equal(t.solutions[0].useKind, 'policy');
  // R2.4 quota: the 2 research field records of the organising unit this year, the enforcement unit none.
  const quota = async () => {
    const q = (await call(w.app, w.oversight, { method: 'GET', url: '/api/research/quota' })).json();
    const find = (id: string) => q.units.find((u: { unitId: string }) => u.unitId === id);
    return { q, mine: find(w.unit.id), enf: find(w.enforcement.id) };
  };
  let { q, mine, enf } = await quota();
  assert.equal(q.required, 2);
  assert.deepEqual([mine.visits, mine.met], [2, true]);
  assert.deepEqual([enf.visits, enf.met], [0, false]);
  // A visit marked the old way (before field records) still counts, once; a field record counts once.
  const old = await call(w.app, w.other, {
    method: 'POST',
    url: '/api/research',
    payload: { ...body, unitId: w.enforcement.id, title: '旧方式登记的调研', enterpriseIds: [w.big.id] },
  });
  assert.equal(old.statusCode, 201, old.body);
  await w.db.execute(sql`UPDATE research_task_enterprises SET status = 'visited', visited_at = now(), visit_note = '旧记录' WHERE task_id = ${old.json().id}`);
  ({ mine, enf } = await quota());
  assert.deepEqual([mine.visits, enf.visits], [2, 1]);
  // R2.4 an archived unit owes no visits: out of the quota (and a business unit that is active, in it).
  const gone = await createUnit(w.db, w.province.id, { name: `撤销处室${crypto.randomUUID().slice(0, 6)}`, kind: 'business' });
  assert.ok((await quota()).q.units.some((u: { unitId: string }) => u.unitId === gone.id));
  await w.db.execute(sql`UPDATE units SET archived = true WHERE id = ${gone.id}`);
  assert.ok(!(await quota()).q.units.some((u: { unitId: string }) => u.unitId === gone.id));
  // Another tenant → 404.
  assert.equal((await call(w.app, w.cityStaff, { method: 'GET', url })).statusCode, 404);
  const audits = (await auditRows(w.db, w.province.id)).map((r) => r.action);
  for (const a of ['research.create', 'research.visit', 'research.close', 'research.solution.update']) assert.ok(audits.includes(a), a);
});
