// GET /api/tenants/transfer-targets (R3.2): the city bureaus intake / coordinator may transfer an
// appeal to — the caller's own tenant's child cities only; a city bureau has none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createTenant, createUnit, createUser } from '../helpers/factory.ts';

test('R3.2 transfer targets: the province sees its own cities (id, code, name), a city sees none, another province never appears', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city, unit, cityUnit } = await createScene(db);
  const city2 = await createTenant(db, { kind: 'city', parentId: province.id });
  const otherProvince = await createScene(db);

  const intake = await createUser(db, province.id, { roles: ['intake'], unitId: unit.id, scope: 'tenant' });
  const coordinator = await createUser(db, province.id, { roles: ['coordinator'], unitId: (await createUnit(db, province.id)).id, scope: 'tenant' });
  const cityIntake = await createUser(db, city.id, { roles: ['intake'], unitId: cityUnit.id, scope: 'tenant' });

  for (const who of [intake, coordinator]) {
    const res = await call(app, who, { method: 'GET', url: '/api/tenants/transfer-targets' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 2);
    assert.deepEqual(
      body.items,
      [city, city2].sort((a, b) => a.code.localeCompare(b.code)).map((t) => ({ id: t.id, code: t.code, name: t.name })),
    );
    // Only this province's own children: never the province itself, nor another province's city.
    const ids = body.items.map((t: { id: string }) => t.id);
    assert.ok(!ids.includes(province.id));
    assert.ok(!ids.includes(otherProvince.city.id));
    assert.ok(!ids.includes(otherProvince.province.id));
  }

  const fromCity = await call(app, cityIntake, { method: 'GET', url: '/api/tenants/transfer-targets' });
  assert.equal(fromCity.statusCode, 200);
  assert.deepEqual(fromCity.json(), { items: [], total: 0 });
});

test('R3.2 transfer targets: only intake and coordinator may read them (the full tenant list stays sysadmin-only)', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  for (const roles of [['unit_staff'], ['unit_head'], ['leader'], ['oversight'], ['sysadmin']] as const) {
    const u = await createUser(db, province.id, { roles: [...roles], unitId: unit.id, scope: 'unit' });
    const res = await call(app, u, { method: 'GET', url: '/api/tenants/transfer-targets' });
    assert.equal(res.statusCode, 403, roles.join());
  }
  const intake = await createUser(db, province.id, { roles: ['intake'], unitId: unit.id, scope: 'tenant' });
  assert.equal((await call(app, intake, { method: 'GET', url: '/api/tenants' })).statusCode, 403);
  assert.equal((await call(app, null, { method: 'GET', url: '/api/tenants/transfer-targets' })).statusCode, 401);
});
