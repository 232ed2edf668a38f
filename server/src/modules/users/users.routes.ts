import { z } from 'zod';
import { ADMIN_ROLES, ROLES, SCOPES } from '../../../../shared/roles.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, mobile, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './users.service.ts';
import {
  CityAdminCreatedSchema,
  CityAdminStatusSchema,
  InitialPasswordSchema,
  RolesSetSchema,
  UserCreatedSchema,
  UserSchema,
} from '../../../../shared/api/organisation.ts';
import { listOf } from '../../../../shared/api/common.ts';

// Staff accounts only: an enterprise account's id answers 404 here (it is intake's, modules/portal).
registerResource('user', { load: service.owner });

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3–32位字母、数字或 _ . -');
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
        response: { 200: listOf(UserSchema) },
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
        response: { 201: UserCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { policy: { roles: ['sysadmin', 'secadmin'], resource: { type: 'user' } } },
      schema: {
        ...tag,
        summary: '修改账号（三权分立：业务账号由系统管理员、管理员账号由安全管理员修改；管理员账号不属于处室）',
        params: idParams,
        body: z.strictObject({
          version,
          displayName: text(30).optional(),
          unitId: id.nullable().optional(),
          mobile: mobile.nullable().optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: UserSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { policy: { roles: ['sysadmin', 'secadmin'], resource: { type: 'user' } } },
      schema: {
        ...tag,
        summary: '重置密码（三权分立：业务账号由系统管理员、管理员账号由安全管理员重置）',
        params: idParams,
        response: { 200: InitialPasswordSchema },
      },
    },
    async (request) => service.resetPassword(authedCtx(request), request.params.id),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { policy: { roles: ['secadmin'], resource: { type: 'user' } } },
      schema: {
        ...tag,
        summary: '分配角色和数据范围（会话随即结束；授予管理员角色时生成新的初始密码，仅显示一次）',
        params: idParams,
        body: z.strictObject({ version, roles: z.array(z.enum(ROLES, '角色不正确')).max(6), scope: z.enum(SCOPES, '数据范围不正确') }),
        response: { 200: RolesSetSchema },
      },
    },
    async (request) => service.setRoles(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { policy: { roles: ['secadmin'], resource: { type: 'user' } } },
      schema: { ...tag, summary: '解锁账号（解除各来源地址的登录限制）', params: idParams, response: { 200: UserSchema } },
    },
    async (request) => service.unlock(authedCtx(request), request.params.id),
  );

  // ---- a new city's first admin accounts (issue 12): the province's secadmin, only while the city has none

  app.get(
    '/api/cities/admin-accounts',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: {
        ...tag,
        summary: '各市局在用的系统、安全、审计管理员账号数（省厅安全管理员）',
        response: {
          200: CityAdminStatusSchema,
        },
      },
    },
    async (request) => service.citiesAdminStatus(authedCtx(request)),
  );

  app.post(
    '/api/cities/:code/admin-accounts',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: {
        ...tag,
        summary: '为尚无该类管理员的市局开通首个管理员账号（初始密码仅显示一次）',
        params: z.strictObject({ code: z.string().regex(/^[0-9A-Za-z]{1,20}$/, '单位代码不正确') }),
        body: z.strictObject({
          role: z.enum(ADMIN_ROLES, '须为 sysadmin、secadmin 或 auditor'),
          username,
          displayName: text(30),
          mobile: mobile.nullable().optional(),
        }),
        response: { 201: CityAdminCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.bootstrapCityAdmin(authedCtx(request), request.params.code, request.body)),
  );
}
