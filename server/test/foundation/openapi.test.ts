// Issue 18: /api/openapi.json is what integrators generate clients from. `npm run lint:openapi` runs
// `redocly lint` (recommended rules) on it in CI; this test keeps the properties the app itself promises:
// every operation has a unique operationId and a summary, declares its security (schemes that exist)
// or is explicitly public (security: []), declares 4xx answers with the app's one error body, its
// tags are declared; the document has servers; the token API sits under its own tag with the bearer scheme.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../helpers/app.ts';

type Op = { operationId?: string; summary?: string; security?: Record<string, string[]>[]; tags?: string[]; responses?: Record<string, { $ref?: string }> };
type Doc = {
  paths: Record<string, Record<string, Op>>;
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  components: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
};

test('issue 18: every operation of /api/openapi.json has a unique operationId, security or explicit public, 4xx answers and declared tags; servers present', async () => {
  const { app } = await testApp();
  const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(r.statusCode, 200);
  const doc = r.json() as Doc;
  assert.ok(doc.servers?.length && doc.servers.every((s) => s.url), 'servers declared');
  const schemes = Object.keys(doc.components.securitySchemes ?? {});
  assert.deepEqual(schemes.sort(), ['apiToken', 'csrfToken', 'session']);
  assert.ok(doc.components.schemas?.Error && doc.components.responses?.Error, 'the error body is declared once');
  const tags = new Set((doc.tags ?? []).map((t) => t.name));
  const ids = new Map<string, string>();
  const problems: string[] = [];
  let ops = 0;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops++;
      const name = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${name}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${name}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, name);
      if (!op.summary) problems.push(`${name}: no summary`);
      if (!Array.isArray(op.security)) problems.push(`${name}: no security (nor explicit public [])`);
      for (const req of op.security ?? []) for (const s of Object.keys(req)) if (!schemes.includes(s)) problems.push(`${name}: unknown scheme ${s}`);
      const fours = Object.keys(op.responses ?? {}).filter((c) => /^4(\d\d|XX)$/.test(c));
      if (!fours.length) problems.push(`${name}: no 4xx response`);
      for (const c of fours) if (op.responses![c].$ref !== '#/components/responses/Error') problems.push(`${name}: ${c} is not the app's error body`);
      if (!op.tags?.length) problems.push(`${name}: no tag`);
      for (const t of op.tags ?? []) if (!tags.has(t)) problems.push(`${name}: tag ${t} not declared`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(ops > 100, `only ${ops} operations`);

  // The token API: its own tag, the bearer scheme only, stable names.
  const push = doc.paths['/api/integrations/v1/work-orders']?.post;
  assert.equal(push?.operationId, 'pushWorkOrder');
  assert.deepEqual(push?.security, [{ apiToken: [] }]);
  assert.deepEqual(push?.tags, ['integrations']);
  assert.deepEqual(doc.paths['/api/integrations/v1/work-orders/{externalId}']?.get?.security, [{ apiToken: [] }]);
  // Staff writes need the cookie and the CSRF header; public routes say so.
  assert.deepEqual(doc.paths['/api/appeals']?.post?.security, [{ session: [], csrfToken: [] }]);
  assert.deepEqual(doc.paths['/api/auth/login']?.post?.security, []);
  assert.equal(doc.paths['/api/appeals/{id}']?.get?.operationId, 'getAppealsById');

  // zod tuples of one type (calendar officeHours) must not come out as anyOf of identical members
  // (redocly's no-illogical-composition-keywords): http/openapi.ts collapses them.
  const dupAnyOf: string[] = [];
  const walk = (n: unknown, at: string) => {
    if (!n || typeof n !== 'object') return;
    const any = (n as { anyOf?: unknown[] }).anyOf;
    if (Array.isArray(any) && new Set(any.map((m) => JSON.stringify(m))).size < any.length) dupAnyOf.push(at);
    for (const [k, v] of Object.entries(n)) walk(v, `${at}/${k}`);
  };
  walk(doc, '#');
  assert.deepEqual(dupAnyOf, []);
  type Sla = { content: { 'application/json': { schema: { properties: { settings: { properties: { officeHours: unknown } } } } } } };
  const sla = doc.paths['/api/calendar/sla'].get.responses?.['200'] as unknown as Sla;
  const hours = sla.content['application/json'].schema.properties.settings.properties.officeHours;
  assert.deepEqual(hours, { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 } });
});
