// HTTP API of the appeals rules of issue 22 (docs/APPEALS.md §11): R3.4 lead units per channel — read
// by intake (the form preselects the unit) and every business reader, kept by sysadmin and the
// coordinating unit; R6.6 the 鲁力办 list of 办公室.
import { z } from 'zod';
import { APPEAL_CHANNELS } from '../../../../shared/appeals.ts';
import { AttachmentWithdrawnSchema, CalendarWaitingSchema, ChannelLeadsSchema, LulibanListSchema } from '../../../../shared/api/appeal-rules.ts';
import type { Role } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, text } from '../../http/schemas.ts';

/** Who may withdraw an attachment (the service narrows to the uploader, intake and the coordinator). */
const ATTACHERS = ['intake', 'coordinator', 'unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
import { listChannelLeads, replaceChannelLeads } from './appeals.channel-leads.ts';
import { listLuliban } from './appeals.luliban.ts';
// Issue 22: the listener that recomputes open appeals' future deadlines when the overrides change.
import './appeals.calendar-overrides.ts';
import { calendarWaiting } from './appeals.calendar-reminder.ts';
import { withdrawAttachment } from './appeals.attachments-withdraw.ts';

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight', 'sysadmin'] as const satisfies readonly Role[];
/** R6.6 the 鲁力办 list: 办公室 (intake) urges; the coordinating unit and 机关党委 read. */
const LULIBAN = ['intake', 'coordinator', 'oversight'] as const satisfies readonly Role[];
const KEEPERS = ['sysadmin', 'coordinator'] as const satisfies readonly Role[];

export function appealRuleRoutes(app: ZApp) {
  app.get(
    '/api/channel-leads',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '渠道主办处室（R3.4：省长信箱、企业家诉求专区、接诉即办、企业家直通省长号码等）',
        response: { 200: ChannelLeadsSchema },
      },
    },
    async (request) => listChannelLeads(authedCtx(request)),
  );
  app.put(
    '/api/channel-leads',
    {
      config: { policy: { roles: KEEPERS } },
      schema: {
        tags: ['appeals'],
        summary: '替换渠道主办处室表（系统管理员、统筹处室）',
        body: z.strictObject({
          items: z
            .array(z.strictObject({ channel: z.enum(APPEAL_CHANNELS, '渠道不正确'), unitId: id, note: text(200, 0).default('') }))
            .max(APPEAL_CHANNELS.length, '渠道数量超出'),
        }),
        response: { 200: ChannelLeadsSchema },
      },
    },
    async (request) => replaceChannelLeads(authedCtx(request), request.body.items),
  );
  app.get(
    '/api/luliban',
    {
      config: { policy: { roles: LULIBAN } },
      schema: {
        tags: ['appeals'],
        summary: '鲁力办督办诉求（R6.6）：按平台编号检索，平台时限与“2115”时限并列',
        querystring: z.strictObject({
          q: z.string().trim().max(100, '关键词不能超过100个字符').optional(),
          open: z
            .enum(['true', 'false'], '须为 true 或 false')
            .transform((v) => v === 'true')
            .optional(),
          overdue: z
            .enum(['true', 'false'], '须为 true 或 false')
            .transform((v) => v === 'true')
            .optional(),
          page: z.coerce.number().int().min(1).max(10000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: LulibanListSchema },
      },
    },
    async (request) => listLuliban(authedCtx(request), request.query),
  );
  app.get(
    '/api/appeals/calendar-waiting',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '节假日安排未载入的年度及“时限待计算”的诉求件数（本人可见范围；系统管理员为本单位合计），11月1日起含下一年度',
        response: { 200: CalendarWaitingSchema },
      },
    },
    async (request) => calendarWaiting(authedCtx(request)),
  );
  app.post(
    '/api/appeals/:id/attachments/:attachmentId/withdraw',
    {
      config: { policy: { roles: ATTACHERS, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '撤回附件（须说明原因；保留备查，不再显示）',
        params: z.strictObject({ id, attachmentId: id }),
        body: z.strictObject({ reason: text(500) }),
        response: { 200: AttachmentWithdrawnSchema },
      },
    },
    async (request) => withdrawAttachment(authedCtx(request), request.params.id, request.params.attachmentId, request.body.reason),
  );
}
