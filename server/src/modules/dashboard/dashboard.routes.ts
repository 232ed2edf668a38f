// HTTP API of the dashboard (issue 16, docs/REPORTS.md): one call per tenant-year.
import { z } from 'zod';
import { DashboardSchema } from '../../../../shared/api/dashboard.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { DASHBOARD_ROLES } from './dashboard.access.ts';
import { dashboard } from './dashboard.service.ts';

export function dashboardRoutes(app: ZApp) {
  app.get(
    '/api/dashboard',
    {
      config: { policy: { roles: DASHBOARD_ROLES } },
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：年度受理办结、三率与“2115”按时率（按处室排名）、当前逾期、满意度趋势、各市汇总（省厅）',
        querystring: z.strictObject({
          year: z.coerce.number('年度须为数字').int('年度须为整数').min(2020, '年度不能早于2020年').max(2100, '年度不正确').optional(),
        }),
        response: { 200: DashboardSchema },
      },
    },
    async (request) => dashboard(authedCtx(request), request.query),
  );
}
