// HTTP API of the enterprise's attachments (issue 7), under /api/portal/appeals/:id (resource
// 'portalAppeal': another enterprise's appeal answers the same 404 as a missing id). Uploads are
// multipart (field `file`, optional `note`) with the staff uploader's checks: extension among
// ATTACHMENT_EXTENSIONS, ≤ ATTACHMENT_MAX_BYTES, not empty, and the first bytes must match the
// extension (contentMatches: a renamed .exe is refused by its content, not only by its name).
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, PORTAL_ATTACHMENTS_PER_APPEAL } from '../../../../shared/appeals.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams } from '../../http/schemas.ts';
import { readUpload, sendAttachment } from '../../http/attachments.ts';
import * as service from './portal.attachments.ts';
import { PortalAttachmentListSchema, PortalAttachmentSchema } from '../../../../shared/api/portal.ts';

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

export function portalAttachmentRoutes(app: ZApp) {
  const policy = { roles: ['enterprise'] as const, resource: { type: 'portalAppeal' } };

  app.get(
    '/api/portal/appeals/:id/attachments',
    {
      config: { policy },
      schema: {
        tags: ['portal'],
        summary: '本企业上传的附件（办理单位的内部材料不在其中）',
        params: idParams,
        response: { 200: PortalAttachmentListSchema },
      },
    },
    async (request) => service.list(authedCtx(request), request.params.id),
  );

  app.get(
    '/api/portal/appeals/:id/attachments/:attachmentId',
    {
      config: { policy },
      schema: { tags: ['portal'], summary: '下载本企业上传的附件', params: z.strictObject({ id, attachmentId: id }) },
    },
    async (request, reply) => {
      return sendAttachment(reply, await service.download(authedCtx(request), request.params.id, request.params.attachmentId));
    },
  );

  // Uploads: multipart in a child context (limits of their own, independent of the 1 MB JSON limit).
  app.register(async (sub) => {
    await sub.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 4096 } });
    (sub as unknown as ZApp).post(
      '/api/portal/appeals/:id/attachments',
      {
        config: { policy },
        schema: {
          tags: ['portal'],
          summary: `上传附件（multipart，字段 file 与可选 note；≤${MAX_MB} MB；${ATTACHMENT_EXTENSIONS.join('/')}；每件诉求企业最多${PORTAL_ATTACHMENTS_PER_APPEAL}个；同名同内容的重复上传返回已有附件）`,
          params: idParams,
          response: { 200: PortalAttachmentSchema, 201: PortalAttachmentSchema },
        },
      },
      async (request, reply) => {
        const file = await readUpload(request);
        const r = await service.upload(authedCtx(request), (request.params as { id: string }).id, file);
        return reply.status(r.created ? 201 : 200).send(r.body);
      },
    );
  });
}
