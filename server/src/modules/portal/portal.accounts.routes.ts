// HTTP API of enterprise accounts (issue 7 "Accounts"). Staff side (intake): enterprise accounts and
// self-registration requests. Public side: the registration form (tenants, password rule, submit).
import { z } from 'zod';
import { ROLES, SCOPES } from '../../../../shared/roles.ts';
import { enterpriseRegistrations } from '../../db/schema.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { ownerOf } from '../../db/versioned.ts';
import { authedCtx, ctxOf, type ZApp } from '../../http/context.ts';
import { id, idParams, listOf, mobile, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as accounts from './portal.accounts.ts';
import * as registrations from './portal.registrations.ts';
import { enterpriseAccountOwner } from './portal.repository.ts';

registerResource('enterpriseRegistration', { load: (db, rid) => ownerOf(db, enterpriseRegistrations, rid) });
registerResource('enterpriseAccount', { load: (db, uid) => enterpriseAccountOwner(db, uid) });

const STAFF = ['intake'] as const;
const tags = ['portal'];
const username = z.string().trim().regex(registrations.USERNAME_RULE, '用户名为3–32位字母、数字或 _ . -');
const password = z.string().min(1, '不能为空').max(128, '不能超过128个字符');
const STATUSES = ['pending', 'approved', 'rejected'] as const;
// GB 32100-2015 check in the schema, so a bad code is reported together with the other fields.
const uscc = text(30).superRefine((v, ctx) => {
  const c = checkUscc(v);
  if (!c.valid) ctx.addIssue({ code: 'custom', message: c.error ?? '统一社会信用代码不正确' });
});

const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  version: z.number(),
});

const registrationSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  username: z.string(),
  status: z.enum(STATUSES),
  rejectReason: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  userId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});

const registrationDetail = z.object({
  registration: registrationSchema,
  registry: z
    .object({
      id: z.string(),
      name: z.string(),
      uscc: z.string(),
      archived: z.boolean(),
      status: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      address: z.string().nullable(),
      supervisingUnitName: z.string().nullable(),
      nameMatches: z.boolean(),
    })
    .nullable(),
  existingAccounts: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
  usernameTaken: z.boolean(),
  samePendingUsername: z.number(),
});

export function portalAccountRoutes(app: ZApp) {
  // ---- staff (intake): enterprise accounts ----
  app.get(
    '/api/enterprise-accounts',
    {
      config: { policy: { roles: STAFF } },
      schema: {
        tags,
        summary: '企业账号列表（按企业名称、统一社会信用代码、用户名、姓名检索）',
        querystring: z.strictObject({ q: text(50, 0).optional(), ...pagination }),
        response: { 200: listOf(accountSchema) },
      },
    },
    async (request) => accounts.listAccounts(authedCtx(request), request.query),
  );

  app.post(
    '/api/enterprise-accounts',
    {
      config: { policy: { roles: STAFF } },
      schema: {
        tags,
        summary: '为名录企业开通企业账号（初始密码仅显示一次，首次登录须修改）',
        body: z.strictObject({ enterpriseId: id, username, displayName: text(30), mobile: mobile.nullable().optional() }),
        response: { 201: z.object({ user: accountSchema, initialPassword: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.createAccount(authedCtx(request), request.body)),
  );

  app.patch(
    '/api/enterprise-accounts/:id',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseAccount' } } },
      schema: {
        tags,
        summary: '停用 / 启用企业账号（停用后已有会话立即失效）',
        params: idParams,
        body: z.strictObject({ version, disabled: z.boolean('须指定 disabled') }),
        response: { 200: accountSchema },
      },
    },
    async (request) => accounts.setDisabled(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprise-accounts/:id/reset-password',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseAccount' } } },
      schema: {
        tags,
        summary: '重置企业账号密码（新初始密码仅显示一次，并解除锁定）',
        params: idParams,
        body: z.strictObject({ version }),
        response: { 200: z.object({ user: accountSchema, initialPassword: z.string() }) },
      },
    },
    async (request) => accounts.resetPassword(authedCtx(request), request.params.id, request.body),
  );

  // ---- staff (intake): registration requests ----
  app.get(
    '/api/enterprise-registrations',
    {
      config: { policy: { roles: STAFF } },
      schema: {
        tags,
        summary: '企业账号注册申请列表',
        querystring: z.strictObject({ status: z.enum(STATUSES, '状态不正确').optional(), ...pagination }),
        response: { 200: listOf(registrationSchema) },
      },
    },
    async (request) => registrations.listRegistrations(authedCtx(request), request.query),
  );

  app.get(
    '/api/enterprise-registrations/:id',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: {
        tags,
        summary: '注册申请详情：与名录中同一统一社会信用代码的企业对照（名称是否一致、监管处室）、用户名冲突',
        params: idParams,
        response: { 200: registrationDetail },
      },
    },
    async (request) => registrations.getRegistration(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/enterprise-registrations/:id/approve',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: {
        tags,
        summary: '审核通过注册申请（关联名录中同一统一社会信用代码的企业；申请的用户名已被使用时另定用户名）',
        params: idParams,
        body: z.strictObject({ version, username: username.optional() }),
        response: { 200: registrationSchema },
      },
    },
    async (request) => registrations.approve(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprise-registrations/:id/reject',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: { tags, summary: '驳回注册申请', params: idParams, body: z.strictObject({ version, reason: text(500) }), response: { 200: registrationSchema } },
    },
    async (request) => registrations.reject(authedCtx(request), request.params.id, request.body),
  );

  // ---- public: self-registration ----
  app.get(
    '/api/portal/tenants',
    {
      config: { policy: { public: true } },
      schema: {
        tags,
        summary: '可受理企业注册的单位（省厅、各市应急局）',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['province', 'city']) })) }) },
      },
    },
    async (request) => registrations.publicTenants(ctxOf(request)),
  );

  app.get(
    '/api/portal/password-rule',
    {
      config: { policy: { public: true } },
      schema: {
        tags,
        summary: '受理单位的密码规则（与工作人员相同）',
        querystring: z.strictObject({ tenantCode: text(20) }),
        response: { 200: z.object({ minLength: z.number(), text: z.string() }) },
      },
    },
    async (request) => registrations.passwordRule(ctxOf(request), request.query.tenantCode),
  );

  app.post(
    '/api/portal/register',
    {
      config: { policy: { public: true } },
      schema: {
        tags,
        summary: '企业自助注册（受理人员审核后开通；答复不透露用户名是否已存在）',
        body: z.strictObject({
          tenantCode: text(20),
          uscc,
          enterpriseName: text(200),
          contactName: text(50),
          mobile,
          username: username.optional(),
          password,
        }),
        response: { 201: z.object({ id: z.string(), status: z.literal('pending'), username: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send((await registrations.register(ctxOf(request), request.body, { ratePerMinute: app.config.loginRatePerMinute })) as never),
  );
}
