// The auditor's read-only view of the audit log (三权分立: only auditor reads it; nobody edits it).
import { Readable } from 'node:stream';
import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { listOf, pagination, text } from '../../http/schemas.ts';
import { iterateAudit, listAudit, type AuditFilter } from './audit.repository.ts';

const filterQuery = {
  from: z.iso.datetime({ offset: true, message: '时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '时间格式不正确' }).optional(),
  actor: text(50, 0).optional(),
  entity: z.string().regex(/^[a-z_]{1,40}$/, '对象类型不正确').optional(),
  action: z.string().regex(/^[a-z_.]{1,60}$/, '操作类型不正确').optional(),
  entityId: z.string().max(64).optional(),
};

const entrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

type Q = { from?: string; to?: string; actor?: string; entity?: string; action?: string; entityId?: string };
const toFilter = (tenantId: string, q: Q): AuditFilter => ({
  tenantId,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
  actor: q.actor || undefined,
  entity: q.entity,
  action: q.action,
  entityId: q.entityId,
});

const present = (r: Awaited<ReturnType<typeof listAudit>>['items'][number]) => ({ ...r, at: r.at.toISOString() });

const csvCell = (v: unknown) => {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Spreadsheet formula injection guard.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
};

export function auditRoutes(app: ZApp) {
  app.get(
    '/api/audit',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: { tags: ['audit'], summary: '审计日志', querystring: z.strictObject({ ...filterQuery, ...pagination }), response: { 200: listOf(entrySchema) } },
    },
    async (request) => {
      const ctx = authedCtx(request);
      const { page, pageSize, ...q } = request.query;
      const r = await listAudit(ctx.db, toFilter(ctx.actor.tenantId, q), { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: r.items.map(present), total: r.total };
    },
  );

  app.get(
    '/api/audit/export.csv',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: { tags: ['audit'], summary: '导出审计日志（CSV）', querystring: z.strictObject(filterQuery) },
    },
    async (request, reply) => {
      const ctx = authedCtx(request);
      const filter = toFilter(ctx.actor.tenantId, request.query);
      const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });
      async function* lines() {
        yield '\uFEFF' + ['时间', '操作人', '操作', '对象类型', '对象ID', '摘要', '变更前', '变更后', 'IP', '请求ID'].map(csvCell).join(',') + '\r\n';
        for await (const batch of iterateAudit(ctx.db, filter)) {
          yield batch
            .map((r) => [fmt.format(r.at), r.actorName, r.action, r.entity, r.entityId, r.summary, r.before, r.after, r.ip, r.requestId].map(csvCell).join(',') + '\r\n')
            .join('');
        }
      }
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="audit-log.csv"`);
      return reply.send(Readable.from(lines()));
    },
  );
}
