// What a service needs to know about the call: who, from where, which request; and the one
// way to run a change: a transaction that also writes the audit row (outline style).
//
// Who acts (docs/CONTRIBUTING.md "Parties"): a signed-in account — staff, or an enterprise's portal
// account — (Actor, from the session), the holder of an SMS evaluation link who has no account
// (LinkActor), or the scheduler (SystemActor). Each is named honestly in the audit log and the
// appeal timeline (actorNames): 张三 / 企业用户 张三 / 短信评价链接 / 系统.
import type { Role, Scope } from '../../../shared/roles.ts';
import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { auditInsertRowsSql, insertAudit, type AuditInput } from '../modules/audit/index.ts';

/** A signed-in account: `kind` 'staff', or 'enterprise' for an enterprise's portal account (role 'enterprise'). */
export type Actor = {
  kind: 'staff' | 'enterprise';
  userId: string;
  username: string;
  displayName: string;
  tenantId: string;
  tenantCode: string;
  tenantKind: 'province' | 'city';
  unitId: string | null;
  roles: Role[];
  scope: Scope;
  /** Units in the user's leader portfolio (分管), for scope 'portfolio'. */
  portfolioUnitIds: string[];
  mustChangePassword: boolean;
  /** Role 'enterprise': the registry enterprise the account belongs to (portal visibility). */
  enterpriseId?: string | null;
};

/** The holder of a signed evaluation link (issue 7): no account; acts on the one appeal the link was issued for. */
export type LinkActor = {
  kind: 'link';
  tenantId: string;
  linkId: string;
  appealId: string;
};

/** The scheduler's background work (the SLA sweep, link issue, calendar recompute), acting in one tenant. */
export type SystemActor = {
  kind: 'system';
  tenantId: string;
  /** The task, also stored as the audit row's request id (e.g. 'sla-sweep'). */
  task: string;
};

/**
 * An external system feeding work orders in (issue 18: 12345转办, 鲁力办 …) with an API token; no
 * account. Registered per tenant by sysadmin (modules/integrations); acts in its own tenant only.
 */
export type IntegrationActor = {
  kind: 'integration';
  tenantId: string;
  tenantCode: string;
  clientId: string;
  clientName: string;
  /** The appeal channel the client feeds (shared/appeals.ts). */
  channel: string;
  tokenId: string;
};

/** Whoever acts on a business record. */
export type AnyActor = Actor | LinkActor | SystemActor | IntegrationActor;

export const systemActor = (tenantId: string, task: string): SystemActor => ({ kind: 'system', tenantId, task });

/** How the audit log (`audit`) and a timeline (`timeline`) name the actor. */
export function actorNames(actor: AnyActor): { audit: string; timeline: string } {
  switch (actor.kind) {
    case 'staff':
      return { audit: `${actor.displayName}（${actor.username}）`, timeline: actor.displayName };
    case 'enterprise':
      return { audit: `企业用户 ${actor.displayName}（${actor.username}）`, timeline: `企业用户 ${actor.displayName}` };
    case 'link':
      return { audit: '短信评价链接', timeline: '短信评价链接' };
    case 'system':
      return { audit: '系统', timeline: '系统' };
    case 'integration':
      return { audit: `接口客户端 ${actor.clientName}`, timeline: `${actor.clientName}（接口推送）` };
  }
}

/** The account behind the actor, if any (audit actor_id, timeline actor_id, created_by …). */
export const actorUserId = (actor: AnyActor): string | null => (actor.kind === 'staff' || actor.kind === 'enterprise' ? actor.userId : null);

export type Ctx = {
  db: Db;
  /** null for unauthenticated calls (login). */
  actor: Actor | null;
  ip: string;
  requestId: string;
  /** What the session read answered of the actor's tenant; absent where no session was read (jobs, tokens, demo data). */
  tenantSnapshot?: TenantSnapshot | null;
};

