// HTTP API of the appeal message thread (issue 7): the enterprise side under /api/portal/appeals/:id
// (resource 'portalAppeal': another enterprise's id answers the same 404 as a missing one) and the
// handling side under /api/appeals/:id (resource 'appeal': outside the caller's scope → 404).
// Who may post on the handling side is decided per appeal in portal.messages.ts.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { MESSAGE_MAX_CHARS, MESSAGE_SIDES } from '../../db/schema.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, text } from '../../http/schemas.ts';
import * as service from './portal.messages.ts';

/** Who reads an appeal (the appeals module's readers); who may try to post (lead unit roles, intake, coordinator). */
const STAFF_READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const STAFF_POSTERS = ['unit_staff', 'liaison', 'unit_head', 'intake', 'coordinator'] as const satisfies readonly Role[];

const body = z.strictObject({ body: text(MESSAGE_MAX_CHARS) });

const portalMessage = z.object({
  id: z.string(),
  side: z.enum(MESSAGE_SIDES),
  /** Staff messages: the unit's name only. */
  author: z.string(),
  mine: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
const staffMessage = portalMessage.extend({ unitName: z.string().nullable() });
const thread = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), canPost: z.boolean(), postBlockedReason: z.string().nullable() });

export function portalMessageRoutes(app: ZApp) {
  app.get(
    '/api/portal/appeals/:id/messages',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '与办理单位的沟通消息（最近200条，按时间先后）', params: idParams, response: { 200: thread(portalMessage) } },
    },
    async (request) => service.listForPortal(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/portal/appeals/:id/messages',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '向办理单位发送消息（办结后不可发送）', params: idParams, body, response: { 201: portalMessage } },
    },
    async (request, reply) => reply.status(201).send(await service.postFromPortal(authedCtx(request), request.params.id, request.body)),
  );

  app.get(
    '/api/appeals/:id/messages',
    {
      config: { policy: { roles: STAFF_READERS, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '与企业沟通的消息（企业在门户可见；内部意见和时间线不在其中）',
        params: idParams,
        response: { 200: thread(staffMessage).extend({ enterpriseAccounts: z.number().int() }) },
      },
    },
    async (request) => service.listForStaff(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/appeals/:id/messages',
    {
      config: { policy: { roles: STAFF_POSTERS, resource: { type: 'appeal' } } },
      schema: { tags: ['appeals'], summary: '向企业发送消息（主办处室、受理人员、统筹处室；企业看到的是处室名称）', params: idParams, body, response: { 201: staffMessage } },
    },
    async (request, reply) => reply.status(201).send(await service.postFromStaff(authedCtx(request), request.params.id, request.body)),
  );
}
