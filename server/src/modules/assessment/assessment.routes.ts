// HTTP API of the R8.1 annual assessment: 机关党委 and 厅领导 see every unit (and, in the province, each
// city bureau's aggregate — never a city's records); a unit its own row; the appeals behind a unit's
// rates (issue 16 drill-down) to those who see the row.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import * as service from './assessment.service.ts';
import { provideDashboardSlot } from '../dashboard/index.ts';
import { ASSESSMENT_MEASURES, AssessmentAppealsSchema, AssessmentSchema } from '../../../../shared/api/assessment.ts';
import { id } from '../../http/schemas.ts';

// R8.1 the dashboard's 年度考核 panel.
provideDashboardSlot('assessment', service.assessmentSlot);

const READERS = ['oversight', 'leader', 'unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];

export function assessmentRoutes(app: ZApp) {
  app.get(
    '/api/assessment',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['assessment'],
        summary: 'R8.1 年度考核：各处室（省厅另含各市）“2115”按时率、三率、满意度调查、督导、通报/约谈与得分',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional() }),
        response: { 200: AssessmentSchema },
      },
    },
    async (request) => service.assessment(authedCtx(request), request.query),
  );

  app.get(
    '/api/assessment/appeals',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['assessment'],
        summary: 'R8.1 年度考核指标背后的诉求：某处室某年度按时率、解决率、满意率的分母诉求（计入分子的标明）',
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
          unitId: id,
          measure: z.enum(ASSESSMENT_MEASURES, '指标不正确'),
        }),
        response: { 200: AssessmentAppealsSchema },
      },
    },
    async (request) => service.assessmentAppeals(authedCtx(request), request.query),
  );
}
