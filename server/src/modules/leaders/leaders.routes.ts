import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './leaders.service.ts';
import { LeaderSchema } from '../../../../shared/api/organisation.ts';
import { listOf } from '../../../../shared/api/common.ts';

registerResource('leader', { load: service.owner });

const fields = {
  name: text(30),
  title: text(30),
  userId: id.nullable().optional(),
  unitIds: z.array(id).max(30),
  sortOrder: z.number().int().min(0).max(9999).optional(),
};
const staff = ['sysadmin', 'leader', 'coordinator', 'intake', 'oversight', 'unit_head', 'unit_staff', 'liaison'] as const;

export function leaderRoutes(app: ZApp) {
  app.get(
    '/api/leaders',
    { config: { policy: { roles: staff } }, schema: { tags: ['organisation'], summary: '厅领导及分管处室', response: { 200: listOf(LeaderSchema) } } },
    async (request) => service.list(authedCtx(request)),
  );
  app.post(
    '/api/leaders',
    {
      config: { policy: { roles: ['sysadmin'] } },
      schema: { tags: ['organisation'], summary: '新增厅领导', body: z.strictObject(fields), response: { 201: LeaderSchema } },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body)),
  );
  app.patch(
    '/api/leaders/:id',
    {
      config: { policy: { roles: ['sysadmin'], resource: { type: 'leader' } } },
      schema: {
        tags: ['organisation'],
        summary: '修改厅领导或分管处室',
        params: idParams,
        body: z.strictObject({
          version,
          name: fields.name.optional(),
          title: fields.title.optional(),
          userId: fields.userId,
          unitIds: fields.unitIds.optional(),
          sortOrder: fields.sortOrder,
          archived: z.boolean().optional(),
        }),
        response: { 200: LeaderSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );
}