/**
 * Issue 20: the actor's tenant settings (its overrides and its parent's, as stored) and the calendar
 * revision, answered by the session read itself (modules/auth findSession), so a request that
 * computes deadlines reads neither again (modules/appeals tenantEnv). As fresh as the session: read
 * by the same request, never cached across requests.
 */
export type TenantSnapshot = { tenantId: string; ownOverrides: string | null; parentOverrides: string | null; calendarRevision: number };

/** The snapshot from a row that selected tenants' `tenantSettingsColumns(…).overrides` and calendar's `calendarRevisionColumn`. */
export function tenantSnapshotOf(tenantId: string, row: Record<string, unknown>): TenantSnapshot {
  return {
    tenantId,
    ownOverrides: (row.own_overrides as string | null) ?? null,
    parentOverrides: (row.parent_overrides as string | null) ?? null,
    // No row before the calendar's first change: revision 0 (calendar.repository readRevision).
    calendarRevision: Number(row.calendar_revision ?? 0),
  };
}

export type AuthedCtx = Ctx & { actor: Actor };

/** A call acting on business records, by any party (services shared by staff, the portal, the link and jobs). */
export type ActingCtx = Omit<Ctx, 'actor'> & { actor: AnyActor };

/** A provincial staff account as demo data names it (seed/demo.ts), to act through the services. */
export type DemoStaff = { id: string; username: string; displayName: string; unitId: string | null; roles: Role[]; scope: Scope; portfolioUnitIds?: string[] };

/**
 * The context of a demo account inside the demo data's transaction: demo data is made through the
 * services, so its timeline events, audit rows (request id 'demo') and notifications are real.
 */
export function demoStaffCtx(tx: Tx, tenant: { id: string; code: string }, u: DemoStaff): AuthedCtx {
  return {
    db: tx as unknown as Db,
    ip: '',
    requestId: 'demo',
    actor: {
      kind: 'staff',
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      tenantId: tenant.id,
      tenantCode: tenant.code,
      tenantKind: 'province',
      unitId: u.unitId,
      roles: u.roles,
      scope: u.scope,
      portfolioUnitIds: u.portfolioUnitIds ?? [],
      mustChangePassword: false,
    },
  };
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

export function withTx<T>(ctx: Pick<Ctx, 'db'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

/** Writes an audit row in the caller's transaction (so it commits or rolls back with the change). */
export type AuditEntry = Omit<AuditInput, 'tenantId' | 'actorId' | 'actorName' | 'ip' | 'requestId'> & {
  /** Defaults to the actor's; set for calls without a session (login). */
  tenantId?: string | null;
  actorId?: string | null;
  actorName?: string;
};

export function audit(tx: Tx, ctx: Ctx | ActingCtx, entry: AuditEntry) {
  return insertAudit(tx, auditInput(ctx, entry));
}

/**
 * The same audit row as a record, for a repository that writes changes and their audit rows in ONE
 * statement (a data-modifying CTE: appeals intake, alone or in a batch): `auditRowsSql` is their INSERT.
 * It commits or rolls back with the changes.
 */
export function auditRecord(ctx: Ctx | ActingCtx, entry: AuditEntry): AuditRecord {
  return auditInput(ctx, entry);
}

/** An audit row as auditRecord makes it. */
export type AuditRecord = AuditInput;

/** The INSERT of audit records (auditRecord), one JSON document whatever their number. */
export function auditRowsSql(rows: AuditRecord[]): SQL {
  return auditInsertRowsSql(rows);
}

function auditInput(ctx: Ctx | ActingCtx, entry: AuditEntry): AuditInput {
  return {
    tenantId: entry.tenantId === undefined ? (ctx.actor?.tenantId ?? null) : entry.tenantId,
    actorId: entry.actorId === undefined ? (ctx.actor ? actorUserId(ctx.actor) : null) : entry.actorId,
    actorName: entry.actorName ?? (ctx.actor ? actorNames(ctx.actor).audit : '匿名'),
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    summary: entry.summary,
    before: entry.before,
    after: entry.after,
  };
}
