import { z } from 'zod';
import { securitySettingsSchema, tenantSettingsOverridesSchema } from '../../../../shared/settings.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { version } from '../../http/schemas.ts';
import * as service from './tenants.service.ts';
import { SecuritySettingsResponseSchema, TenantSchema, TenantSettingsResponseSchema, TransferTargetSchema } from '../../../../shared/api/organisation.ts';
import { listOf } from '../../../../shared/api/common.ts';

/** Every staff role reads its tenant's measures (deadlines, quotas); only sysadmin changes them. */
const settingsReaders = ['sysadmin', 'leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const;

export function tenantRoutes(app: ZApp) {
  app.get(
    '/api/tenants',
    { config: { policy: { roles: ['sysadmin'] } }, schema: { tags: ['organisation'], summary: '省厅和各市应急局', response: { 200: listOf(TenantSchema) } } },
    async (request) => service.list(authedCtx(request)),
  );
  // R3.2: intake / coordinator pick the city bureau of a transfer-city; GET /api/tenants stays sysadmin-only.
  app.get(
    '/api/tenants/transfer-targets',
    {
      config: { policy: { roles: ['intake', 'coordinator'] } },
      schema: {
        tags: ['organisation'],
        summary: '转市局办理的目标：本单位下属各市应急局（市局为空）',
        response: { 200: listOf(TransferTargetSchema) },
      },
    },
    async (request) => service.transferTargets(authedCtx(request)),
  );
  app.get(
    '/api/tenant-settings',
    {
      config: { policy: { roles: settingsReaders } },
      schema: { tags: ['organisation'], summary: '本级工作机制参数（R8.1）', response: { 200: TenantSettingsResponseSchema } },
    },
    async (request) => service.getSettings(authedCtx(request)),
  );
  app.put(
    '/api/tenant-settings',
    {
      config: { policy: { roles: ['sysadmin'] } },
      schema: {
        tags: ['organisation'],
        summary: '修改本级工作机制参数（省厅数值为各市默认值）',
        body: z.strictObject({ version, overrides: tenantSettingsOverridesSchema }),
        response: { 200: TenantSettingsResponseSchema },
      },
    },
    async (request) => service.putSettings(authedCtx(request), request.body),
  );
  app.get(
    '/api/security-settings',
    { config: { policy: { roles: ['secadmin'] } }, schema: { tags: ['security'], summary: '安全策略', response: { 200: SecuritySettingsResponseSchema } } },
    async (request) => service.getSecurity(authedCtx(request)),
  );
  app.put(
    '/api/security-settings',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: {
        tags: ['security'],
        summary: '修改安全策略',
        body: z.strictObject({ version, settings: securitySettingsSchema }),
        response: { 200: SecuritySettingsResponseSchema },
      },
    },
    async (request) => service.putSecurity(authedCtx(request), request.body),
  );
}
