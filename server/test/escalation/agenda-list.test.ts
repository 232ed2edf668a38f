// R6.3 厅长办公会 agenda items across appeals (GET /api/escalation/agenda): filters by state and meeting
// date, open follow-up actions with their unit and deadline, scoped by what the caller may see.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealIn, call, world, type World, type TestUser } from '../appeals/helpers.ts';

const proposal = { title: '关于企业搬迁改造安全评价标准的议题', background: '标准不明确。', request: '提请研究明确适用标准。' };

async function decided(w: World) {
  const id = await appealIn(w, 'handling');
  const item = (await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/appeals/${id}/agenda-items`, payload: proposal })).json();
  const s = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/agenda-items/${item.id}/schedule`,
    payload: { version: 1, meetingDate: '2026-03-10' },
  });
  assert.equal(s.statusCode, 200, s.body);
  const d = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/agenda-items/${item.id}/decide`,
    payload: { version: 2, decision: '同意按新标准执行', actions: [{ description: '印发执行口径', unitId: w.co.id, dueDate: '2026-03-20' }] },
  });
  assert.equal(d.statusCode, 200, d.body);
  return { appealId: id, itemId: item.id };
}

async function list(w: World, as: TestUser, q = '') {
  const res = await call(w.app, as, { method: 'GET', url: `/api/escalation/agenda${q}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as {
    id: string;
    state: string;
    appealNumber: string;
    actions: { unitName: string; dueDate: string; dueAt: string; done: boolean }[];
  }[];
}

test('R6.3 agenda list: items across appeals with their follow-up actions; filters by state and meeting date', async () => {
  const w = await world();
  const a = await decided(w);
  const other = await appealIn(w, 'handling');
  const proposed = (await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/appeals/${other}/agenda-items`, payload: proposal })).json();

  const all = await list(w, w.users.intake);
  assert.deepEqual(all.map((x) => x.id).sort(), [a.itemId, proposed.id].sort());
  const d = all.find((x) => x.id === a.itemId)!;
  assert.equal(d.state, 'decided');
  assert.match(d.appealNumber, /\S/);
  assert.deepEqual(
    d.actions.map((x) => [x.unitName, x.dueDate, x.dueAt, x.done]),
    [[w.co.name, '2026-03-20', '2026-03-20T16:00:00.000Z', false]],
  );

  assert.deepEqual(
    (await list(w, w.users.intake, '?state=proposed')).map((x) => x.id),
    [proposed.id],
  );
  assert.deepEqual(
    (await list(w, w.users.intake, '?from=2026-03-01&to=2026-03-31')).map((x) => x.id),
    [a.itemId],
  );
  assert.deepEqual(await list(w, w.users.intake, '?from=2026-04-01'), []);
  const bad = await call(w.app, w.users.intake, { method: 'GET', url: '/api/escalation/agenda?from=2026-03-31&to=2026-03-01' });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.ok(bad.json().error.fields.to);
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: '/api/escalation/agenda?state=nope' })).statusCode, 400);
});

test('R6.3 agenda list: scoped by what the caller sees — the leader of the portfolio, the units of the appeal; not another portfolio, unit or tenant', async () => {
  const w = await world();
  const a = await decided(w);
  assert.deepEqual(
    (await list(w, w.users.leader)).map((x) => x.id),
    [a.itemId],
  );
  assert.deepEqual(
    (await list(w, w.users.leadStaff)).map((x) => x.id),
    [a.itemId],
  );
  assert.deepEqual(
    (await list(w, w.users.oversight)).map((x) => x.id),
    [a.itemId],
  );
  assert.deepEqual(await list(w, w.users.leaderElsewhere), []);
  assert.deepEqual(await list(w, w.users.otherHead), []);
  assert.deepEqual(await list(w, w.cityIntake), []);
});
