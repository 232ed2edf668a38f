// HTTP API of roundtables (R5.*, R7.1): the meeting record (R5.2 lead unit), items collected before
// and raised on the day, invitations and replies, the leaders' attendance (R5.3), each item answered on
// site or turned into an appeal, the minutes (R7.1), the follow-up list and its .docx; and the portal's
// invitations. Another tenant's meeting (or, for an enterprise, one it is not invited to) answers 404.
import { z } from 'zod';
import { APPEAL_CATEGORIES } from '../../../../shared/appeals.ts';
import { PortalMeetingListSchema, RoundtableItemSchema, RoundtableListSchema, RoundtableViewSchema } from '../../../../shared/api/roundtables.ts';
import type { Role } from '../../../../shared/roles.ts';
import { LEADER_ATTENDANCE, ROUNDTABLE_KINDS, ROUNDTABLE_ORGANISERS } from '../../../../shared/roundtables.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, phone, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as invitations from './roundtables.invitations.ts';
import * as read from './roundtables.read.ts';
import * as service from './roundtables.service.ts';

registerResource('roundtable', { load: service.owner, visible: (actor, owner) => read.visibleTo(actor, owner as { invitedEnterpriseIds?: string[] }) });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
/** The party is decided by the transition table (organiser: 政策法规处 or the lead unit; office: 办公室). */
const WRITERS = ['unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake'] as const satisfies readonly Role[];
const tags = ['roundtables'];
const resource = { type: 'roundtable' } as const;

