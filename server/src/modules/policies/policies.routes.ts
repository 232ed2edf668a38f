// HTTP API of policy consultation (R2.5): drafts, the consultation round, responses (portal and staff),
// adopted or not with the reason, 出台 (409 naming what is missing). Another tenant's draft, or for an
// enterprise one it is not asked in, answers 404.
import { z } from 'zod';
import { PolicyListSchema, PolicyViewSchema, PortalConsultationListSchema } from '../../../../shared/api/policies.ts';
import { SIZES } from '../../../../shared/enterprises.ts';
import { SECTORS, type Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './policies.service.ts';

registerResource('policyDraft', { load: service.owner, visible: (actor, owner) => service.visibleTo(actor, owner as { consulteeIds?: string[] }) });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const WRITERS = ['unit_staff', 'liaison', 'unit_head', 'coordinator'] as const satisfies readonly Role[];
const tags = ['policies'];
const resource = { type: 'policyDraft' } as const;
const isoDate = z.string('请填写日期').refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const draft = { title: text(200), draftingUnitId: id, body: text(50000), researchTaskIds: z.array(id).max(20, '最多关联20项调研').default([]) };

export function policyRoutes(app: ZApp) {
  app.get(
    '/api/policies',
    { config: { policy: { roles: READERS } }, schema: { tags, summary: '本单位的涉企政策草案', response: { 200: PolicyListSchema } } },
    async (request) => service.list(authedCtx(request)),
  );
  app.post(
    '/api/policies',
    {
      config: { policy: { roles: WRITERS } },
      schema: { tags, summary: '登记涉企政策草案（起草处室、文本、所依据的调研）', body: z.strictObject(draft), response: { 201: PolicyViewSchema } },
    },
    async (request, reply) => reply.code(201).send(await service.create(authedCtx(request), request.body)),
  );
  app.get(
    '/api/policies/:id',
    {
      config: { policy: { roles: READERS, resource } },
      schema: { tags, summary: '政策草案详情：调研、征求意见、意见及采纳情况', params: idParams, response: { 200: PolicyViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );
  app.put(
    '/api/policies/:id',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '修改政策草案（征求意见前）',
        params: idParams,
        body: z.strictObject({ ...draft, version }),
        response: { 200: PolicyViewSchema },
      },
    },
    async (request) => service.edit(authedCtx(request), request.params.id, request.body),
  );
  app.post(
    '/api/policies/:id/round',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '发起征求意见：按行业、地区、规模选择企业（也可直接选择），征求意见期',
        params: idParams,
        body: z.strictObject({
          version,
          consultFrom: isoDate,
          consultUntil: isoDate,
          sectors: z.array(z.enum(SECTORS, '行业不正确')).default([]),
          regions: z
            .array(z.string().regex(/^\d{6}$/, '地区代码应为6位数字'))
            .max(50)
            .default([]),
          sizes: z.array(z.enum(SIZES, '规模不正确')).default([]),
          enterpriseIds: z.array(id).max(200).default([]),
        }),
        response: { 200: PolicyViewSchema },
      },
    },
    async (request) => service.openRound(authedCtx(request), request.params.id, request.body),
  );
  app.post(
    '/api/policies/:id/responses',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '登记企业意见（来函、座谈会等）',
        params: idParams,
        body: z.strictObject({ content: text(5000), enterpriseId: id.nullable().optional(), enterpriseName: optionalText(200) }),
        response: { 200: PolicyViewSchema },
      },
    },
    async (request) => (await service.addResponse(authedCtx(request), request.params.id, request.body))!,
  );
  app.post(
    '/api/policies/:id/decide',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '对一条意见作出采纳或不采纳的决定，并说明理由',
        params: idParams,
        body: z.strictObject({ responseId: id, version, adopted: z.boolean('请选择是否采纳'), reason: text(2000) }),
        response: { 200: PolicyViewSchema },
      },
    },
    async (request) => service.decideResponse(authedCtx(request), request.params.id, request.body),
  );
  app.post(
    '/api/policies/:id/transition',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '结束征求意见；标记出台（R2.5 须已有调研并结束征求意见，否则 409 说明缺少什么）',
        params: idParams,
        body: z.strictObject({ action: z.enum(['close_round', 'issue'], '操作不正确'), version, issuedRef: optionalText(100) }),
        response: { 200: PolicyViewSchema },
      },
    },
    async (request) => service.transition(authedCtx(request), request.params.id, request.body),
  );

  // ---- the portal: 意见征集
  app.get(
    '/api/portal/consultations',
    { config: { policy: { roles: ['enterprise'] } }, schema: { tags, summary: '企业收到的政策征求意见', response: { 200: PortalConsultationListSchema } } },
    async (request) => service.portalConsultations(authedCtx(request)),
  );
  app.post(
    '/api/portal/consultations/:id/responses',
    {
      config: { policy: { roles: ['enterprise'], resource } },
      schema: {
        tags,
        summary: '企业在征求意见期内提出意见',
        params: idParams,
        body: z.strictObject({ content: text(5000) }),
        response: { 200: PortalConsultationListSchema },
      },
    },
    async (request) => {
      const ctx = authedCtx(request);
      await service.addResponse(ctx, request.params.id, request.body);
      return service.portalConsultations(ctx);
    },
  );
}
