// HTTP API of the workbench's bulk work (issue 17, docs/APPEALS.md §7): 批量派单 of intake's queue
// (R3.2, the single dispatch per appeal) and the .xlsx export of a list (the list's own query).
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { DispatchBatchResultSchema } from '../../../../shared/api/appeals.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, optionalText, version } from '../../http/schemas.ts';
import { coUnits, listQuery } from './appeals.routes.ts';
import * as service from './appeals.service.ts';

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const INTAKE = ['intake', 'coordinator'] as const satisfies readonly Role[];

export function appealBulkRoutes(app: ZApp) {
  app.post(
    '/api/appeals/dispatch-batch',
    {
      config: { policy: { roles: INTAKE } },
      schema: {
        tags: ['appeals'],
        summary: `批量派单（R3.2）：多件诉求派给同一主办处室，每件单独事务、单独结果（最多${service.DISPATCH_BATCH_MAX}件）`,
        body: z.strictObject({
          items: z
            .array(z.strictObject({ id: z.uuid('诉求编号不正确'), version }), '请选择要派单的诉求')
            .min(1, '请选择要派单的诉求')
            .max(service.DISPATCH_BATCH_MAX, `一次最多派单${service.DISPATCH_BATCH_MAX}件`),
          leadUnitId: id,
          coUnits: coUnits.optional(),
          note: optionalText(500),
          leadOverrideReason: optionalText(500),
        }),
        response: { 200: DispatchBatchResultSchema },
      },
    },
    async (request) => service.dispatchBatch(authedCtx(request), request.body),
  );
  app.get(
    '/api/appeals/export.xlsx',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: `按当前页签、筛选和排序导出诉求列表 .xlsx（与列表同一查询，最多${service.EXPORT_MAX_ROWS}件，写审计）`,
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const r = await service.exportXlsx(authedCtx(request), request.query, service.EXPORT_MAX_ROWS);
      const name = `诉求列表-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="appeals.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-export-count', String(r.count))
        .header('x-export-capped', String(r.capped))
        .send(r.buf);
    },
  );
}
