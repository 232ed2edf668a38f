// HTTP API of the reports (issue 16, docs/REPORTS.md): list, generate on demand, download (.docx /
// .xlsx, audited), and the R6.5 leader-transfer report as .docx.
import { z } from 'zod';
import { REPORT_KINDS, ReportListSchema, ReportSchema } from '../../../../shared/api/reports.ts';
import type { Role } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, pagination } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './reports.service.ts';

// Another tenant's report answers 404 like a missing one.
registerResource('report', { load: service.owner });

/** Read and download: those who prepare the reports, oversight, and the leaders they are written for. */
export const REPORT_READERS = ['leader', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
/** Generate on demand: 办公室 / complaint centre, 政策法规处, 机关党委. */
export const REPORT_WRITERS = ['intake', 'coordinator', 'oversight'] as const satisfies readonly Role[];
/** R6.5 the leader-transfer report: as its .xlsx (escalation module). */
const LEADER_REPORT_ROLES = ['intake', 'coordinator'] as const satisfies readonly Role[];

const kind = z.enum(REPORT_KINDS, '报告类型应为 monthly（月报）或 annual（年报）');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const disposition = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function reportRoutes(app: ZApp) {
  app.get(
    '/api/reports',
    {
      config: { policy: { roles: REPORT_READERS } },
      schema: {
        tags: ['reports'],
        summary: '本单位的月报、年报（新的在前）',
        querystring: z.strictObject({ kind: kind.optional(), ...pagination }),
        response: { 200: ReportListSchema },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.post(
    '/api/reports',
    {
      config: { policy: { roles: REPORT_WRITERS } },
      schema: {
        tags: ['reports'],
        summary: '立即生成一期月报或年报（.docx 和 .xlsx；同一期可多次生成，保留各版本）',
        body: z.strictObject({ kind, period: z.string('须填写报告期间').max(7, '期间格式不正确') }),
        response: { 201: ReportSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.generate(authedCtx(request), request.body)),
  );

  app.get(
    '/api/reports/:id',
    {
      config: { policy: { roles: REPORT_READERS, resource: { type: 'report' } } },
      schema: { tags: ['reports'], summary: '一份报告的信息', params: idParams, response: { 200: ReportSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/reports/:id/${format}`,
      {
        config: { policy: { roles: REPORT_READERS, resource: { type: 'report' } } },
        schema: { tags: ['reports'], summary: `下载报告 .${format}（记入审计日志）`, params: idParams },
      },
      async (request, reply) => {
        const file = await service.download(authedCtx(request), request.params.id, format);
        return reply
          .type(MIME[format])
          .header('content-disposition', disposition(`report.${format}`, file.filename))
          .send(file.data);
      },
    );
  }

  app.get(
    '/api/leader-reports/docx',
    {
      config: { policy: { roles: LEADER_REPORT_ROLES } },
      schema: { tags: ['reports'], summary: 'R6.5 下载省政府领导转办事项月报 .docx（记入审计日志）', querystring: z.strictObject({ month }) },
    },
    async (request, reply) => {
      const m = request.query.month;
      const file = await service.leaderTransfersDocx(authedCtx(request), m);
      return reply
        .type(MIME.docx)
        .header('content-disposition', disposition(`leader-report-${m}.docx`, file.filename))
        .send(file.data);
    },
  );
}
