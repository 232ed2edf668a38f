// The response schemas live in shared/api/<capability>.ts (issue 13): the routes use them for
// `response: {…}` and the web imports their types, so the two sides cannot drift. These tests check
// that /api/openapi.json still documents every JSON answer, and that what it documents is the
// shared schema (same fields), not a copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { AppealDetailSchema, AppealListSchema, FiguresSchema } from '../../../shared/api/appeals.ts';
import { AuditArchiveSearchSchema, AuditEntrySchema } from '../../../shared/api/audit.ts';
import { PrivacyMaskResultSchema } from '../../../shared/api/privacy.ts';
import { SessionStateSchema } from '../../../shared/api/auth.ts';
import { YearDaysSchema } from '../../../shared/api/calendar.ts';
import { EnterpriseSchema, ImportJobSchema } from '../../../shared/api/enterprises.ts';
import { EscalationViewSchema, LeaderReportStatusSchema } from '../../../shared/api/escalation.ts';
import { NotificationPageSchema } from '../../../shared/api/notifications.ts';
import { TenantSettingsResponseSchema, UnitSchema, UserSchema } from '../../../shared/api/organisation.ts';
import { PortalAppealSchema, PublicEvaluationSchema, StaffThreadSchema } from '../../../shared/api/portal.ts';
import { RegistrationDetailSchema } from '../../../shared/api/portal-accounts.ts';
import { testApp } from '../helpers/app.ts';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema };
type Operation = { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> };

/** Answers that are files or empty (204), not JSON, besides the downloads named by their format (FILE_PATH). */
const NOT_JSON = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/change-password',
  'GET /api/enterprises/export',
  'GET /api/enterprises/import-template',
  'GET /api/field-records/{id}/files/{fileId}',
  'GET /api/knowledge/{id}/files/{fileId}',
  'GET /api/appeals/{id}/attachments/{attachmentId}',
  'GET /api/portal/appeals/{id}/attachments/{attachmentId}',
]);

/** A download named by its format: `/api/reports/{id}/docx`, `/api/privacy/staff.xlsx`, `/api/audit/export.csv`. */
const FILE_PATH = /[./](xlsx|docx|csv)$/;

async function openapi(): Promise<Record<string, Record<string, Operation>>> {
  const { app } = await testApp();
  const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(r.statusCode, 200);
  return r.json().paths;
}

const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape).sort();
const documented = (op: Operation, code: string) => op.responses?.[code]?.content?.['application/json']?.schema;

test('/api/openapi.json documents a JSON response schema for every API answer that is not a file', async () => {
  const paths = await openapi();
  const missing: string[] = [];
  let count = 0;
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (NOT_JSON.has(name) || (method === 'get' && FILE_PATH.test(path))) continue;
      count++;
      const codes = Object.keys(op.responses ?? {}).filter((c) => c.startsWith('2'));
      if (codes.length === 0 || codes.some((c) => !documented(op, c)?.properties)) missing.push(name);
    }
  }
  assert.ok(count >= 100, `only ${count} JSON operations documented`);
  assert.deepEqual(missing, []);
});

test('what /api/openapi.json documents is the shared schema (shared/api/*.ts): the same fields on both sides', async () => {
  const paths = await openapi();
  const cases: [string, string, string, z.ZodObject, 'object' | 'items'][] = [
    ['/api/auth/session', 'get', '200', SessionStateSchema, 'object'],
    ['/api/units', 'get', '200', UnitSchema, 'items'],
    ['/api/users/{id}', 'patch', '200', UserSchema, 'object'],
    ['/api/tenant-settings', 'get', '200', TenantSettingsResponseSchema, 'object'],
    ['/api/audit', 'get', '200', AuditEntrySchema, 'items'],
    ['/api/audit/archive', 'get', '200', AuditArchiveSearchSchema, 'object'],
    ['/api/privacy/contact/mask', 'post', '200', PrivacyMaskResultSchema, 'object'],
    ['/api/calendar/days', 'get', '200', YearDaysSchema, 'object'],
    ['/api/enterprises/{id}', 'get', '200', EnterpriseSchema, 'object'],
    ['/api/enterprise-imports/{id}', 'get', '200', ImportJobSchema, 'object'],
    ['/api/appeals', 'get', '200', AppealListSchema, 'object'],
    ['/api/appeals/{id}', 'get', '200', AppealDetailSchema, 'object'],
    ['/api/appeals/{id}/accept', 'post', '200', AppealDetailSchema, 'object'],
    ['/api/appeals/figures', 'get', '200', FiguresSchema, 'object'],
    ['/api/appeals/{id}/escalation', 'get', '200', EscalationViewSchema, 'object'],
    ['/api/leader-reports', 'get', '200', LeaderReportStatusSchema, 'object'],
    ['/api/notifications', 'get', '200', NotificationPageSchema, 'object'],
    ['/api/appeals/{id}/messages', 'get', '200', StaffThreadSchema, 'object'],
    ['/api/portal/appeals/{id}', 'get', '200', PortalAppealSchema, 'object'],
    ['/api/public/evaluations/{token}', 'get', '200', PublicEvaluationSchema, 'object'],
    ['/api/enterprise-registrations/{id}', 'get', '200', RegistrationDetailSchema, 'object'],
  ];
  for (const [path, method, code, schema, where] of cases) {
    const op = paths[path]?.[method];
    assert.ok(op, `${method} ${path} is documented`);
    const body = documented(op, code);
    const object = where === 'items' ? body?.properties?.items?.items : body;
    assert.deepEqual(Object.keys(object?.properties ?? {}).sort(), keysOf(schema), `${method} ${path}`);
  }
});
