// Versions, the accept race, intake idempotency and intakes written together (issue 20).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { asOwner, testDatabase } from '../helpers/db.ts';
import { createUnit } from '../helpers/factory.ts';
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

test('issue 20: intakes that arrive together are written together — each its own appeal, number, timeline, audit row and answer; a repeated key replays; one whose write fails fails alone', async () => {
  const w = await world();
  const post = (title: string, key: string, dispatch = false) =>
    call(w.app, w.users.intake, {
      method: 'POST',
      url: '/api/appeals',
      payload: baseAppeal({ title, ...(dispatch ? { dispatch: { leadUnitId: w.lead.id } } : {}) }),
      headers: { 'idempotency-key': key },
    });
  // Twelve at once, half dispatched at intake (two shapes of the write), the fourth key twice.
  const rs = await Promise.all([
    ...Array.from({ length: 12 }, (_, i) => post(`批量受理 ${i}`, `batch-${i}`, i % 2 === 0)),
    post('批量受理 3', 'batch-3', false),
  ]);
  assert.deepEqual(
    rs.map((r) => r.statusCode),
    Array(13).fill(201),
    rs.map((r) => r.body).join('\n'),
  );
  // Each answer is its own appeal, as the appeal page shows it.
  for (const [i, r] of rs.slice(0, 12).entries()) {
    const d = r.json();
    assert.equal(d.title, `批量受理 ${i}`);
    assert.equal(d.state, i % 2 === 0 ? 'dispatched' : 'received');
    assert.deepEqual(
      d.events.map((e: { type: string }) => e.type),
      i % 2 === 0 ? ['create', 'dispatch'] : ['create'],
    );
    const c = await current(w, d.id);
    assert.deepEqual([c.number, c.events.length, c.leadUnitName ?? null], [d.number, d.events.length, d.leadUnitName ?? null]);
  }
  assert.deepEqual(rs[12]!.json(), rs[3]!.json());
  assert.equal([rs[3], rs[12]].filter((r) => r!.headers['idempotent-replayed'] === 'true').length, 1);
  const written = async (like: string) =>
    (
      (await w.db.execute(
        sql`SELECT a.number, a.created_at::text AS at,
              (SELECT count(*)::int FROM audit_log l WHERE l.entity = 'appeal' AND l.entity_id = a.id::text AND l.action = 'appeal.create') AS audits
            FROM appeals a WHERE a.tenant_id = ${w.province.id} AND a.title LIKE ${like}`,
      )) as unknown as { rows: { number: string; at: string; audits: number }[] }
    ).rows;
  const rows = await written('批量受理 %');
  assert.equal(rows.length, 12);
  assert.equal(new Set(rows.map((r) => r.number)).size, 12);
  assert.ok(rows.every((r) => r.audits === 1));
  // Written together: the appeals of one statement share its transaction's time. (PGlite runs one
  // statement at a time on its one connection, so there each intake is written before the next one is
  // ready and nothing waits to go together.)
  if ((await testDatabase()).kind === 'postgres')
    assert.ok(new Set(rows.map((r) => r.at)).size < 12, `every appeal was written alone: ${rows.map((r) => r.at).join(', ')}`);

  // A fault of one appeal's write, raised by the database itself (a trigger for one title): the others
  // of its batch are written, it fails alone and claims nothing — its key is free for the retry.
  const trigger = `zqt_test_refuse_${crypto.randomBytes(3).toString('hex')}`;
  await asOwner(async (owner) => {
    await owner.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION zqt_test_refuse_intake() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.title = '批量受理：写入失败' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`),
    );
    await owner.db.execute(sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON appeals FOR EACH ROW EXECUTE FUNCTION zqt_test_refuse_intake()`));
  });
  let mixed: Awaited<ReturnType<typeof post>>[];
  try {
    mixed = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => post(`批量同批 ${i}`, `mixed-${i}`, i % 2 === 0)),
      post('批量受理：写入失败', 'batch-refused'),
    ]);
  } finally {
    await asOwner(async (owner) => {
      await owner.db.execute(sql.raw(`DROP TRIGGER ${trigger} ON appeals`));
    });
  }
  assert.deepEqual(
    mixed.map((r) => r.statusCode),
    [...Array(6).fill(201), 500],
    mixed.map((r) => r.body).join('\n'),
  );
  assert.equal((await written('批量同批 %')).length, 6);
  const again = await post('批量受理：写入失败', 'batch-refused');
  assert.equal(again.statusCode, 201, again.body);
  assert.equal(again.headers['idempotent-replayed'], undefined);
});

test('issue 20 R3.2: intakes dispatched at once share the read of their units, and each is checked against its own: an archived or foreign co-handling unit refuses only its intake', async () => {
  const w = await world();
  const archived = await createUnit(w.db, w.province.id, { sectors: ['mining'] });
  await w.db.execute(sql`UPDATE units SET archived = true WHERE id = ${archived.id}`);
  const post = (title: string, leadUnitId: string, coUnitId?: string) =>
    call(w.app, w.users.intake, {
      method: 'POST',
      url: '/api/appeals',
      payload: baseAppeal({ title, dispatch: { leadUnitId, coUnits: coUnitId ? [{ unitId: coUnitId, part: '配合核查' }] : [] } }),
    });
  // The server's statements, counted at the driver (PGlite runs one statement at a time and has no pool).
  const server = (await testDatabase()).kind === 'postgres';
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  if (server)
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const name = (args[0] as { name?: string } | undefined)?.name;
      if (name) sent.push(name);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  let rs: Awaited<ReturnType<typeof post>>[];
  try {
    rs = await Promise.all([
      post('同批派单 主办甲协办乙', w.lead.id, w.co.id),
      post('同批派单 主办丙', w.other.id),
      post('同批派单 协办已归档', w.lead.id, archived.id),
      post('同批派单 协办为市局处室', w.other.id, w.cityUnit.id),
      post('同批派单 主办乙协办丙', w.co.id, w.other.id),
      post('同批派单 主办甲', w.lead.id),
    ]);
  } finally {
    pg.Client.prototype.query = query;
  }
  assert.deepEqual(
    rs.map((r) => r.statusCode),
    [201, 201, 400, 400, 201, 201],
    rs.map((r) => r.body).join('\n'),
  );
  const names = (r: (typeof rs)[number]) => [r.json().leadUnitName, r.json().coUnits.map((c: { unitName: string }) => c.unitName)];
  assert.deepEqual(names(rs[0]!), [w.lead.name, [w.co.name]]);
  assert.deepEqual(names(rs[1]!), [w.other.name, []]);
  assert.deepEqual(names(rs[4]!), [w.co.name, [w.other.name]]);
  assert.deepEqual(names(rs[5]!), [w.lead.name, []]);
  for (const r of [rs[2]!, rs[3]!]) assert.deepEqual(r.json().error.fields, { 'coUnits.0.unitId': '协办处室不存在或已归档' });
  if (server) {
    const reads = sent.filter((n) => n === 'units_active_by_id' || n === 'units_active_and_channel_lead').length;
    assert.ok(reads >= 1 && reads < 6, `six intakes read their units in ${reads} statements: ${sent.join(', ')}`);
  }
});
