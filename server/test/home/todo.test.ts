// Issue 17: the home page's to-do panel (GET /api/home/todo) and the workbench list's new parameters
// (due=today|soon, approval, sort/order over whitelisted columns, quick search by number, the queue's
// order). Counts per role, in each role's data scope, equal to the list the count opens.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { appealClock, slaSweep } from '../../src/modules/appeals/index.ts';
import { createUser } from '../helpers/factory.ts';
import { call, createAppeal, ok, world, type TestUser, type World } from '../appeals/helpers.ts';

const real = appealClock.now;
afterEach(() => {
  appealClock.now = real;
});
const at = (s: string) => {
  appealClock.now = () => new Date(s);
};

type Item = { key: string; count: number; query: Record<string, string> | null; month: string | null };

async function todo(w: World, u: TestUser): Promise<Item[]> {
  const res = await call(w.app, u, { method: 'GET', url: '/api/home/todo' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

const counts = (items: Item[]) => Object.fromEntries(items.map((i) => [i.key, i.count]));

/** The workbench's list for an item's query (open appeals on every view but 全部诉求), as the web opens it. */
async function listTotal(w: World, u: TestUser, query: Record<string, string>) {
  const q = new URLSearchParams({ ...query, ...(query.view && query.view !== 'all' ? { open: 'true' } : {}), pageSize: '100' });
  const res = await call(w.app, u, { method: 'GET', url: `/api/appeals?${q}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { total: number; items: { id: string; number: string }[] };
}

/**
 * Mon 2026-11-02 09:00: A waits in the queue; B dispatched to the lead unit, C to the other unit (not
 * accepted); D and E accepted and contacted by the lead unit (E with an extension request pending);
 * F replied; G accepted and contacted by the other unit. Tue 10:00: the 2-hour contact clock of A, B
 * and C has run out (R6.2); the 1-working-day opinion of D, E and G ends at 24:00 today.
 */
async function scene() {
  const w = await world();
  at('2026-11-02T09:00:00+08:00');
  const A = await createAppeal(w, { title: '待派单的诉求' });
  const B = await createAppeal(w, { title: '派给主办处室未签收', dispatch: { leadUnitId: w.lead.id } });
  const C = await createAppeal(w, { title: '派给其他处室未签收', dispatch: { leadUnitId: w.other.id } });
  const handled = async (title: string, unitStaff: TestUser, unitId: string) => {
    const a = await createAppeal(w, { title, dispatch: { leadUnitId: unitId } });
    await ok(w, unitStaff, a.id, 'accept');
    await ok(w, unitStaff, a.id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系企业' });
    return a;
  };
  const D = await handled('主办处室办理中', w.users.leadStaff, w.lead.id);
  const E = await handled('主办处室申请延期', w.users.leadStaff, w.lead.id);
  await ok(w, w.users.leadStaff, E.id, 'extension', { workdays: 3, reason: '需现场核查' });
  const F = await handled('已答复待评价', w.users.leadStaff, w.lead.id);
  await ok(w, w.users.leadStaff, F.id, 'opinion', { text: '初步意见' });
  await ok(w, w.users.leadStaff, F.id, 'result', { kind: 'solved', text: '已解决' });
  await ok(w, w.users.leadStaff, F.id, 'reply', { text: '已答复企业' });
  const G = await handled('其他处室办理中', w.users.otherStaff, w.other.id);
  at('2026-11-03T10:00:00+08:00');
  return { w, A, B, C, D, E, F, G };
}

test('R6.2 R3.2 to-do counts per role, each within its data scope; a unit never counts another unit’s appeals', async () => {
  const { w, A, B, C, D, E, F, G } = await scene();
  const sysadmin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], unitId: null, scope: 'tenant' });
  const expected: [string, TestUser, Record<string, number>][] = [
    ['intake', w.users.intake, { dispatch: 1, due_today: 3, overdue: 3, evaluate: 1 }],
    ['coordinator', w.users.coordinator, { dispatch: 1, due_today: 3, overdue: 3, approval: 0 }],
    ['oversight', w.users.oversight, { due_today: 3, overdue: 3 }],
    ['lead unit staff', w.users.leadStaff, { accept: 1, due_today: 2, overdue: 1, leader_report: 0, instruction: 0 }],
    ['lead unit head', w.users.leadHead, { accept: 1, due_today: 2, overdue: 1, approval: 1, leader_report: 0, instruction: 0 }],
    ['other unit staff', w.users.otherStaff, { accept: 1, due_today: 1, overdue: 1, leader_report: 0, instruction: 0 }],
    ['leader of the lead unit', w.users.leader, { due_today: 2, overdue: 1 }],
    ['sysadmin', sysadmin, {}],
    ['intake of a city bureau', w.cityIntake, { dispatch: 0, due_today: 0, overdue: 0, evaluate: 0 }],
  ];
  for (const [who, u, want] of expected) {
    const items = await todo(w, u);
    assert.deepEqual(counts(items), want, who);
    // Each count opens a list that shows exactly those appeals.
    for (const i of items) if (i.query) assert.equal((await listTotal(w, u, i.query)).total, i.count, `${who} ${i.key} = its list`);
  }

  const ids = async (u: TestUser, key: string) => {
    const item = (await todo(w, u)).find((i) => i.key === key)!;
    return (await listTotal(w, u, item.query!)).items.map((a) => a.id).sort();
  };
  assert.deepEqual(await ids(w.users.leadStaff, 'accept'), [B.id]);
  assert.deepEqual(await ids(w.users.otherStaff, 'accept'), [C.id], 'the other unit sees only its own');
  assert.deepEqual(await ids(w.users.leadStaff, 'overdue'), [B.id]);
  assert.deepEqual(await ids(w.users.otherStaff, 'due_today'), [G.id]);
  assert.deepEqual(await ids(w.users.leadHead, 'approval'), [E.id]);
  assert.deepEqual(await ids(w.users.intake, 'overdue'), [A.id, B.id, C.id].sort());
  assert.deepEqual(await ids(w.users.intake, 'due_today'), [D.id, E.id, G.id].sort());
  assert.deepEqual(await ids(w.users.intake, 'evaluate'), [F.id]);
  // The other unit's head decides nothing of the lead unit's.
  assert.equal((await listTotal(w, w.users.otherHead, { view: 'lead', approval: 'true' })).total, 0);

  // An enterprise account is no staff: refused.
  const res = await call(w.app, null, { method: 'GET', url: '/api/home/todo' });
  assert.equal(res.statusCode, 401);
});

test('R6.2 an extension over the threshold waits for the coordinator after the unit head: 待审批 moves with it', async () => {
  const { w, E } = await scene();
  const bigAt = '2026-11-03T10:30:00+08:00';
  at(bigAt);
  const detail = await ok(w, w.users.leadStaff, (await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } })).id, 'accept');
  const big = await ok(w, w.users.leadStaff, detail.id, 'extension', { workdays: 30, reason: '涉及多部门协调' });
  const pending = big.requests.find((r: { status: string }) => r.status === 'pending');
  assert.equal(counts(await todo(w, w.users.leadHead)).approval, 2);
  await ok(w, w.users.leadHead, detail.id, 'decide', { requestId: pending.id, approve: true });
  assert.equal(counts(await todo(w, w.users.leadHead)).approval, 1, 'only E left for the head');
  assert.equal(counts(await todo(w, w.users.coordinator)).approval, 1, 'forwarded to the coordinator');
  const list = await listTotal(w, w.users.coordinator, { view: 'all', approval: 'true' });
  assert.deepEqual(
    list.items.map((a) => a.id),
    [detail.id],
  );
  assert.notEqual(detail.id, E.id);
});

test('R6.5 待报送: the unit’s rows of the month not yet confirmed, from the 20th, and last month’s until its report is registered; another unit’s rows are not counted', async () => {
  const w = await world();
  at('2026-11-18T09:00:00+08:00');
  const a = await createAppeal(w, { channel: 'provincial_leader', dispatch: { leadUnitId: w.lead.id } });
  await createAppeal(w, { channel: 'provincial_leader', dispatch: { leadUnitId: w.other.id } });
  assert.equal(counts(await todo(w, w.users.leadStaff)).leader_report, 0, 'before the 20th nothing is to be written');
  at('2026-11-20T09:00:00+08:00');
  const item = (await todo(w, w.users.leadStaff)).find((i) => i.key === 'leader_report')!;
  assert.deepEqual([item.count, item.month], [1, '2026-11']);
  assert.equal(counts(await todo(w, w.users.otherStaff)).leader_report, 1);
  assert.equal(counts(await todo(w, w.users.coStaff)).leader_report, 0);
  assert.equal(counts(await todo(w, w.users.intake)).leader_report, undefined, '办公室 writes no rows');
  const res = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: '/api/leader-reports/rows',
    payload: { month: '2026-11', appealId: a.id, progress: '已协调解决', confirm: true },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(counts(await todo(w, w.users.leadStaff)).leader_report, 0);
  assert.equal(counts(await todo(w, w.users.otherStaff)).leader_report, 1);

  // Issue 17: in the first days of December November's unconfirmed row is still to be written …
  at('2026-12-02T09:00:00+08:00');
  const still = (await todo(w, w.users.otherStaff)).find((i) => i.key === 'leader_report')!;
  assert.deepEqual([still.count, still.month], [1, '2026-11']);
  // … until 办公室 registers November's submission.
  const sub = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/leader-reports/submissions',
    payload: { month: '2026-11', submittedOn: '2026-12-02' },
  });
  assert.equal(sub.statusCode, 200, sub.body);
  const after = (await todo(w, w.users.otherStaff)).find((i) => i.key === 'leader_report')!;
  assert.deepEqual([after.count, after.month], [0, '2026-12']);
});

test('R6.2 due=soon lists the appeals whose milestone entered its due-soon window; due=today ends at 24:00 Asia/Shanghai', async () => {
  const w = await world();
  at('2026-11-02T09:00:00+08:00');
  const early = await createAppeal(w, { title: '九点受理' });
  at('2026-11-02T09:50:00+08:00');
  const later = await createAppeal(w, { title: '九点五十受理' });
  // 10:40: the contact deadline of `early` (11:00) is 20 minutes away (threshold 30 minutes).
  const now = new Date('2026-11-02T10:40:00+08:00');
  at(now.toISOString());
  await slaSweep(w.db, now, { tenantIds: [w.province.id], skipCloseUnevaluated: true });
  const soon = await listTotal(w, w.users.intake, { view: 'queue', due: 'soon' });
  assert.deepEqual(
    soon.items.map((a) => a.id),
    [early.id],
  );
  const today = await listTotal(w, w.users.intake, { view: 'queue', due: 'today' });
  assert.equal(today.total, 2, 'both contact deadlines end today');
  at('2026-11-02T11:10:00+08:00');
  assert.deepEqual(
    (await listTotal(w, w.users.intake, { view: 'queue', due: 'soon' })).items.map((a) => a.id),
    [],
    'overdue is no longer due soon',
  );
  assert.deepEqual(
    (await listTotal(w, w.users.intake, { view: 'queue', due: 'today' })).items.map((a) => a.id),
    [later.id],
  );
  const bad = await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?due=tomorrow' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.fields.due, /今日到期/);
});

test('R6.2 the queue puts what can still be done in time first: a new appeal is not behind the overdue ones', async () => {
  const w = await world();
  const old: string[] = [];
  for (let i = 0; i < 3; i++) {
    at(`2026-11-02T09:0${i}:00+08:00`);
    old.push((await createAppeal(w, { title: `早先的诉求${i}` })).id);
  }
  at('2026-11-02T15:00:00+08:00');
  const fresh = await createAppeal(w, { title: '新受理的诉求' });
  const hazard = await createAppeal(w, { title: '安全隐患', isSafetyHazard: true });
  at('2026-11-02T15:30:00+08:00');
  const page = await listTotal(w, w.users.intake, { view: 'queue' });
  assert.deepEqual(
    page.items.map((a) => a.id),
    [hazard.id, fresh.id, ...old.reverse()],
    'hazard first, then in time by deadline, then overdue newest first',
  );
});

test('sorting over whitelisted columns (received, due, number) both ways, and quick search by the appeal number', async () => {
  const w = await world();
  const made: { id: string; number: string }[] = [];
  for (let i = 0; i < 3; i++) {
    at(`2026-11-0${2 + i}T09:00:00+08:00`);
    made.push(await createAppeal(w, { title: `排序诉求${i}` }));
  }
  at('2026-11-05T10:00:00+08:00');
  const order = async (q: Record<string, string>) => (await listTotal(w, w.users.intake, { view: 'all', ...q })).items.map((a) => a.id);
  const ids = made.map((a) => a.id);
  assert.deepEqual(await order({ sort: 'received' }), [...ids].reverse());
  assert.deepEqual(await order({ sort: 'received', order: 'asc' }), ids);
  assert.deepEqual(await order({ sort: 'number', order: 'asc' }), ids);
  assert.deepEqual(await order({ sort: 'number' }), [...ids].reverse());
  assert.deepEqual(await order({ sort: 'due' }), ids, 'the nearest deadline first');
  assert.deepEqual(await order({ sort: 'due', order: 'desc' }), [...ids].reverse());
  for (const [k, v, field] of [
    ['sort', 'title', 'sort'],
    ['order', 'up', 'order'],
  ]) {
    const res = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals?${k}=${v}` });
    assert.equal(res.statusCode, 400, `${k}=${v}`);
    assert.match(res.json().error.fields[field], /排序/);
  }
  // Quick search: the whole number, or its serial part.
  const target = made[1];
  assert.deepEqual(await order({ q: target.number }), [target.id]);
  assert.deepEqual(await order({ q: target.number.slice(-6) }), [target.id]);
  assert.deepEqual(await order({ q: target.number.toLowerCase() }), [target.id]);
});
