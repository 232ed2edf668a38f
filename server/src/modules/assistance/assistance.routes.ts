// HTTP API of the assistance panels (capability 8, R6.1): intake's suggestions while typing, and the
// portal's matching answers before an enterprise submits.
import { z } from 'zod';
import { HotTopicsSchema, PortalAnswersSchema, SuggestionsSchema } from '../../../../shared/api/knowledge.ts';
import { ResearchViewSchema } from '../../../../shared/api/research.ts';
import { SECTORS } from '../../../../shared/roles.ts';
import { provideDashboardSlot } from '../dashboard/index.ts';
import * as hot from './assistance.hot-topics.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, optionalText, text } from '../../http/schemas.ts';
import * as service from './assistance.service.ts';

const tags = ['assistance'];

// The dashboard's 热点 panel (capability 8).
provideDashboardSlot('hotTopics', hot.hotTopicsSlot);
const typed = { title: z.string().max(200, '不能超过200字').default(''), content: z.string().max(5000, '不能超过5000字').default('') };

export function assistanceRoutes(app: ZApp) {
  app.post(
    '/api/assistance/suggestions',
    {
      config: { policy: { roles: ['intake', 'coordinator'] } },
      schema: {
        tags,
        summary: '受理登记辅助：相似历史诉求、知识库答复、重复诉求提示（本单位）',
        body: z.strictObject({ ...typed, enterpriseId: id.nullable().optional(), enterpriseUscc: optionalText(18) }),
        response: { 200: SuggestionsSchema },
      },
    },
    async (request) => service.suggestions(authedCtx(request), request.body),
  );
  app.post(
    '/api/portal/knowledge-answers',
    {
      config: { policy: { roles: ['enterprise'] } },
      schema: { tags, summary: '提交诉求前：与所填内容相关的已发布政策答复', body: z.strictObject(typed), response: { 200: PortalAnswersSchema } },
    },
    async (request) => service.portalAnswers(authedCtx(request), request.body),
  );
  app.get(
    '/api/assistance/hot-topics',
    {
      config: { policy: { roles: ['leader', 'unit_head', 'coordinator', 'intake', 'oversight'] } },
      schema: {
        tags,
        summary: '诉求热点：本周或近30天上升的关键词和类别（对数似然比），可按行业、地市；省厅含各市',
        querystring: z.strictObject({ period: z.enum(['week', 'month']).default('month'), sector: z.enum(SECTORS).optional(), cityId: id.optional() }),
        response: { 200: HotTopicsSchema },
      },
    },
    async (request) =>
      hot.hotTopics(authedCtx(request), { period: request.query.period, sector: request.query.sector ?? null, cityId: request.query.cityId ?? null }),
  );
  app.post(
    '/api/assistance/hot-topics/research',
    {
      config: { policy: { roles: ['unit_staff', 'liaison', 'unit_head', 'coordinator'] } },
      schema: {
        tags,
        summary: '将诉求热点转为调研课题（调研任务，涉及的名录企业一并列入）',
        body: z.strictObject({ keyword: text(50), period: z.enum(['week', 'month']).default('month'), unitId: id }),
        response: { 201: ResearchViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await hot.toResearch(authedCtx(request), request.body)),
  );
}
