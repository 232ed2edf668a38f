// Issue 18: the staff page 集成接入 — the tenant's sysadmin registers integration clients, issues and
// revokes their API tokens. (The token API itself: work-orders.routes.ts.)
import { z } from 'zod';
import { IntegrationClientListSchema, IntegrationClientSchema, IntegrationTokenSchema, IssuedTokenSchema } from '../../../../shared/api/integrations.ts';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, INTEGRATION_CHANNELS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../../../../shared/integrations.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, optionalText, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './integrations.service.ts';

registerResource('integrationClient', { load: service.clientOwner });
registerResource('integrationToken', { load: service.tokenOwner });

const clientFields = {
  name: text(50),
  channel: z.enum(INTEGRATION_CHANNELS, '渠道不正确'),
  rateLimitPerMinute: z.number('须为整数').int('须为整数').min(1, '至少每分钟1次').max(6000, '每分钟最多6000次'),
  ipAllowList: z.array(text(64)).max(50, '白名单最多50项'),
  /** Issue 18 / R3.4 自动派单. */
  autoDispatch: z.boolean('须为是或否'),
  note: optionalText(500),
};

const policy = { policy: { roles: ['sysadmin'] as const } };
const onClient = { policy: { roles: ['sysadmin'] as const, resource: { type: 'integrationClient' } } };

export function integrationRoutes(app: ZApp) {
  app.get(
    '/api/integration-clients',
    { config: policy, schema: { tags: ['integrations-admin'], summary: '接入系统列表（含令牌）', response: { 200: IntegrationClientListSchema } } },
    async (request) => service.listClients(authedCtx(request)),
  );

  app.post(
    '/api/integration-clients',
    {
      config: policy,
      schema: {
        tags: ['integrations-admin'],
        summary: '登记接入系统',
        body: z.strictObject({
          ...clientFields,
          rateLimitPerMinute: clientFields.rateLimitPerMinute.default(DEFAULT_RATE_LIMIT_PER_MINUTE),
          ipAllowList: clientFields.ipAllowList.default([]),
          autoDispatch: clientFields.autoDispatch.default(false),
        }),
        response: { 201: IntegrationClientSchema },
      },
    },
    async (request, reply) => {
      const { note, ...rest } = request.body;
      return reply.status(201).send(await service.createClient(authedCtx(request), { ...rest, note: note ?? '' }));
    },
  );

  app.get(
    '/api/integration-clients/:id',
    { config: onClient, schema: { tags: ['integrations-admin'], summary: '接入系统详情', params: idParams, response: { 200: IntegrationClientSchema } } },
    async (request) => service.getClient(authedCtx(request), request.params.id),
  );

  app.patch(
    '/api/integration-clients/:id',
    {
      config: onClient,
      schema: {
        tags: ['integrations-admin'],
        summary: '修改、停用或启用接入系统',
        params: idParams,
        body: z.strictObject({
          version,
          name: clientFields.name.optional(),
          channel: clientFields.channel.optional(),
          rateLimitPerMinute: clientFields.rateLimitPerMinute.optional(),
          ipAllowList: clientFields.ipAllowList.optional(),
          autoDispatch: clientFields.autoDispatch.optional(),
          note: optionalText(500),
          disabled: z.boolean().optional(),
        }),
        response: { 200: IntegrationClientSchema },
      },
    },
    async (request) => {
      const { note, ...rest } = request.body;
      return service.updateClient(authedCtx(request), request.params.id, { ...rest, ...(note !== undefined ? { note: note ?? '' } : {}) });
    },
  );

  app.post(
    '/api/integration-clients/:id/tokens',
    {
      config: onClient,
      schema: {
        tags: ['integrations-admin'],
        summary: '签发接口令牌（令牌只在此应答中出现一次）',
        params: idParams,
        body: z.strictObject({
          scopes: z.array(z.enum(TOKEN_SCOPES, '权限范围不正确')).min(1, '至少选择一项权限范围').max(TOKEN_SCOPES.length),
          expiresInDays: z.number('须为整数').int('须为整数').min(1, '有效期至少1天').max(TOKEN_MAX_DAYS, `有效期最长${TOKEN_MAX_DAYS}天`),
        }),
        response: { 201: IssuedTokenSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.issueToken(authedCtx(request), request.params.id, request.body)),
  );

  app.post(
    '/api/integration-tokens/:id/revoke',
    {
      config: { policy: { roles: ['sysadmin'], resource: { type: 'integrationToken' } } },
      schema: { tags: ['integrations-admin'], summary: '吊销接口令牌', params: idParams, response: { 200: IntegrationTokenSchema } },
    },
    async (request) => service.revokeToken(authedCtx(request), request.params.id),
  );
}
