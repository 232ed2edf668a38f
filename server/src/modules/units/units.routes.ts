import { z } from 'zod';
import { SECTORS, UNIT_KINDS, BUSINESS_ROLES } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, optionalText, text, version } from '../../http/schemas.ts';
import { listOf } from '../../../../shared/api/common.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './units.service.ts';
import { UnitSchema } from '../../../../shared/api/organisation.ts';

registerResource('unit', { load: service.owner });

const fields = {
  name: text(50),
  shortName: optionalText(20),
  kind: z.enum(UNIT_KINDS, '处室类型不正确'),
  sectors: z
    .array(z.enum(SECTORS, '行业不正确'))
    .max(3)
    .refine((a) => new Set(a).size === a.length, '行业不能重复'),
  duties: text(500, 0),
  sortOrder: z.number().int().min(0).max(9999),
};

/** Reading the unit list is needed by every staff role (dispatch, portfolios, filters). */
const readers = [...BUSINESS_ROLES.filter((r) => r !== 'enterprise'), 'sysadmin', 'secadmin', 'auditor'] as const;

export function unitRoutes(app: ZApp) {
  app.get(
    '/api/units',
    {
      config: { policy: { roles: readers } },
      schema: {
        tags: ['organisation'],
        summary: '处室列表',
        querystring: z.strictObject({ includeArchived: z.enum(['true', 'false']).optional() }),
        response: { 200: listOf(UnitSchema) },
      },
    },
    async (request) => service.list(authedCtx(request), request.query.includeArchived === 'true'),
  );

  app.post(
    '/api/units',
    {
      config: { policy: { roles: ['sysadmin'] } },
      schema: {
        tags: ['organisation'],
        summary: '新增处室',
        body: z.strictObject({ ...fields, sectors: fields.sectors.default([]), duties: fields.duties.default(''), sortOrder: fields.sortOrder.optional() }),
        response: { 201: UnitSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.patch(
    '/api/units/:id',
    {
      config: { policy: { roles: ['sysadmin'], resource: { type: 'unit' } } },
      schema: {
        tags: ['organisation'],
        summary: '修改或归档处室',
        params: idParams,
        body: z.strictObject({
          version,
          name: fields.name.optional(),
          shortName: fields.shortName,
          kind: fields.kind.optional(),
          sectors: fields.sectors.optional(),
          duties: fields.duties.optional(),
          sortOrder: fields.sortOrder.optional(),
          archived: z.boolean().optional(),
        }),
        response: { 200: UnitSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );
}
