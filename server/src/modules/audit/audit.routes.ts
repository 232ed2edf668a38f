// The auditor's read-only view of the audit log (三权分立: only auditor reads it; nobody edits it);
// scope (own tenant, the province's view of its cities and of no-tenant rows) in audit.service.ts.
import { auditActionLabel, auditEntityLabel } from '../../../../shared/audit-labels.ts';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { pagination, text } from '../../http/schemas.ts';
import * as service from './audit.service.ts';
import { AuditArchiveListSchema, AuditArchiveSearchSchema, AuditEntrySchema, AuditScopesSchema } from '../../../../shared/api/audit.ts';
import { listOf } from '../../../../shared/api/common.ts';

const filterQuery = {
  tenant: z
    .string()
    .regex(/^([0-9A-Za-z]{1,20})$/, '单位代码不正确')
    .optional(),
  from: z.iso.datetime({ offset: true, message: '时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '时间格式不正确' }).optional(),
  actor: text(50, 0).optional(),
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/, '对象类型不正确')
    .optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$/, '操作类型不正确')
    .optional(),
  entityId: z.string().max(64).optional(),
};

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
      schema: {
        tags: ['audit'],
        summary: '审计日志（tenant：省厅审计管理员可选各市代码或 none）',
        querystring: z.strictObject({ ...filterQuery, ...pagination }),
        response: { 200: listOf(AuditEntrySchema) },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.get(
    '/api/audit/scopes',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: {
        tags: ['audit'],
        summary: '可查阅的单位（省厅审计管理员：本级、各市及无归属单位）',
        response: { 200: AuditScopesSchema },
      },
    },
    async (request) => service.scopes(authedCtx(request)),
  );

  // Issue 21: rows older than the retention live in verifiable archive files; the auditor searches them here.
  app.get(
    '/api/audit/archive',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志归档（逐个校验归档文件的哈希链）',
        querystring: z.strictObject({ ...filterQuery, ...pagination }),
        response: { 200: AuditArchiveSearchSchema },
      },
    },
    async (request) => service.searchArchive(authedCtx(request), request.query),
  );

  app.get(
    '/api/audit/archives',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: {
        tags: ['audit'],
        summary: '审计日志归档文件列表与在线保留期',
        querystring: z.strictObject({ tenant: filterQuery.tenant }),
        response: { 200: AuditArchiveListSchema },
      },
    },
    async (request) => service.archives(authedCtx(request), request.query),
  );

  app.get(
    '/api/audit/export.csv',
    {
      config: { policy: { roles: ['auditor'] } },
      schema: { tags: ['audit'], summary: '导出审计日志（CSV；导出本身记入审计日志）', querystring: z.strictObject(filterQuery) },
    },
    async (request, reply) => {
      const ctx = authedCtx(request);
      const rows = await service.exportRows(ctx, request.query);
      const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });
      async function* lines() {
        // Issue 17: the action and the object in Chinese first; their codes at the end for filtering.
        yield '\uFEFF' +
          ['时间', '操作人', '操作', '对象', '摘要', '变更前', '变更后', 'IP', '操作代码', '对象类型', '对象ID', '请求ID'].map(csvCell).join(',') +
          '\r\n';
        for await (const batch of rows) {
          yield batch
            .map(
              (r) =>
                [
                  fmt.format(r.at),
                  r.actorName,
                  auditActionLabel(r.action) ?? r.action,
                  auditEntityLabel(r.entity) ?? r.entity,
                  r.summary,
                  r.before,
                  r.after,
                  r.ip,
                  r.action,
                  r.entity,
                  r.entityId,
                  r.requestId,
                ]
                  .map(csvCell)
                  .join(',') + '\r\n',
            )
            .join('');
        }
      }
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="audit-log.csv"`);
      return reply.send(Readable.from(lines()));
    },
  );
}
