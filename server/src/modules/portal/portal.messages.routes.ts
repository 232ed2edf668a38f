// HTTP API of the appeal message thread (issue 7): the enterprise side under /api/portal/appeals/:id
// (resource 'portalAppeal': another enterprise's id answers the same 404 as a missing one) and the
// handling side under /api/appeals/:id (resource 'appeal': outside the caller's scope → 404).
// Who may post on the handling side is decided per appeal in portal.messages.ts.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { MESSAGE_MAX_CHARS } from '../../../../shared/portal.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, text } from '../../http/schemas.ts';
import * as service from './portal.messages.ts';
import { PortalMessageSchema, PortalThreadSchema, StaffMessageSchema, StaffThreadSchema } from '../../../../shared/api/portal.ts';

/** Who reads an appeal (the appeals module's readers); who may try to post (lead unit roles, intake, coordinator). */
const STAFF_READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const STAFF_POSTERS = ['unit_staff', 'liaison', 'unit_head', 'intake', 'coordinator'] as const satisfies readonly Role[];

const body = z.strictObject({ body: text(MESSAGE_MAX_CHARS) });

export function portalMessageRoutes(app: ZApp) {
  app.get(
    '/api/portal/appeals/:id/messages',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '与办理单位的沟通消息（最近200条，按时间先后）', params: idParams, response: { 200: PortalThreadSchema } },
    },
    async (request) => service.listForPortal(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/portal/appeals/:id/messages',
    {
      config: { policy: { roles: ['enterprise'], resource: { type: 'portalAppeal' } } },
      schema: { tags: ['portal'], summary: '向办理单位发送消息（办结后不可发送）', params: idParams, body, response: { 201: PortalMessageSchema } },
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
        response: { 200: StaffThreadSchema },
      },
    },
    async (request) => service.listForStaff(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/appeals/:id/messages',
    {
      config: { policy: { roles: STAFF_POSTERS, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '向企业发送消息（主办处室、受理人员、统筹处室；企业看到的是处室名称）',
        params: idParams,
        body,
        response: { 201: StaffMessageSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.postFromStaff(authedCtx(request), request.params.id, request.body)),
  );
}
