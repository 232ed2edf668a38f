// Versions, the accept race and intake idempotency.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { appealIn, baseAppeal, call, current, world } from './helpers.ts';

test('every update carries the version it read: stale → 409 VERSION_CONFLICT with the current state', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const d = await current(w, id);
  const first = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: `/api/appeals/${id}/contact`,
    payload: { version: d.version, method: 'phone', withWhom: '王', note: '联系' },
  });
  assert.equal(first.statusCode, 200);
  const stale = await call(w.app, w.users.leadStaff2, { method: 'POST', url: `/api/appeals/${id}/opinion`, payload: { version: d.version, text: '意见' } });
  assert.equal(stale.statusCode, 409);
  const err = stale.json().error;
  assert.equal(err.code, 'VERSION_CONFLICT');
  assert.equal(err.details.current.version, d.version + 1);
  assert.equal(err.details.current.state, 'handling');
  assert.ok(err.details.current.milestones.contact.doneAt);
  assert.match(err.message, /已被他人更新/);
});

test('two users accepting the same appeal at once: exactly one wins (Promise.all)', async () => {
  const w = await world();
  for (let round = 0; round < 3; round++) {
    const id = await appealIn(w, 'dispatched');
    const { version } = await current(w, id);
    const results = await Promise.all(
      [w.users.leadStaff, w.users.leadStaff2, w.users.leadHead].map((u) =>
        call(w.app, u, { method: 'POST', url: `/api/appeals/${id}/accept`, payload: { version } }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 409, 409], results.map((r) => r.body).join('\n'));
    const d = await current(w, id);
    assert.equal(d.events.filter((e: { type: string }) => e.type === 'accept').length, 1);
    assert.equal(d.version, version + 1);
  }
});

test('intake Idempotency-Key: a repeat answers the same status and body and creates one appeal; another body → 422', async () => {
  const w = await world();
  const post = (payload: Record<string, unknown>, key: string) =>
    call(w.app, w.users.intake, { method: 'POST', url: '/api/appeals', payload, headers: { 'idempotency-key': key } });
  const body = baseAppeal({ title: '幂等测试' });
  const a = await post(body, 'k-1');
  const b = await post(body, 'k-1');
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.deepEqual(b.json(), a.json());
  assert.equal(b.headers['idempotent-replayed'], 'true');
  const other = await post(baseAppeal({ title: '另一件' }), 'k-1');
  assert.equal(other.statusCode, 422);
  assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
  // Concurrent repeats of a new key: still one appeal.
  const same = baseAppeal({ title: '并发幂等' });
  const many = await Promise.all([1, 2, 3, 4].map(() => post(same, 'k-2')));
  assert.deepEqual(
    many.map((r) => r.statusCode),
    [201, 201, 201, 201],
  );
  assert.equal(new Set(many.map((r) => r.json().id)).size, 1);
  const [{ n }] = (
    (await w.db.execute(sql`SELECT count(*)::int AS n FROM appeals WHERE tenant_id = ${w.province.id} AND title IN ('幂等测试', '并发幂等')`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  assert.equal(n, 2);
  // Keys are per user: another intake user with the same key creates its own.
  const { createUser } = await import('../helpers/factory.ts');
  const intake2 = await createUser(w.db, w.province.id, { roles: ['intake'], scope: 'tenant', unitId: w.intakeUnit.id });
  const c = await call(w.app, intake2, { method: 'POST', url: '/api/appeals', payload: body, headers: { 'idempotency-key': 'k-1' } });
  assert.equal(c.statusCode, 201);
  assert.notEqual(c.json().id, a.json().id);
});

test('intake Idempotency-Key: a repeat of a request that was valid answers its stored response even after its unit was archived; a new key is refused', async () => {
  const w = await world();
  const post = (payload: Record<string, unknown>, key: string) =>
    call(w.app, w.users.intake, { method: 'POST', url: '/api/appeals', payload, headers: { 'idempotency-key': key } });
  // A dispatch at intake to a unit archived since: the repeat still answers the stored response (the
  // checks would now refuse the unit), and a new key is refused with the field message.
  const dispatched = baseAppeal({ title: '幂等：处室已归档', dispatch: { leadUnitId: w.lead.id } });
  const c = await post(dispatched, 'k-archived');
  assert.equal(c.statusCode, 201, c.body);
  await w.db.execute(sql`UPDATE units SET archived = true WHERE id = ${w.lead.id}`);
  try {
    const d = await post(dispatched, 'k-archived');
    assert.equal(d.statusCode, 201, d.body);
    assert.equal(d.headers['idempotent-replayed'], 'true');
    assert.deepEqual(d.json(), c.json());
    const e = await post(dispatched, 'k-archived-new');
    assert.equal(e.statusCode, 400);
    assert.equal(e.json().error.fields['dispatch.leadUnitId'], '主办处室不存在或已归档');
  } finally {
    await w.db.execute(sql`UPDATE units SET archived = false WHERE id = ${w.lead.id}`);
  }
  const [{ n }] = (
    (await w.db.execute(sql`SELECT count(*)::int AS n FROM appeals WHERE tenant_id = ${w.province.id} AND title = '幂等：处室已归档'`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  assert.equal(n, 1);
});
