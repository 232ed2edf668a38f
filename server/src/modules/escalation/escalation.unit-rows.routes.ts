// HTTP API of R6.5 the handling units' rows of the monthly report (issue 22; docs/APPEALS.md §10.3):
// units write and confirm their rows from the 20th, 办公室 sees every unit's confirmation.
import { z } from 'zod';
import { LeaderReportRowsSchema } from '../../../../shared/api/escalation.ts';
import type { Role } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, text } from '../../http/schemas.ts';
import { unitRows, writeUnitRow } from './escalation.unit-rows.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const READERS = ['intake', 'coordinator', 'unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const tags = ['escalation'];

export function leaderReportRowRoutes(app: ZApp) {
  app.get(
    '/api/leader-reports/rows',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R6.5 月报各主办处室的办理情况（处室看本处室，办公室看全部及未确认的处室）',
        querystring: z.strictObject({ month }),
        response: { 200: LeaderReportRowsSchema },
      },
    },
    async (request) => unitRows(authedCtx(request), request.query.month),
  );
  app.post(
    '/api/leader-reports/rows',
    {
      config: { policy: { roles: UNIT } },
      schema: {
        tags,
        summary: 'R6.5 主办处室填报（并确认）一件诉求的本月办理情况（每月20日起）',
        body: z.strictObject({ month, appealId: id, progress: text(2000, 0), confirm: z.boolean().default(false) }),
        response: { 200: LeaderReportRowsSchema },
      },
    },
    async (request) => writeUnitRow(authedCtx(request), request.body.month, request.body.appealId, request.body),
  );
}