const isoDate = z.string('请填写日期').refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const record = {
  kind: z.enum(ROUNDTABLE_KINDS, '会议类型不正确'),
  organiser: z.enum(ROUNDTABLE_ORGANISERS, '组织单位不正确'),
  title: text(200),
  topics: text(2000),
  meetingDate: isoDate,
  place: text(200),
  collectFrom: isoDate,
  collectUntil: isoDate,
  unitIds: z.array(id).min(1, '请选择会议事项涉及的处室').max(20, '涉及处室最多20个'),
  leadUnitId: id.nullable().optional(),
};
const item = {
  enterpriseId: id.nullable().optional(),
  enterpriseName: optionalText(200),
  contactName: text(50),
  contactPhone: phone,
  category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确'),
  title: text(200),
  content: text(5000),
};
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function roundtableRoutes(app: ZApp) {
  app.get(
    '/api/roundtables',
    {
      config: { policy: { roles: READERS } },
      schema: { tags, summary: '本单位的圆桌会、座谈会、企业家会客厅（近的在前）', response: { 200: RoundtableListSchema } },
    },
    async (request) => read.list(authedCtx(request)),
  );

  app.post(
    '/api/roundtables',
    {
      config: { policy: { roles: WRITERS } },
      schema: {
        tags,
        summary: '登记会议（类型、组织单位、议题、时间地点、诉求征集期、涉及处室；R5.2 牵头处室由涉及处室确定）',
        body: z.strictObject(record),
        response: { 201: RoundtableViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.get(
    '/api/roundtables/:id',
    {
      config: { policy: { roles: READERS, resource } },
      schema: {
        tags,
        summary: '会议详情：诉求事项（含诉求实时状态）、邀请企业、领导出席、纪要、可做的操作',
        params: idParams,
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => read.get(authedCtx(request), request.params.id),
  );

  app.put(
    '/api/roundtables/:id',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '修改会议信息（会前；涉及处室变更时按 R5.2 重新确定牵头处室）',
        params: idParams,
        body: z.strictObject({ ...record, version }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => service.edit(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/roundtables/:id/transition',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '结束征集、开始会议、办结（会上形成的诉求全部办结后）、取消会议（须说明原因）',
        params: idParams,
        body: z.strictObject({ action: z.enum(['close_collection', 'open', 'close', 'cancel'], '操作不正确'), version, reason: optionalText(1000) }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => service.transition(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/roundtables/:id/items',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '登记诉求事项（会前征集；会议进行中登记的为会上提出）',
        params: idParams,
        body: z.strictObject(item),
        response: { 201: RoundtableItemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.addItem(authedCtx(request), request.params.id, request.body)),
  );

  app.post(
    '/api/roundtables/:id/dispose',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '会上处理一项诉求：当场答复（诉求即时办结）或转为诉求交处室办理（渠道 座谈会/会客厅）',
        params: idParams,
        body: z.strictObject({ itemId: id, version, answer: optionalText(5000), unitId: id.nullable().optional() }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => service.disposeItem(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/roundtables/:id/invitations',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '邀请企业参会（企业服务平台通知 + 短信）',
        params: idParams,
        body: z.strictObject({
          enterprises: z
            .array(z.strictObject({ enterpriseId: id, contactName: text(50), contactPhone: phone }))
            .min(1, '请选择邀请的企业')
            .max(100, '一次最多邀请100家企业'),
        }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => invitations.invite(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/roundtables/:id/replies',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '登记企业的回复（电话、来函）：参加（参会人）或不参加',
        params: idParams,
        body: z.strictObject({ invitationId: id, reply: z.enum(['attending', 'declined'], '回复不正确'), attendeeName: optionalText(50) }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => (await invitations.reply(authedCtx(request), request.params.id, request.body))!,
  );

  app.put(
    '/api/roundtables/:id/leaders',
    {
      config: { policy: { roles: ['intake'], resource } },
      schema: {
        tags,
        summary: 'R5.3 办公室安排厅领导出席：已邀请、确认出席、不出席',
        params: idParams,
        body: z.strictObject({ leaderId: id, status: z.enum(LEADER_ATTENDANCE, '出席安排不正确'), note: optionalText(500) }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => invitations.arrangeLeader(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/roundtables/:id/minutes',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: 'R7.1 录入会议纪要（须写明发现的问题和后续安排；所有事项已处理），转入会后跟踪',
        params: idParams,
        body: z.strictObject({ version, minutes: text(20000), findings: optionalText(5000), followUp: optionalText(5000) }),
        response: { 200: RoundtableViewSchema },
      },
    },
    async (request) => service.recordMinutes(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/roundtables/:id/docx',
    {
      config: { policy: { roles: READERS, resource } },
      schema: { tags, summary: '下载会议纪要和诉求跟踪清单 .docx（记入审计日志）', params: idParams },
    },
    async (request, reply) => {
      const file = await service.minutesDocument(authedCtx(request), request.params.id);
      return reply
        .type(MIME_DOCX)
        .header('content-disposition', `attachment; filename="minutes.docx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.data);
    },
  );

  // ---- the portal: the invited enterprise

  app.get(
    '/api/portal/meetings',
    { config: { policy: { roles: ['enterprise'] } }, schema: { tags, summary: '企业收到的会议邀请', response: { 200: PortalMeetingListSchema } } },
    async (request) => invitations.portalMeetings(authedCtx(request)),
  );

  app.post(
    '/api/portal/meetings/:id/reply',
    {
      config: { policy: { roles: ['enterprise'], resource } },
      schema: {
        tags,
        summary: '企业回复会议邀请：参加（参会人姓名）或不参加',
        params: idParams,
        body: z.strictObject({ reply: z.enum(['attending', 'declined'], '回复不正确'), attendeeName: optionalText(50) }),
        response: { 200: PortalMeetingListSchema },
      },
    },
    async (request) => {
      const ctx = authedCtx(request);
      await invitations.reply(ctx, request.params.id, request.body);
      return invitations.portalMeetings(ctx);
    },
  );

  app.post(
    '/api/portal/meetings/:id/items',
    {
      config: { policy: { roles: ['enterprise'], resource } },
      schema: {
        tags,
        summary: '企业在征集期内提交会议诉求',
        params: idParams,
        body: z.strictObject({ contactName: text(50), contactPhone: phone, category: item.category, title: item.title, content: item.content }),
        response: { 200: PortalMeetingListSchema },
      },
    },
    async (request) => {
      const ctx = authedCtx(request);
      await service.addItem(ctx, request.params.id, request.body);
      return invitations.portalMeetings(ctx);
    },
  );
}
