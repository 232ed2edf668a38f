// HTTP API of enterprise accounts (issue 7 "Accounts"). Staff side (intake): enterprise accounts and
// self-registration requests. Public side: the registration form (tenants, password rule, submit).
import { z } from 'zod';
import { checkUscc } from '../../domain/uscc.ts';
import { authedCtx, ctxOf, type ZApp } from '../../http/context.ts';
import { id, idParams, mobile, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as accounts from './portal.accounts.ts';
import * as registrations from './portal.registrations.ts';
import {
  EnterpriseAccountSchema,
  IssuedAccountSchema,
  PasswordRuleSchema,
  PublicTenantsSchema,
  REGISTRATION_STATUSES,
  RegisteredSchema,
  RegistrationDetailSchema,
  RegistrationSchema,
} from '../../../../shared/api/portal-accounts.ts';
import { listOf } from '../../../../shared/api/common.ts';

registerResource('enterpriseRegistration', { load: registrations.owner });
registerResource('enterpriseAccount', { load: accounts.owner });

const STAFF = ['intake'] as const;
const tags = ['portal'];
const username = z.string().trim().regex(registrations.USERNAME_RULE, '用户名为3–32位字母、数字或 _ . -');
const password = z.string().min(1, '不能为空').max(128, '不能超过128个字符');
// GB 32100-2015 check in the schema, so a bad code is reported together with the other fields.
const uscc = text(30).superRefine((v, ctx) => {
  const c = checkUscc(v);
  if (!c.valid) ctx.addIssue({ code: 'custom', message: c.error ?? '统一社会信用代码不正确' });
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
        response: { 200: listOf(EnterpriseAccountSchema) },
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
        response: { 201: IssuedAccountSchema },
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
        response: { 200: EnterpriseAccountSchema },
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
        response: { 200: IssuedAccountSchema },
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
        querystring: z.strictObject({ status: z.enum(REGISTRATION_STATUSES, '状态不正确').optional(), ...pagination }),
        response: { 200: listOf(RegistrationSchema) },
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
        response: { 200: RegistrationDetailSchema },
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
        summary: '审核通过注册申请（关联名录中同一统一社会信用代码的企业；申请的用户名已被使用时另定用户名；同一企业的其他待审核申请一并驳回）',
        params: idParams,
        body: z.strictObject({ version, username: username.optional(), rejectOthersReason: text(500).optional() }),
        response: { 200: RegistrationSchema },
      },
    },
    async (request) => registrations.approve(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprise-registrations/:id/reject',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: { tags, summary: '驳回注册申请', params: idParams, body: z.strictObject({ version, reason: text(500) }), response: { 200: RegistrationSchema } },
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
        response: { 200: PublicTenantsSchema },
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
        response: { 200: PasswordRuleSchema },
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
        response: { 201: RegisteredSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send((await registrations.register(ctxOf(request), request.body, { ratePerMinute: app.config.loginRatePerMinute })) as never),
  );
}
