// What a service needs to know about the call: who, from where, which request; and the one
// way to run a change: a transaction that also writes the audit row (outline style).
import type { Role, Scope } from '../../../shared/roles.ts';
import type { Db, Tx } from '../db/client.ts';
import { insertAudit, type AuditInput } from '../modules/audit/audit.repository.ts';

export type Actor = {
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

export type Ctx = {
  db: Db;
  /** null for unauthenticated calls (login). */
  actor: Actor | null;
  ip: string;
  requestId: string;
};

export type AuthedCtx = Ctx & { actor: Actor };

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

export function withTx<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

/** Writes an audit row in the caller's transaction (so it commits or rolls back with the change). */
export type AuditEntry = Omit<AuditInput, 'tenantId' | 'actorId' | 'actorName' | 'ip' | 'requestId'> & {
  /** Defaults to the actor's; set for calls without a session (login). */
  tenantId?: string | null;
  actorId?: string | null;
  actorName?: string;
};

export function audit(tx: Tx, ctx: Ctx, entry: AuditEntry) {
  return insertAudit(tx, {
    tenantId: entry.tenantId === undefined ? (ctx.actor?.tenantId ?? null) : entry.tenantId,
    actorId: entry.actorId === undefined ? (ctx.actor?.userId ?? null) : entry.actorId,
    actorName: entry.actorName ?? (ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : '匿名'),
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    summary: entry.summary,
    before: entry.before,
    after: entry.after,
  });
}
