// The authorization matrix: role × endpoint × (own tenant, other tenant, missing id), generated
// from the app's route list, so a new route is covered (or fails) without anyone editing this file.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import Fastify from 'fastify';
import { ROLES, STAFF_BUSINESS_ROLES, type Role } from '../../../shared/roles.ts';
import { registerPolicy } from '../../src/plugins/policy.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createLeaders, createScene, createUsers, type TestUser } from '../helpers/factory.ts';
import { resourceFixtures } from '../helpers/resources.ts';

/**
 * Issue 12, cells the route's roles reach but the target refuses: a unit's notices follow business
 * roles (admin and enterprise accounts are not addressed: 404), and secadmin resets only admin
 * accounts (the fixture is a business account: 403). Every account path × duty × target kind is
 * walked by server/test/foundation/separation-of-powers.test.ts.
 */
const refusedByTarget = (role: Role, method: string, url: string): number | null => {
  if (url === '/api/notifications/:id/read' && !(STAFF_BUSINESS_ROLES as readonly string[]).includes(role)) return 404;
  if (role === 'secadmin' && method === 'POST' && url === '/api/users/:id/reset-password') return 403;
  return null;
};

const scopeFor = (role: Role) => (role === 'leader' ? 'portfolio' : ['unit_staff', 'unit_head', 'liaison'].includes(role) ? 'unit' : 'tenant');

test('every /api route declares a policy, and every resource type has a fixture', async () => {
  const { app } = await testApp();
  assert.ok(app.policyRoutes.length >= 15, `only ${app.policyRoutes.length} routes`);
  for (const r of app.policyRoutes) {
    if (!r.policy.public && r.policy.resource) assert.ok(resourceFixtures[r.policy.resource.type], `no fixture for ${r.policy.resource.type} (${r.url})`);
  }
});

test('a route without a policy stops the app from starting', async () => {
  const app = Fastify();
  registerPolicy(app, { db: (await testDatabase()).db, authenticate: async () => {} });
  assert.throws(() => app.get('/api/unguarded', async () => 'x'), /declares no policy/);
});

test('authorization matrix: role × endpoint × (own tenant, other tenant, missing id)', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city, unit, cityUnit } = await createScene(db);
  const failures: string[] = [];
  let checked = 0;
  // A fresh user for every call: some calls (logout) end the session they use. They are made 100 at a
  // time per role (≈ 5,700 calls; one at a time they took a third of the test's time).
  const pools = new Map<Role, TestUser[]>();
  const freshUser = async (role: Role) => {
    let pool = pools.get(role);
    if (!pool?.length) {
      pool = await createUsers(db, province.id, { roles: [role], scope: scopeFor(role), unitId: unit.id }, 100);
      // A leader's portfolio (分管) covers the scene's unit, so unit-scoped resources (appeals) are theirs to read.
      if (role === 'leader')
        await createLeaders(
          db,
          province.id,
          [unit.id],
          pool.map((u) => u.id),
        );
      pools.set(role, pool);
    }
    return pool.pop()!;
  };

  for (const route of app.policyRoutes) {
    const { policy } = route;
    const write = route.method !== 'GET';
    const resolve = async (id: string) => route.url.replace(/:[A-Za-z]+/, id);

    if (policy.public) continue;
    if (policy.token !== undefined) {
      // Issue 18: a token route opens to its API token only: no session of any role reaches it.
      for (const role of ROLES) {
        const user = await freshUser(role);
        const res = await call(app, user, { method: route.method as 'GET', url: route.url.replace(/:[A-Za-z]+/g, 'x'), ...(write ? { payload: {} } : {}) });
        checked++;
        if (res.statusCode !== 401) failures.push(`${role} ${route.method} ${route.url} (token route) → ${res.statusCode}, expected 401`);
      }
      continue;
    }
    // Anonymous: always 401.
    const anonUrl = await resolve(crypto.randomUUID());
    const anon = await call(app, null, { method: route.method as 'GET', url: anonUrl, ...(write ? { payload: {} } : {}) });
    if (anon.statusCode !== 401) failures.push(`anonymous ${route.method} ${route.url} → ${anon.statusCode}`);

    for (const role of ROLES) {
      const allowed = policy.roles === 'authenticated' || policy.roles.includes(role);
      const variants: { name: string; id: string | null }[] = [];
      if (policy.resource) {
        const make = resourceFixtures[policy.resource.type];
        variants.push({ name: 'own', id: await make(db, province.id, unit.id) });
        variants.push({ name: 'other-tenant', id: await make(db, city.id, cityUnit.id) });
        variants.push({ name: 'missing', id: crypto.randomUUID() });
      } else variants.push({ name: 'collection', id: null });

      const bodies: Record<string, string> = {};
      for (const v of variants) {
        const user = await freshUser(role);
        const url = v.id ? await resolve(v.id) : route.url;
        const res = await call(app, user, { method: route.method as 'GET', url, ...(write ? { payload: {} } : {}) });
        checked++;
        const label = `${role} ${route.method} ${route.url} [${v.name}] → ${res.statusCode}`;
        if (!allowed) {
          if (res.statusCode !== 403) failures.push(`${label}, expected 403`);
        } else if (v.name === 'own' && refusedByTarget(role, route.method, route.url)) {
          if (res.statusCode !== refusedByTarget(role, route.method, route.url))
            failures.push(`${label}, expected ${refusedByTarget(role, route.method, route.url)}`);
        } else if (v.name === 'own' || v.name === 'collection') {
          if ([401, 403, 404].includes(res.statusCode) || res.statusCode >= 500) failures.push(`${label}, expected access`);
        } else {
          if (res.statusCode !== 404) failures.push(`${label}, expected 404`);
          const { requestId: _r, ...body } = res.json();
          bodies[v.name] = JSON.stringify(body);
        }
      }
      if (allowed && policy.resource && bodies['other-tenant'] !== bodies.missing) {
        failures.push(`${role} ${route.method} ${route.url}: other tenant's id answers differently from a missing id`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked > 150, `only ${checked} combinations checked`);
});
