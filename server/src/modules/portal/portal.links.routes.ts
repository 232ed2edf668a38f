// Public, no-login endpoints of the evaluation link (issue 7). Policy `{ public: true }` like the
// self-registration route; per-IP rate limit (the PostgreSQL-stored one of the login).
import { z } from 'zod';
import { EVALUATION_RATINGS } from '../../../../shared/appeals.ts';
import { ctxOf, type ZApp } from '../../http/context.ts';
import { optionalText } from '../../http/schemas.ts';
import * as service from './portal.links.ts';
import { PublicEvaluationDoneSchema, PublicEvaluationSchema } from '../../../../shared/api/portal.ts';

// Any string up to a length: a malformed token is a forged one and gets EVALUATION_LINK_INVALID (the page says so), not a 400.
const tokenParams = z.strictObject({ token: z.string().max(200, '链接不正确') });

export function portalLinkRoutes(app: ZApp) {
  app.get(
    '/api/public/evaluations/:token',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['portal'],
        summary: '免登录评价：查看答复与链接状态（只读，不作任何记录）',
        params: tokenParams,
        response: { 200: PublicEvaluationSchema },
      },
    },
    async (request, reply) => {
      // The page holds a secret in its URL: no caching, no referrer.
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return service.view(ctxOf(request), request.params.token, { ratePerMinute: app.config.loginRatePerMinute });
    },
  );

  app.post(
    '/api/public/evaluations/:token',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['portal'],
        summary: '免登录评价：提交评价（满意/基本满意办结，不满意重办；链接仅可使用一次）',
        params: tokenParams,
        body: z.strictObject({ rating: z.enum(EVALUATION_RATINGS, '请选择评价：满意、基本满意或不满意'), comment: optionalText(1000) }),
        response: { 200: PublicEvaluationDoneSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.submit(ctxOf(request), request.params.token, request.body, { ratePerMinute: app.config.loginRatePerMinute });
    },
  );
}
