// HTTP API of the enterprise portal (issue 7). Enterprise side (role 'enterprise'): /api/portal/* — only
// the account's own enterprise's appeals; another id answers 404 exactly like a missing one (resource
// 'portalAppeal'). Accounts and self-registration (staff and public routes): portal.accounts.routes.ts.
import { z } from 'zod';
import { APPEAL_CATEGORIES, EVALUATION_RATINGS } from '../../../../shared/appeals.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, optionalText, pagination, phone, text, version } from '../../http/schemas.ts';
import type { Actor } from '../../lib/context.ts';
import { registerResource, type ResourceOwner } from '../../plugins/policy.ts';
import { portalAccountRoutes } from './portal.accounts.routes.ts';
import * as service from './portal.service.ts';
import { PortalAppealSchema } from '../../../../shared/api/portal.ts';
import { listOf } from '../../../../shared/api/common.ts';

registerResource('portalAppeal', {
  load: service.owner,
  visible: (actor: Actor, owner: ResourceOwner) =>
    Boolean(actor.enterpriseId) && (owner as ResourceOwner & { enterpriseId?: string | null }).enterpriseId === actor.enterpriseId,
});

export function portalRoutes(app: ZApp) {
  portalAccountRoutes(app);

  // ---- enterprise: own appeals ----
  app.get(
    '/api/portal/appeals',
    {
      config: { policy: { roles: ['enterprise'] } },
      schema: { tags: ['portal'], summary: '我的诉求', querystring: z.strictObject({ ...pagination }), response: { 200: listOf(PortalAppealSchema) } },
    },
    async (request) => service.listAppeals(authedCtx(request), request.query),
  );

  app.get(
    '/api/portal/appeals/:id',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '我的诉求详情（办理节点、答复）', params: idParams, response: { 200: PortalAppealSchema } },
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
        response: { 201: PortalAppealSchema },
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
        response: { 200: PortalAppealSchema },
      },
    },
    async (request) => service.evaluate(authedCtx(request), request.params.id, request.body),
  );
}
