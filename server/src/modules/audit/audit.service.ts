// The auditor's read-only view of the audit log (三权分立: only auditor reads it; nobody edits it).
// Issue 12: the province's auditor also reads each city's log (read-only, one tenant at a time) and
// the rows of no tenant (sign-in failures of unknown usernames); a city's auditor reads its own.
// Reading the log is not audited; exporting it is.
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { getTenant, listChildCities } from '../tenants/index.ts';
import { iterateAudit, listAudit, type AuditFilter } from './audit.repository.ts';
import { listArchives } from './audit.archive.repository.ts';
import { searchArchives } from './audit.archive.ts';
import { loadTenantSettings } from '../tenants/index.ts';

/** The tenants an auditor may read: its own, and for the province's auditor its cities too. */
async function readableTenants(db: AuthedCtx['db'], tenantId: string) {
  const own = await getTenant(db, tenantId);
  const cities = await listChildCities(db, tenantId);
  return [
    ...(own ? [{ id: own.id, code: own.code, name: own.name, kind: own.kind }] : []),
    ...cities.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: 'city' as const })),
  ];
}

/** `tenant` query value for the rows that belong to no tenant. */
export const NO_TENANT = 'none';

export type AuditQuery = { tenant?: string; from?: string; to?: string; actor?: string; entity?: string; action?: string; entityId?: string };

/** The tenants this auditor may choose, with the no-tenant rows for the province's auditor. */
export async function scopes(ctx: AuthedCtx) {
  const rows = await readableTenants(ctx.db, ctx.actor.tenantId);
  const items = rows.map((t) => ({ code: t.code, name: t.name, kind: t.kind as 'province' | 'city' | 'none' }));
  if (ctx.actor.tenantKind === 'province') items.push({ code: NO_TENANT, name: '无归属单位（不存在的用户名登录失败）', kind: 'none' });
  return { items };
}

async function filterOf(ctx: AuthedCtx, q: AuditQuery): Promise<{ filter: AuditFilter; label: string }> {
  const base = {
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    actor: q.actor || undefined,
    entity: q.entity,
    action: q.action,
    entityId: q.entityId,
  };
  if (!q.tenant || q.tenant === ctx.actor.tenantCode) return { filter: { ...base, tenantId: ctx.actor.tenantId }, label: '本单位' };
  if (ctx.actor.tenantKind !== 'province') throw new AppError(ErrorCode.FORBIDDEN, '只能查阅本单位的审计日志');
  if (q.tenant === NO_TENANT) return { filter: { ...base, tenantId: null }, label: '无归属单位' };
  const t = (await readableTenants(ctx.db, ctx.actor.tenantId)).find((x) => x.code === q.tenant);
  if (!t) throw invalid({ tenant: '单位不存在或不属于本省' });
  return { filter: { ...base, tenantId: t.id }, label: t.name };
}

export async function list(ctx: AuthedCtx, q: AuditQuery & { page: number; pageSize: number }) {
  const { filter } = await filterOf(ctx, q);
  const r = await listAudit(ctx.db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map((x) => ({ ...x, at: x.at.toISOString() })), total: r.total };
}

/** The rows to export, after writing the export's own audit row (who exported what) in the auditor's tenant. */
export async function exportRows(ctx: AuthedCtx, q: AuditQuery) {
  const { filter, label } = await filterOf(ctx, q);
  const { tenant: _t, ...rest } = q;
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'audit.export',
      entity: 'audit_log',
      summary: `导出审计日志（${label}）`,
      after: { tenant: q.tenant ?? ctx.actor.tenantCode, ...rest },
    }),
  );
  return iterateAudit(ctx.db, filter);
}

/** Issue 21: the archived rows matching the filter (same scopes as the live log); each file is verified first. */
export async function searchArchive(ctx: AuthedCtx, q: AuditQuery & { page: number; pageSize: number }) {
  const { filter } = await filterOf(ctx, q);
  return searchArchives(ctx.db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

/** Issue 21: the scope's archives and the retention that produced them. */
export async function archives(ctx: AuthedCtx, q: { tenant?: string }) {
  const { filter } = await filterOf(ctx, q);
  const rows = await listArchives(ctx.db, filter.tenantId);
  const settings = await loadTenantSettings(ctx.db, filter.tenantId ?? ctx.actor.tenantId);
  return {
    retentionDays: settings.settings.auditRetentionDays,
    items: rows.map((a) => ({
      id: a.id,
      firstId: a.firstId,
      lastId: a.lastId,
      fromAt: a.fromAt.toISOString(),
      toAt: a.toAt.toISOString(),
      rowCount: a.rowCount,
      headHash: a.headHash,
      fileSha256: a.fileSha256,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
