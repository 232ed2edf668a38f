import { z } from 'zod';
import { ROLES, SCOPES } from '../../../../shared/roles.ts';
import { users } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, listOf, mobile, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './users.service.ts';

registerResource('user', { load: (db, id) => ownerOf(db, users, id) });

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});

const username = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3–32位字母、数字或 _ . -');
const tag = { tags: ['organisation'] };

export function userRoutes(app: ZApp) {
  app.get(
    '/api/users',
    {
      config: { policy: { roles: ['sysadmin', 'secadmin'] } },
      schema: {
        ...tag,
        summary: '账号列表',
        querystring: z.strictObject({ q: text(50, 0).optional(), unitId: id.optional(), role: z.enum(ROLES).optional(), ...pagination }),
        response: { 200: listOf(userSchema) },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.post(
    '/api/users',
    {
      config: { policy: { roles: ['sysadmin'] } },
      schema: {
        ...tag,
        summary: '新建账号（角色由安全管理员分配）',
        body: z.strictObject({ username, displayName: text(30), unitId: id.nullable().optional(), mobile: mobile.nullable().optional() }),
        response: { 201: z.object({ user: userSchema, initialPassword: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { policy: { roles: ['sysadmin'], resource: { type: 'user' } } },
      schema: {
        ...tag,
        summary: '修改账号',
        params: idParams,
        body: z.strictObject({
          version,
          displayName: text(30).optional(),
          unitId: id.nullable().optional(),
          mobile: mobile.nullable().optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { policy: { roles: ['sysadmin'], resource: { type: 'user' } } },
      schema: { ...tag, summary: '重置密码', params: idParams, response: { 200: z.object({ initialPassword: z.string() }) } },
    },
    async (request) => service.resetPassword(authedCtx(request), request.params.id),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { policy: { roles: ['secadmin'], resource: { type: 'user' } } },
      schema: {
        ...tag,
        summary: '分配角色和数据范围',
        params: idParams,
        body: z.strictObject({ version, roles: z.array(z.enum(ROLES, '角色不正确')).max(6), scope: z.enum(SCOPES, '数据范围不正确') }),
        response: { 200: userSchema },
      },
    },
    async (request) => service.setRoles(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { policy: { roles: ['secadmin'], resource: { type: 'user' } } },
      schema: { ...tag, summary: '解锁账号', params: idParams, response: { 200: userSchema } },
    },
    async (request) => service.unlock(authedCtx(request), request.params.id),
  );
}
