// Bad input gets a clear 4xx with Chinese per-field messages and changes nothing; every
// response carries a request id; 5xx never shows internals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser } from '../helpers/factory.ts';

async function admin() {
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  return { db, scene, sys: await createUser(db, scene.province.id, { roles: ['sysadmin'] }), app: (await testApp()).app };
}

test('malformed JSON, wrong types, unknown fields, over-long strings → 400 with field messages', async () => {
  const { app, sys, db, scene } = await admin();
  const raw = await call(app, sys, { method: 'POST', url: '/api/units', headers: { 'content-type': 'application/json' }, payload: '{"name": "x",' });
  assert.equal(raw.statusCode, 400);
  assert.equal(raw.json().error.message, '请求体不是合法的 JSON');
  const types = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: 42, kind: 'nope', sectors: 'hazchem' } });
  assert.equal(types.statusCode, 400);
  assert.deepEqual(Object.keys(types.json().error.fields).sort(), ['kind', 'name', 'sectors']);
  assert.match(types.json().error.fields.name, /[\u4e00-\u9fa5]/, 'messages are Chinese');
  const unknown = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: '处', kind: 'business', tenantId: scene.city.id } });
  assert.equal(unknown.json().error.fields.tenantId, '不允许的字段');
  const long = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: '长'.repeat(51), kind: 'business' } });
  assert.equal(long.json().error.fields.name, '不能超过50个字符');
  const ctrl = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: 'a\u0000b', kind: 'business' } });
  assert.equal(ctrl.statusCode, 400);
  assert.equal((await auditRows(db, scene.province.id)).length, 0, 'nothing written');
});

test('SQL and HTML metacharacters, emoji and other scripts are stored verbatim, not interpreted', async () => {
  const { app, sys } = await admin();
  for (const name of ["'; DROP TABLE units; --", '<script>alert(1)</script>', '应急🚒处', 'Ωmega ﾃｽﾄ עברית']) {
    const r = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name, kind: 'business' } });
    assert.equal(r.statusCode, 201, name);
    assert.equal(r.json().name, name);
  }
  const list = (await call(app, sys, { method: 'GET', url: '/api/units' })).json();
  assert.equal(list.total, 5, 'the four above and the scene unit');
});

test('a body over 1 MB is refused with 413 before anything is written', async () => {
  const { app, sys } = await admin();
  const r = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: 'x', kind: 'business', duties: 'y'.repeat(1_100_000) } });
  assert.equal(r.statusCode, 413);
  assert.equal(r.json().error.code, 'PAYLOAD_TOO_LARGE');
});

test('unsupported content type → 415; unknown API path → 404 JSON; every response has a request id', async () => {
  const { app, sys } = await admin();
  const r = await call(app, sys, { method: 'POST', url: '/api/units', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
  assert.equal(r.statusCode, 415);
  const nf = await app.inject({ method: 'GET', url: '/api/nothing-here' });
  assert.equal(nf.statusCode, 404);
  assert.equal(nf.json().error.code, 'NOT_FOUND');
  for (const res of [r, nf, await app.inject({ method: 'GET', url: '/healthz' })]) assert.ok(res.headers['x-request-id']);
  assert.equal(nf.json().requestId, nf.headers['x-request-id']);
});

test('login failures never log the password', async () => {
  const lines: string[] = [];
  const database = await testDatabase();
  const config = loadConfig({ LOG_LEVEL: 'info' });
  const stream = { write: (s: string) => void lines.push(s) };
  const app = await buildApp({ config, database, logger: { level: 'trace', stream } });
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Secret#Leak123' } });
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Secret#Leak123', extra: 1 } });
  await app.close();
  assert.ok(lines.length > 0);
  assert.ok(!lines.join('').includes('Secret#Leak123'));
});

test('a closed database answers 503 with Retry-After in the app format, without internals; /readyz 503', async () => {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, poolMax: 2 });
  await migrate(database);
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database });
  await database.close();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers['retry-after'], '5');
  assert.deepEqual(Object.keys(res.json().error), ['code', 'message']);
  assert.equal(res.json().error.code, 'SERVICE_UNAVAILABLE');
  assert.equal(res.json().error.message, '数据库暂时无法访问，本次操作未执行，请稍后重试');
  assert.ok(res.json().requestId);
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 503);
  await app.close();
});

test('an unexpected failure (not the database being away) still answers 500 without internals', async () => {
  const { toAppError } = await import('../../src/plugins/errors.ts');
  const err = toAppError(new Error('duplicate key value violates unique constraint "x" at /srv/secret.ts'));
  assert.equal(err.status, 500);
  assert.equal(err.message, '服务器内部错误');
});

test('health: /healthz answers, /readyz checks the database', async () => {
  const { app } = await testApp();
  assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).json().status, 'ok');
  assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).json().status, 'ok');
});

test('OpenAPI JSON lists the routes; the docs page is served', async () => {
  const { app } = await testApp();
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/units'].post);
  assert.ok(doc.paths['/api/auth/login'].post);
  const page = await app.inject({ method: 'GET', url: '/api/docs' });
  assert.ok([200, 302].includes(page.statusCode));
});
