import { z } from 'zod';
import { leaders } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, listOf, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './leaders.service.ts';

registerResource('leader', { load: (db, id) => ownerOf(db, leaders, id) });

const leaderSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  userId: z.string().nullable(),
  unitIds: z.array(z.string()),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  sortOrder: z.number(),
  archived: z.boolean(),
  version: z.number(),
});

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
    { config: { policy: { roles: staff } }, schema: { tags: ['organisation'], summary: '厅领导及分管处室', response: { 200: listOf(leaderSchema) } } },
    async (request) => service.list(authedCtx(request)),
  );
  app.post(
    '/api/leaders',
    {
      config: { policy: { roles: ['sysadmin'] } },
      schema: { tags: ['organisation'], summary: '新增厅领导', body: z.strictObject(fields), response: { 201: leaderSchema } },
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
        response: { 200: leaderSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );
}
