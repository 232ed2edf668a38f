// Issue 18: 短信发件箱 (GET /api/sms-outbox): the tenant's outbound SMS and whether a gateway sends them.
import { z } from 'zod';
import { SmsOutboxPageSchema } from '../../../../shared/api/delivery.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import * as service from './portal.sms.service.ts';

export function portalSmsRoutes(app: ZApp) {
  app.get(
    '/api/sms-outbox',
    {
      config: { policy: { roles: ['sysadmin', 'intake'] } },
      schema: {
        tags: ['integrations'],
        summary: '短信发件箱',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          status: z.enum(['pending', 'sent', 'failed'], '状态不正确').optional(),
        }),
        response: { 200: SmsOutboxPageSchema },
      },
    },
    async (request) => service.outbox(authedCtx(request), request.server.config.sms !== null, request.query),
  );
}
