// Issue 18: 事件推送 — a tenant's webhook subscriptions and their delivery log (sysadmin).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOf } from '../../../../shared/api/common.ts';
import { WebhookDeliverySchema, WebhookSecretAnswerSchema, WebhookSubscriptionSchema } from '../../../../shared/api/delivery.ts';
import { WEBHOOK_EVENTS } from '../../../../shared/webhooks.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './webhooks.service.ts';

registerResource('webhook', { load: service.owner });

const events = z.array(z.enum(WEBHOOK_EVENTS, '事件类型不正确')).min(1, '至少选择一种事件').max(WEBHOOK_EVENTS.length, '事件类型不能重复');
const url = text(500);
const policy = { roles: ['sysadmin'] as const };
const tags = ['integrations'];
/** The install's rule for webhook destinations (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
const net = (request: FastifyRequest) => ({ allowPrivateNetworks: request.server.config.webhookAllowPrivateNetworks });

export function webhookRoutes(app: ZApp) {
  app.get(
    '/api/webhooks',
    { config: { policy }, schema: { tags, summary: '事件推送订阅列表', response: { 200: listOf(WebhookSubscriptionSchema) } } },
    async (request) => service.list(authedCtx(request)),
  );

  app.post(
    '/api/webhooks',
    {
      config: { policy },
      schema: {
        tags,
        summary: '新增事件推送（签名密钥仅此一次显示）',
        body: z.strictObject({ name: text(50), url, events, clientId: id.nullable().optional() }),
        response: { 201: WebhookSecretAnswerSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body, net(request))),
  );

  app.get(
    '/api/webhooks/:id',
    {
      config: { policy: { ...policy, resource: { type: 'webhook' } } },
      schema: { tags, summary: '事件推送详情', params: idParams, response: { 200: WebhookSubscriptionSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      config: { policy: { ...policy, resource: { type: 'webhook' } } },
      schema: {
        tags,
        summary: '修改、停用或重新启用事件推送',
        params: idParams,
        body: z.strictObject({
          version,
          name: text(50).optional(),
          url: url.optional(),
          events: events.optional(),
          clientId: id.nullable().optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: WebhookSubscriptionSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body, net(request)),
  );

  app.post(
    '/api/webhooks/:id/rotate-secret',
    {
      config: { policy: { ...policy, resource: { type: 'webhook' } } },
      schema: {
        tags,
        summary: '更换签名密钥（新密钥仅此一次显示；旧密钥继续签名24小时）',
        params: idParams,
        body: z.strictObject({ version }),
        response: { 200: WebhookSecretAnswerSchema },
      },
    },
    async (request) => service.rotateSecret(authedCtx(request), request.params.id, request.body.version),
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      config: { policy: { ...policy, resource: { type: 'webhook' } } },
      schema: {
        tags,
        summary: '投递记录（每条消息及其每次尝试）',
        params: idParams,
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          status: z.enum(['pending', 'delivered', 'failed'], '状态不正确').optional(),
        }),
        response: { 200: listOf(WebhookDeliverySchema) },
      },
    },
    async (request) => service.deliveries(authedCtx(request), request.params.id, request.query),
  );

  app.post(
    '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: { policy: { ...policy, resource: { type: 'webhook' } } },
      schema: {
        tags,
        summary: '手动重新投递一条消息',
        params: z.strictObject({ id, deliveryId: id }),
        response: { 200: WebhookDeliverySchema },
      },
    },
    async (request) => service.redeliver(authedCtx(request), request.params.id, request.params.deliveryId, net(request)),
  );
}
