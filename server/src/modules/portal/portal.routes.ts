// HTTP API of the enterprise portal (issue 7). Staff side (intake): enterprise accounts and
// registration requests. Enterprise side (role 'enterprise'): /api/portal/* — only the account's own
// enterprise's appeals; another id answers 404 exactly like a missing one (resource 'portalAppeal').
import { z } from 'zod';
import { APPEAL_CATEGORIES, APPEAL_CHANNELS, APPEAL_STATES, EVALUATION_RATINGS, RESULT_KINDS } from '../../../../shared/appeals.ts';
import { ROLES, SCOPES } from '../../../../shared/roles.ts';
import { enterpriseRegistrations } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';
import { authedCtx, ctxOf, type ZApp } from '../../http/context.ts';
import { id, idParams, listOf, mobile, optionalText, pagination, text, version } from '../../http/schemas.ts';
import type { Actor } from '../../lib/context.ts';
import { registerResource, type ResourceOwner } from '../../plugins/policy.ts';
import { phone } from '../appeals/appeals.routes.ts';
import * as service from './portal.service.ts';
import { portalAppealOwner } from './portal.repository.ts';

registerResource('enterpriseRegistration', { load: (db, rid) => ownerOf(db, enterpriseRegistrations, rid) });
registerResource('portalAppeal', {
  load: (db, aid) => portalAppealOwner(db, aid),
  visible: (actor: Actor, owner: ResourceOwner) =>
    Boolean(actor.enterpriseId) && (owner as ResourceOwner & { enterpriseId?: string | null }).enterpriseId === actor.enterpriseId,
});

const STAFF = ['intake'] as const;
const username = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3–32位字母、数字或 _ . -');
const password = z.string().min(1, '不能为空').max(128, '不能超过128个字符');

const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  version: z.number(),
});

const registrationSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  username: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  rejectReason: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  userId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});

const milestone = z.object({ label: z.string(), dueAt: z.string().nullable(), doneAt: z.string().nullable() });
const portalAppeal = z.object({
  id: z.string(),
  number: z.string(),
  state: z.enum(APPEAL_STATES),
  channel: z.enum(APPEAL_CHANNELS),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  content: z.string(),
  enterpriseName: z.string(),
  identityHidden: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
  receivedAt: z.string(),
  milestones: z.object({ contact: milestone, opinion: milestone, resolution: milestone }),
  resultKind: z.enum(RESULT_KINDS).nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  canEvaluate: z.boolean(),
  evaluationDueAt: z.string().nullable(),
  evaluation: z.enum(EVALUATION_RATINGS).nullable(),
  evaluationComment: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  reopenCount: z.number(),
  closedAt: z.string().nullable(),
  version: z.number(),
});

export function portalRoutes(app: ZApp) {
  // ---- staff (intake): accounts and registration requests ----
  app.post(
    '/api/enterprise-accounts',
    {
      config: { policy: { roles: STAFF } },
      schema: {
        tags: ['portal'],
        summary: '为名录企业开通企业账号（初始密码仅显示一次，首次登录须修改）',
        body: z.strictObject({ enterpriseId: id, username, displayName: text(30), mobile: mobile.nullable().optional() }),
        response: { 201: z.object({ user: accountSchema, initialPassword: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createAccount(authedCtx(request), request.body)),
  );

  app.get(
    '/api/enterprise-registrations',
    {
      config: { policy: { roles: STAFF } },
      schema: {
        tags: ['portal'],
        summary: '企业账号注册申请列表',
        querystring: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected'], '状态不正确').optional(), ...pagination }),
        response: { 200: listOf(registrationSchema) },
      },
    },
    async (request) => service.listRegistrations(authedCtx(request), request.query),
  );

  app.post(
    '/api/enterprise-registrations/:id/approve',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: { tags: ['portal'], summary: '审核通过注册申请（关联名录中同一统一社会信用代码的企业）', params: idParams, body: z.strictObject({ version }), response: { 200: registrationSchema } },
    },
    async (request) => service.approve(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprise-registrations/:id/reject',
    {
      config: { policy: { roles: STAFF, resource: { type: 'enterpriseRegistration' } } },
      schema: { tags: ['portal'], summary: '驳回注册申请', params: idParams, body: z.strictObject({ version, reason: text(500) }), response: { 200: registrationSchema } },
    },
    async (request) => service.reject(authedCtx(request), request.params.id, request.body),
  );

  // ---- public: self-registration ----
  app.post(
    '/api/portal/register',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['portal'],
        summary: '企业自助注册（受理人员审核后开通）',
        body: z.strictObject({
          tenantCode: text(20),
          uscc: text(30),
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
      reply.status(201).send((await service.register(ctxOf(request), request.body, { ratePerMinute: app.config.loginRatePerMinute })) as never),
  );

  // ---- enterprise: own appeals ----
  app.get(
    '/api/portal/appeals',
    {
      config: { policy: { roles: ['enterprise'] } },
      schema: { tags: ['portal'], summary: '我的诉求', querystring: z.strictObject({ ...pagination }), response: { 200: listOf(portalAppeal) } },
    },
    async (request) => service.listAppeals(authedCtx(request), request.query),
  );

  app.get(
    '/api/portal/appeals/:id',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '我的诉求详情（办理节点、答复）', params: idParams, response: { 200: portalAppeal } },
    },
    async (request) => service.getAppeal(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/portal/appeals',
    {
      config: { policy: { roles: ['enterprise'] } },
      schema: {
        tags: ['portal'],
        summary: '提交诉求（渠道：网站；进入受理人员待派单队列）；支持 Idempotency-Key 请求头',
        headers: z.looseObject({ 'idempotency-key': z.string().trim().min(1).max(100, '幂等键不能超过100个字符').optional() }),
        body: z.strictObject({
          category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确'),
          title: text(200),
          content: text(5000),
          contactName: text(50),
          contactPhone: phone,
        }),
        response: { 201: portalAppeal },
      },
    },
    async (request, reply) => {
      const r = await service.submit(authedCtx(request), request.body, request.headers['idempotency-key']);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.body);
    },
  );

  app.post(
    '/api/portal/appeals/:id/evaluate',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: {
        tags: ['portal'],
        summary: '评价答复：满意/基本满意办结，不满意重办',
        params: idParams,
        body: z.strictObject({ version, rating: z.enum(EVALUATION_RATINGS, '评价不正确'), comment: optionalText(1000) }),
        response: { 200: portalAppeal },
      },
    },
    async (request) => service.evaluate(authedCtx(request), request.params.id, request.body),
  );
}
