// Issue 18: the token API for work orders (tag integrations). These routes open to an integration
// client's API token only (policy `token`, plugins/policy.ts): no session, no CSRF, no roles. The
// client, its tenant and its channel come from the token. docs/INTEGRATIONS.md.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { APPEAL_CATEGORIES } from '../../../../shared/appeals.ts';
import { WorkOrderBatchSchema, WorkOrderReceiptSchema, WorkOrderStatusSchema } from '../../../../shared/api/integrations.ts';
import { WORK_ORDER_BATCH_MAX } from '../../../../shared/integrations.ts';
import { SECTORS } from '../../../../shared/roles.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { ZApp } from '../../http/context.ts';
import { optionalText, phone, text } from '../../http/schemas.ts';
import type { IntegrationCtx } from '../appeals/index.ts';
import * as workOrders from './integrations.work-orders.ts';

const externalId = z
  .string()
  .trim()
  .regex(/^[^\s/?#%\\]{1,64}$/, '工单编号须为1至64个字符，不能含空白及 / ? # % \\');

/** One work order as the source platform sends it. The channel is the client's. */
export const WorkOrderBody = z.strictObject({
  externalId,
  title: text(200),
  content: text(5000),
  category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确').default('other'),
  contactName: text(50),
  contactPhone: phone,
  enterpriseName: text(200),
  enterpriseUscc: optionalText(30),
  sector: z.enum(SECTORS, '行业不正确').nullable().optional(),
  receivedAt: z.iso
    .datetime({ offset: true, error: '时间格式应为 ISO 8601 并含时区，如 2026-03-02T09:30:00+08:00' })
    .transform((s) => new Date(s))
    .optional(),
  isSafetyHazard: z.boolean().optional(),
  isMajor: z.boolean().optional(),
  lulibanRef: optionalText(100),
});

/** Zod issues → the app's field paths (orders.3.title) with their Chinese messages. */
function fieldsOf(error: z.ZodError, prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[`${base}.${k}`] = '不允许的字段';
      continue;
    }
    fields[base || '_'] ??= issue.message;
  }
  return fields;
}

function integrationCtx(request: FastifyRequest): IntegrationCtx {
  if (!request.integration) throw new AppError(ErrorCode.UNAUTHENTICATED);
  return { db: request.server.db, actor: request.integration, ip: request.ip, requestId: request.id, tenantSnapshot: request.tenantSnapshot };
}

const security = [{ apiToken: [] }];

export function workOrderRoutes(app: ZApp) {
  app.post(
    '/api/integrations/v1/work-orders',
    {
      config: { policy: { token: { scope: 'work_orders:write' } } },
      schema: {
        tags: ['integrations'],
        operationId: 'pushWorkOrder',
        summary: '推送一张工单（受理为一件诉求，按工单编号幂等）',
        description:
          '同一接入系统、同一工单编号（externalId）：内容相同的重复推送返回首次的应答（响应头 Idempotent-Replayed: true）；内容变化的推送记为该诉求时间线上的“来源平台更新工单”（200，revision 加一），不会产生第二件诉求。',
        security,
        body: WorkOrderBody,
        response: { 201: WorkOrderReceiptSchema, 200: WorkOrderReceiptSchema },
      },
    },
    async (request, reply) => {
      const r = await workOrders.receive(integrationCtx(request), request.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(r.status as 200 | 201).send(r.body);
    },
  );

  app.post(
    '/api/integrations/v1/work-orders/batch',
    {
      config: { policy: { token: { scope: 'work_orders:write' } } },
      schema: {
        tags: ['integrations'],
        operationId: 'pushWorkOrderBatch',
        summary: `批量推送工单（补录，最多${WORK_ORDER_BATCH_MAX}张，逐张应答）`,
        description:
          'orders 的每一项与单张推送的请求体相同，逐张校验、逐张受理（各自一个事务）；某一张有误只影响该张，results[i] 给出其状态码与应答或错误（字段路径如 orders.3.title）。',
        security,
        body: z.strictObject({
          orders: z.array(z.record(z.string(), z.unknown())).min(1, '至少一张工单').max(WORK_ORDER_BATCH_MAX, `每批最多${WORK_ORDER_BATCH_MAX}张工单`),
        }),
        response: { 200: WorkOrderBatchSchema },
      },
    },
    async (request) => {
      const items: workOrders.BatchItem[] = request.body.orders.map((raw, i) => {
        const parsed = WorkOrderBody.safeParse(raw);
        if (parsed.success) return { ok: true, order: parsed.data };
        const id = typeof raw.externalId === 'string' ? raw.externalId.slice(0, 64) : null;
        return { ok: false, externalId: id, fields: fieldsOf(parsed.error, `orders.${i}`) };
      });
      return workOrders.receiveBatch(integrationCtx(request), items);
    },
  );

  app.get(
    '/api/integrations/v1/work-orders/:externalId',
    {
      config: { policy: { token: { scope: 'work_orders:read' } } },
      schema: {
        tags: ['integrations'],
        operationId: 'getWorkOrder',
        summary: '查询工单办理情况（状态、三个时限节点、答复与评价）',
        security,
        params: z.strictObject({ externalId }),
        response: { 200: WorkOrderStatusSchema },
      },
    },
    async (request) => workOrders.status(integrationCtx(request), request.params.externalId),
  );
}
