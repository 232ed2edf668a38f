// HTTP API of 建议提案 (R3.3): 办公室 (intake) or the coordinator registers and enters the deputy's /
// member's evaluation and reopens handling after a 不满意; the lead unit writes the reply letter;
// leaders and oversight read. Another unit's proposal answers 404 like a missing one.
import { z } from 'zod';
import { APPEAL_CATEGORIES } from '../../../../shared/appeals.ts';
import { AppealProposalSchema, ProposalListSchema, ProposalViewSchema } from '../../../../shared/api/proposals.ts';
import { PROPOSAL_EVALUATIONS, PROPOSAL_KINDS, PROPOSAL_STATES } from '../../../../shared/proposals.ts';
import type { Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, phone, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import { proposalsXlsx } from './proposals.xlsx.ts';
import * as service from './proposals.service.ts';

registerResource('proposal', { load: service.proposalOwner, visible: service.canSeeProposal });

const REGISTRARS = ['intake', 'coordinator'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const READERS = [...REGISTRARS, ...UNIT, 'leader', 'oversight'] as const satisfies readonly Role[];
const APPEAL_READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const tags = ['proposals'];
const isoDate = (msg: string) => z.string(msg).refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const year = z.coerce.number().int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确');

export function proposalRoutes(app: ZApp) {
  app.get(
    '/api/proposals',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R3.3 建议提案（人大代表建议、政协委员提案；处室只看本处室主办的）',
        querystring: z.strictObject({
          year: year.optional(),
          kind: z.enum(PROPOSAL_KINDS, '类别不正确').optional(),
          state: z.enum(PROPOSAL_STATES, '状态不正确').optional(),
          unitId: id.optional(),
        }),
        response: { 200: ProposalListSchema },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.post(
    '/api/proposals',
    {
      config: { policy: { roles: REGISTRARS } },
      schema: {
        tags,
        summary: 'R3.3 登记建议提案（同时按诉求受理并派主办处室，2115时限照常计算）',
        body: z.strictObject({
          kind: z.enum(PROPOSAL_KINDS, '请选择人大代表建议或政协委员提案'),
          number: text(20),
          session: text(60),
          proposerName: text(50),
          delegation: text(50),
          title: text(150),
          content: text(10000),
          assignedOn: isoDate('请填写交办日期'),
          leadUnitId: id,
          enterpriseId: id.nullable().optional(),
          enterpriseName: optionalText(200),
          contactName: text(50),
          contactPhone: phone,
          category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确').optional(),
        }),
        response: { 201: ProposalViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.register(authedCtx(request), request.body)),
  );

  app.get(
    '/api/proposals/yearly.xlsx',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R3.3 下载年度建议提案办理清单 .xlsx（按主办处室；处室只含本处室）',
        querystring: z.strictObject({ year, unitId: id.optional() }),
      },
    },
    async (request, reply) => {
      const list = await service.yearList(authedCtx(request), request.query);
      const name = `${list.year}年建议提案办理清单.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="proposals-${list.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(await proposalsXlsx(list));
    },
  );

  app.get(
    '/api/proposals/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'proposal' } } },
      schema: { tags, summary: 'R3.3 建议提案详情（各轮答复与评价）', params: idParams, response: { 200: ProposalViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/proposals/:id/reply',
    {
      config: { policy: { roles: UNIT, resource: { type: 'proposal' } } },
      schema: {
        tags,
        summary: 'R3.3 主办处室提交答复函',
        params: idParams,
        body: z.strictObject({ version, replyText: text(20000) }),
        response: { 200: ProposalViewSchema },
      },
    },
    async (request) => service.reply(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/evaluation',
    {
      config: { policy: { roles: REGISTRARS, resource: { type: 'proposal' } } },
      schema: {
        tags,
        summary: 'R3.3 登记代表委员对答复的评价（满意、基本满意、不满意）',
        params: idParams,
        body: z.strictObject({ version, evaluation: z.enum(PROPOSAL_EVALUATIONS, '请选择评价'), note: optionalText(2000) }),
        response: { 200: ProposalViewSchema },
      },
    },
    async (request) => service.evaluate(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/rehandle',
    {
      config: { policy: { roles: REGISTRARS, resource: { type: 'proposal' } } },
      schema: {
        tags,
        summary: 'R3.3 不满意的重新办理（新的答复期限自今日起算）',
        params: idParams,
        body: z.strictObject({ version, reason: text(2000) }),
        response: { 200: ProposalViewSchema },
      },
    },
    async (request) => service.rehandle(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/appeals/:id/proposal',
    {
      config: { policy: { roles: APPEAL_READERS, resource: { type: 'appeal' } } },
      schema: { tags, summary: 'R3.3 诉求对应的建议提案及其答复期限（无则为空）', params: idParams, response: { 200: AppealProposalSchema } },
    },
    async (request) => service.ofAppeal(authedCtx(request), request.params.id),
  );
}
