// HTTP API of supervision (R7.2, R7.4): items, explanations, conclusions (通报 .docx, 约谈 with
// rectification items), commendations. 机关党委 acts; units see and answer their own; leaders read.
// Another unit's item answers 404 like a missing one.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { SUPERVISION_CATEGORIES, SUPERVISION_OUTCOMES, SUPERVISION_TARGETS } from '../../../../shared/supervision.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import { noticeDocx } from './supervision.docx.ts';
import * as service from './supervision.service.ts';
import { SupervisionItemViewSchema, SupervisionListSchema } from '../../../../shared/api/supervision.ts';

registerResource('supervisionItem', { load: service.itemOwner, visible: service.canSeeItem });
registerResource('rectificationItem', { load: service.rectificationOwner, visible: service.canSeeItem });

const OVERSIGHT = ['oversight'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const READERS = ['oversight', 'leader', ...UNIT] as const satisfies readonly Role[];
const tags = ['supervision'];
const isoDate = z.string().refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');

export function supervisionRoutes(app: ZApp) {
  app.get(
    '/api/supervision',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R7.2 督导事项（按年度、处室；处室只看本处室的）',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional(), unitId: id.optional() }),
        response: { 200: SupervisionListSchema },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.post(
    '/api/supervision',
    {
      config: { policy: { roles: OVERSIGHT } },
      schema: {
        tags,
        summary: 'R7.2 机关党委立项督导（诉求办理 appealId、处室 unitId、包保联系点 targetId）',
        body: z.strictObject({
          targetType: z.enum(SUPERVISION_TARGETS, '请选择督导对象'),
          appealId: id.nullable().optional(),
          unitId: id.nullable().optional(),
          targetId: id.nullable().optional(),
          category: z.enum(SUPERVISION_CATEGORIES, '请选择督导类别'),
          description: text(5000),
        }),
        response: { 201: SupervisionItemViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.open(authedCtx(request), request.body)),
  );

  app.get(
    '/api/supervision/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'supervisionItem' } } },
      schema: { tags, summary: 'R7.2 督导事项详情', params: idParams, response: { 200: SupervisionItemViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/supervision/:id/request-explanation',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'supervisionItem' } } },
      schema: {
        tags,
        summary: 'R7.2 要求责任处室限期作出情况说明',
        params: idParams,
        body: z.strictObject({ version, request: text(2000), due: isoDate }),
        response: { 200: SupervisionItemViewSchema },
      },
    },
    async (request) => service.requestExplanation(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/:id/explain',
    {
      config: { policy: { roles: UNIT, resource: { type: 'supervisionItem' } } },
      schema: {
        tags,
        summary: 'R7.2 责任处室提交情况说明',
        params: idParams,
        body: z.strictObject({ version, explanation: text(5000) }),
        response: { 200: SupervisionItemViewSchema },
      },
    },
    async (request) => service.explain(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/:id/conclude',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'supervisionItem' } } },
      schema: {
        tags,
        summary: 'R7.4 处理结论：通报、约谈（整改事项）、通报表扬或不予处理',
        params: idParams,
        body: z.strictObject({
          version,
          outcome: z.enum(SUPERVISION_OUTCOMES, '请选择处理结论'),
          conclusion: text(5000),
          notice: z
            .strictObject({ title: text(200), body: text(20000), recipientUnitIds: z.array(id).max(100, '送达处室最多100个').default([]) })
            .nullable()
            .optional(),
          interview: z
            .strictObject({
              heldOn: isoDate,
              unitHeadName: text(50),
              interviewerNames: text(200),
              findings: text(5000),
              items: z.array(z.strictObject({ description: text(1000), ownerName: text(50), dueDate: isoDate })).max(30, '整改事项最多30项'),
            })
            .nullable()
            .optional(),
        }),
        response: { 200: SupervisionItemViewSchema },
      },
    },
    async (request) => service.conclude(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/:id/interview/complete',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'supervisionItem' } } },
      schema: {
        tags,
        summary: 'R7.4 确认约谈整改完成（整改事项全部销号后）',
        params: idParams,
        body: z.strictObject({ version }),
        response: { 200: SupervisionItemViewSchema },
      },
    },
    async (request) => service.completeInterview(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/rectifications/:id/done',
    {
      config: { policy: { roles: ['oversight', ...UNIT], resource: { type: 'rectificationItem' } } },
      schema: {
        tags,
        summary: 'R7.4 整改事项销号（责任处室）',
        params: idParams,
        body: z.strictObject({ version, note: text(2000) }),
        response: { 200: SupervisionItemViewSchema },
      },
    },
    async (request) => service.completeRectification(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/supervision/:id/notice.docx',
    { config: { policy: { roles: READERS, resource: { type: 'supervisionItem' } } }, schema: { tags, summary: 'R7.4 下载通报 .docx', params: idParams } },
    async (request, reply) => {
      const v = await service.noticeOf(authedCtx(request), request.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(`${v.notice!.number}.docx`)}`)
        .send(await noticeDocx(v));
    },
  );
}
