// HTTP API of escalation (docs/APPEALS.md §10): R6.3 厅长办公会 agenda items, R6.4 省政府常务会议
// items, R6.5 the monthly report of 省政府领导转办 appeals. Items are seen like their appeal:
// another tenant's id (or one outside the caller's scope) answers 404 like a missing one.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, text, version } from '../../http/schemas.ts';
import type { Actor } from '../../lib/context.ts';
import { registerResource, type ResourceOwner } from '../../plugins/policy.ts';
import * as report from './escalation.report.ts';
import * as executive from './escalation.executive.ts';
import * as service from './escalation.service.ts';
import { AgendaItemViewSchema, EscalationViewSchema, ExecutiveItemViewSchema, LeaderReportStatusSchema } from '../../../../shared/api/escalation.ts';

type Owner = ResourceOwner & { coUnitIds?: string[]; responsibleUnitId?: string };
const seenLikeAppeal = (actor: Actor, owner: Owner) => service.canSeeItem(actor, owner);
registerResource('agendaItem', { load: service.agendaItemOwner, visible: seenLikeAppeal });
registerResource('agendaAction', {
  load: service.agendaActionOwner,
  visible: (actor, owner) => service.canSeeAction(actor, owner as Owner),
});
registerResource('executiveItem', { load: service.executiveItemOwner, visible: seenLikeAppeal });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const OFFICE = ['intake'] as const satisfies readonly Role[];
const REPORT_ROLES = ['intake', 'coordinator'] as const satisfies readonly Role[];
const tags = ['escalation'];

const isoDate = z.string().refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const executiveFields = {
  meetingDate: isoDate,
  materials: text(5000),
  attachmentId: id.nullable().optional(),
  leaderIds: z.array(id).max(20, '参会厅领导最多20位'),
  outcome: optionalText(5000),
};

export function escalationRoutes(app: ZApp) {
  app.get(
    '/api/appeals/:id/escalation',
    {
      config: { policy: { roles: READERS, resource: { type: 'appeal' } } },
      schema: {
        tags,
        summary: '诉求的议题与报送：厅长办公会议题（含落实事项）、省政府常务会议事项，以及当前用户可做的操作',
        params: idParams,
        response: { 200: EscalationViewSchema },
      },
    },
    async (request) => service.ofAppeal(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/appeals/:id/agenda-items',
    {
      config: { policy: { roles: ['unit_head'], resource: { type: 'appeal' } } },
      schema: {
        tags,
        summary: 'R6.3 主办处室负责人提报厅长办公会议题（标题、背景、提请研究事项）',
        params: idParams,
        body: z.strictObject({ title: text(200), background: text(5000), request: text(2000) }),
        response: { 201: AgendaItemViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.propose(authedCtx(request), request.params.id, request.body)),
  );

  app.post(
    '/api/agenda-items/:id/schedule',
    {
      config: { policy: { roles: OFFICE, resource: { type: 'agendaItem' } } },
      schema: {
        tags,
        summary: 'R6.3 办公室安排上会（会议日期；已安排的可改期）',
        params: idParams,
        body: z.strictObject({ version, meetingDate: isoDate, note: optionalText(500) }),
        response: { 200: AgendaItemViewSchema },
      },
    },
    async (request) => service.schedule(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/agenda-items/:id/decide',
    {
      config: { policy: { roles: OFFICE, resource: { type: 'agendaItem' } } },
      schema: {
        tags,
        summary: 'R6.3 录入厅长办公会决定及落实事项（责任处室、完成时限）',
        params: idParams,
        body: z.strictObject({
          version,
          decision: text(5000),
          actions: z
            .array(z.strictObject({ description: text(1000), unitId: id, dueDate: isoDate }))
            .max(30, '落实事项最多30项')
            .default([]),
        }),
        response: { 200: AgendaItemViewSchema },
      },
    },
    async (request) => service.decide(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/agenda-items/:id/withdraw',
    {
      config: { policy: { roles: ['unit_head', 'intake'], resource: { type: 'agendaItem' } } },
      schema: {
        tags,
        summary: 'R6.3 撤回议题（提报处室负责人或办公室；已研究决定的不能撤回）',
        params: idParams,
        body: z.strictObject({ version, reason: text(1000) }),
        response: { 200: AgendaItemViewSchema },
      },
    },
    async (request) => service.withdraw(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/agenda-actions/:id/complete',
    {
      config: { policy: { roles: ['unit_staff', 'liaison', 'unit_head', 'intake'], resource: { type: 'agendaAction' } } },
      schema: {
        tags,
        summary: 'R6.3 落实事项办结（责任处室或办公室）',
        params: idParams,
        body: z.strictObject({ version, note: text(2000) }),
        response: { 200: AgendaItemViewSchema },
      },
    },
    async (request) => service.completeAction(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/appeals/:id/executive-items',
    {
      config: { policy: { roles: OFFICE, resource: { type: 'appeal' } } },
      schema: {
        tags,
        summary: 'R6.4 办公室登记省政府常务会议事项（会议日期、上会材料、参会厅领导、会议结果）',
        params: idParams,
        body: z.strictObject(executiveFields),
        response: { 201: ExecutiveItemViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await executive.recordExecutive(authedCtx(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/executive-items/:id',
    {
      config: { policy: { roles: OFFICE, resource: { type: 'executiveItem' } } },
      schema: {
        tags,
        summary: 'R6.4 更新省政府常务会议事项（如会后录入结果）',
        params: idParams,
        body: z.strictObject({
          version,
          meetingDate: isoDate.optional(),
          materials: text(5000).optional(),
          attachmentId: id.nullable().optional(),
          leaderIds: executiveFields.leaderIds.optional(),
          outcome: optionalText(5000),
        }),
        response: { 200: ExecutiveItemViewSchema },
      },
    },
    async (request) => executive.updateExecutive(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/leader-reports',
    {
      config: { policy: { roles: REPORT_ROLES } },
      schema: {
        tags,
        summary: 'R6.5 省政府领导转办事项月报状态（截止时间、是否已报送、件数）',
        querystring: z.strictObject({ month }),
        response: { 200: LeaderReportStatusSchema },
      },
    },
    async (request) => report.status(authedCtx(request), request.query.month),
  );

  app.get(
    '/api/leader-reports/xlsx',
    {
      config: { policy: { roles: REPORT_ROLES } },
      schema: { tags, summary: 'R6.5 下载月报 .xlsx', querystring: z.strictObject({ month }) },
    },
    async (request, reply) => {
      const m = request.query.month;
      const buf = await report.workbook(authedCtx(request), m);
      const name = `省政府领导转办事项办理情况-${m}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="leader-report-${m}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buf);
    },
  );

  app.post(
    '/api/leader-reports/submissions',
    {
      config: { policy: { roles: OFFICE } },
      schema: {
        tags,
        summary: 'R6.5 登记月报已报送省政府办公厅（每月一次）',
        body: z.strictObject({ month, submittedOn: isoDate, note: optionalText(1000) }),
        response: { 200: LeaderReportStatusSchema },
      },
    },
    async (request) => report.submit(authedCtx(request), request.body),
  );
}
