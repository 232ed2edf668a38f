// HTTP API of research (R2.1–R2.4, R7.1): tasks, the R2.2 coverage while choosing enterprises, visits,
// findings, solutions with 成果运用, closing (R7.1), the R2.4 quota. Another tenant's task answers 404.
import { z } from 'zod';
import { CoverageSchema, ResearchListSchema, ResearchOfRecordSchema, ResearchQuotaSchema, ResearchViewSchema } from '../../../../shared/api/research.ts';
import { RESEARCH_FORMS, RESEARCH_TOPICS, RESULT_USES, SOLUTION_STATUSES } from '../../../../shared/research.ts';
import type { Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import { recordCommonFields } from '../../http/field-record-body.ts';
import * as service from './research.service.ts';
import { quotaSlot } from './research.quota-slot.ts';
import { provideDashboardSlot } from '../dashboard/index.ts';

// The dashboard's quota panel (R1.4, R1.8 from contacts; R2.4).
provideDashboardSlot('quotas', quotaSlot);

registerResource('research', { load: service.owner });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
/** The organiser is decided by the transition table: the organising unit's roles or 政策法规处. */
const WRITERS = ['unit_staff', 'liaison', 'unit_head', 'coordinator'] as const satisfies readonly Role[];
const tags = ['research'];
const resource = { type: 'research' } as const;
const isoDate = z.string('请填写日期').refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const fields = {
  topic: z.enum(RESEARCH_TOPICS, '调研专题不正确'),
  title: text(200),
  unitId: id,
  leaderIds: z.array(id).max(10, '参加调研的领导最多10位').default([]),
  form: z.enum(RESEARCH_FORMS, '调研形式不正确'),
  inspectionRef: optionalText(200),
  periodFrom: isoDate,
  periodTo: isoDate,
};
const enterpriseIds = z.array(id).max(200, '一个调研任务最多200家企业');

export function researchRoutes(app: ZApp) {
  app.get(
    '/api/research',
    { config: { policy: { roles: READERS } }, schema: { tags, summary: '本单位的调研任务', response: { 200: ResearchListSchema } } },
    async (request) => service.list(authedCtx(request)),
  );

  app.get(
    '/api/research/coverage',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R2.2 所选企业的行业、规模、所有制、小微、困难企业覆盖情况（与本单位企业名录对照），缺少民营、小微、困难企业时提示',
        querystring: z.strictObject({ enterpriseIds: z.string().max(8000).default('') }),
        response: { 200: CoverageSchema },
      },
    },
    async (request) => {
      const ids = request.query.enterpriseIds.split(',').filter(Boolean);
      const parsed = enterpriseIds.safeParse(ids);
      if (!parsed.success) return service.coverageFor(authedCtx(request), []);
      return service.coverageFor(authedCtx(request), parsed.data);
    },
  );

  app.get(
    '/api/research/quota',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R2.4 各监管、执法处室本年度调研走访次数与要求（本单位参数 researchVisitsPerYear）',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: ResearchQuotaSchema },
      },
    },
    async (request) => service.quota(authedCtx(request), request.query.year),
  );

  app.post(
    '/api/research',
    {
      config: { policy: { roles: WRITERS } },
      schema: {
        tags,
        summary: '登记调研任务（R2.1 专题、R2.3 组织处室和形式、期间、调研企业）',
        body: z.strictObject({ ...fields, enterpriseIds: enterpriseIds.default([]) }),
        response: { 201: ResearchViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.get(
    '/api/research/:id',
    {
      config: { policy: { roles: READERS, resource } },
      schema: { tags, summary: '调研任务详情（企业及覆盖情况、措施、可做的操作）', params: idParams, response: { 200: ResearchViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.get(
    '/api/research/of-record',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R2.4 一条现场记录所属的调研任务（不属于任何调研任务时为 null）',
        querystring: z.strictObject({ recordId: id }),
        response: { 200: ResearchOfRecordSchema },
      },
    },
    async (request) => service.ofFieldRecord(authedCtx(request), request.query.recordId),
  );

  app.put(
    '/api/research/:id',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: { tags, summary: '修改调研任务', params: idParams, body: z.strictObject({ ...fields, version }), response: { 200: ResearchViewSchema } },
    },
    async (request) => service.edit(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/research/:id/enterprises',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '增加调研企业',
        params: idParams,
        body: z.strictObject({ enterpriseIds: enterpriseIds.min(1, '请选择企业') }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.addEnterprises(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/research/:id/transition',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '开始调研；完成调研（R7.1 须有调研发现，并至少一项措施或不提出措施的原因）',
        params: idParams,
        body: z.strictObject({ action: z.enum(['start', 'close'], '操作不正确'), version }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.transition(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/research/:id/visits',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: 'R2.4 登记走访一家调研企业：形成一条“调研走访”现场记录；R7.1 须写明发现的问题和后续措施',
        params: idParams,
        body: z.strictObject({ enterpriseId: id, ...recordCommonFields }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.recordVisit(authedCtx(request), request.params.id, request.body),
  );

  app.put(
    '/api/research/:id/findings',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '录入调研发现、经验做法、不提出措施的原因',
        params: idParams,
        body: z.strictObject({ version, findings: optionalText(10000), goodPractice: optionalText(10000), noSolutionReason: optionalText(2000) }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.recordFindings(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/research/:id/solutions',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: 'R2.4 提出解决措施（责任处室、完成时限）',
        params: idParams,
        body: z.strictObject({ description: text(2000), ownerUnitId: id, dueDate: isoDate }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.addSolution(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/research/:id/solutions/update',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: 'R2.4 更新措施落实情况与成果运用（出台措施、出台政策、解决诉求，附证明）',
        params: idParams,
        body: z.strictObject({
          solutionId: id,
          version,
          status: z.enum(SOLUTION_STATUSES, '落实情况不正确'),
          useKind: z.enum(RESULT_USES, '成果运用类型不正确').nullable().optional(),
          useEvidence: optionalText(1000),
        }),
        response: { 200: ResearchViewSchema },
      },
    },
    async (request) => service.updateSolution(authedCtx(request), request.params.id, request.body),
  );
}
