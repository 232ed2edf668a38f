// Data scope and privacy: tenant and unit isolation (404 like a missing id), co-handling units,
// leaders' portfolios, oversight read-only (R7.2), confidential appeals mask the person's identity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealIn, act, call, createAppeal, ok, world } from './helpers.ts';

test("tenant isolation: another tenant's appeal answers 404 exactly like a missing one, and never appears in lists", async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const fromCity = await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${id}` });
  const missing = await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${crypto.randomUUID()}` });
  assert.equal(fromCity.statusCode, 404);
  const strip = (b: string) => {
    const { requestId: _r, ...rest } = JSON.parse(b);
    return rest;
  };
  assert.deepEqual(strip(fromCity.body), strip(missing.body));
  const list = (await call(w.app, w.cityIntake, { method: 'GET', url: '/api/appeals' })).json();
  assert.ok(!list.items.some((x: { id: string }) => x.id === id));
});

test('unit scope: lead and co-handling units see the appeal; another unit gets 404 and an empty workbench', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 200);
  assert.equal((await call(w.app, w.users.coStaff, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 200);
  assert.equal((await call(w.app, w.users.otherStaff, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 404);
  assert.equal(
    (await call(w.app, w.users.otherHead, { method: 'POST', url: `/api/appeals/${id}/flags`, payload: { version: 1, isMajor: true } })).statusCode,
    404,
  );
  const lead = (await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/appeals?view=lead&open=true' })).json();
  assert.deepEqual(
    lead.items.map((x: { id: string }) => x.id),
    [id],
  );
  const co = (await call(w.app, w.users.coStaff, { method: 'GET', url: '/api/appeals?view=co' })).json();
  assert.deepEqual(
    co.items.map((x: { id: string }) => x.id),
    [id],
  );
  const other = (await call(w.app, w.users.otherStaff, { method: 'GET', url: '/api/appeals' })).json();
  assert.equal(other.items.length, 0);
  // The co-handling unit submits its part but cannot act as the lead.
  assert.equal((await act(w, w.users.coStaff, id, 'contact', { method: 'phone', withWhom: '王', note: 'x' })).statusCode, 403);
});

test('R7.2 oversight (机关党委) reads every appeal with its timeline and may not change anything', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const d = await call(w.app, w.users.oversight, { method: 'GET', url: `/api/appeals/${id}` });
  assert.equal(d.statusCode, 200);
  assert.ok(d.json().events.length >= 3);
  assert.deepEqual(d.json().allowedActions, []);
  for (const path of ['accept', 'contact', 'urge', 'evaluate', 'dispatch', 'flags']) {
    const r = await act(w, w.users.oversight, id, path, {});
    assert.equal(r.statusCode, 403, path);
  }
  assert.equal((await call(w.app, w.users.oversight, { method: 'POST', url: '/api/appeals', payload: {} })).statusCode, 403);
});

test('confidential appeals hide the contact person and phone from handling units and leaders, not from intake or oversight', async () => {
  const w = await world();
  const a = await createAppeal(w, {
    isConfidential: true,
    category: 'complaint',
    contactName: '举报人张三',
    contactPhone: '13912345678',
    dispatch: { leadUnitId: w.lead.id },
  });
  assert.equal(a.contactName, '举报人张三');
  const asUnit = (await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${a.id}` })).json();
  assert.equal(asUnit.identityHidden, true);
  assert.equal(asUnit.contactName, '（保密）');
  assert.equal(asUnit.contactPhone, '（保密）');
  assert.ok(!JSON.stringify(asUnit).includes('13912345678'));
  assert.ok(!JSON.stringify(asUnit).includes('举报人张三'));
  const asLeader = (await call(w.app, w.users.leader, { method: 'GET', url: `/api/appeals/${a.id}` })).json();
  assert.equal(asLeader.contactPhone, '（保密）');
  const asOversight = (await call(w.app, w.users.oversight, { method: 'GET', url: `/api/appeals/${a.id}` })).json();
  assert.equal(asOversight.contactPhone, '13912345678');
  // The contact record's person is hidden too.
  await ok(w, w.users.leadStaff, a.id, 'accept');
  const after = await ok(w, w.users.leadStaff, a.id, 'contact', { method: 'phone', withWhom: '举报人张三', note: '已核实' });
  assert.ok(!JSON.stringify(after).includes('举报人张三'));
  // Lists never carry the identity at all.
  const list = (await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/appeals' })).json();
  assert.ok(!JSON.stringify(list).includes('13912345678'));
});

test('leaders see their portfolio only; intake sees the whole tenant and its queue', async () => {
  const w = await world();
  const mine = await appealIn(w, 'handling');
  const queued = await appealIn(w, 'received');
  const l = (await call(w.app, w.users.leader, { method: 'GET', url: '/api/appeals' })).json();
  assert.deepEqual(
    l.items.map((x: { id: string }) => x.id),
    [mine],
  );
  assert.equal((await call(w.app, w.users.leaderElsewhere, { method: 'GET', url: `/api/appeals/${mine}` })).statusCode, 404);
  const q = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?view=queue' })).json();
  assert.deepEqual(
    q.items.map((x: { id: string }) => x.id),
    [queued],
  );
  const all = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals' })).json();
  assert.equal(all.total, 2);
});
