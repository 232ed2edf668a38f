// In-app notifications (capability 7): what a user sees under the bell. Reading is scoped to the
// caller (their user, their unit, their roles, in their tenant). Marking read changes only the
// caller's own read state (not business data), so it writes no audit row.
import { STAFF_BUSINESS_ROLES } from '../../../../shared/roles.ts';
import { notFound } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import * as repo from './notifications.repository.ts';

export const UNREAD_CAP = 100;

/** Policy resource 'notification': its tenant and addressee. */
export const owner = repo.ownerOfNotification;

/**
 * A unit's notices are business (dispatch, urge, overdue…): they follow the business roles. An
 * account without a staff business role — the three admin roles, an enterprise account, an account
 * with no role yet — receives none of its unit's notices (issue 12: sysadmin set its own unit and
 * read that unit's notices). Admin roles hold no unit anyway (modules/users).
 */
const unitOfBusiness = (actor: Actor) => (actor.roles.some((r) => (STAFF_BUSINESS_ROLES as readonly string[]).includes(r)) ? actor.unitId : null);

const me = (actor: Actor): repo.Addressee => ({ tenantId: actor.tenantId, userId: actor.userId, unitId: unitOfBusiness(actor), roles: actor.roles });

/** Whether a notification is addressed to the actor (the policy layer's resource check). */
export function addressedTo(actor: Actor, owner: { tenantId: string; unitId?: string | null; userId?: string | null; role?: string | null }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (owner.userId) return owner.userId === actor.userId;
  if (owner.unitId) return owner.unitId === unitOfBusiness(actor);
  if (owner.role) return (actor.roles as readonly string[]).includes(owner.role);
  return false;
}

export async function list(ctx: AuthedCtx, q: { unread?: boolean; page: number; pageSize: number }) {
  const { rows, total } = await repo.listFor(ctx.db, me(ctx.actor), { unreadOnly: q.unread === true, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function unreadCount(ctx: AuthedCtx) {
  const count = await repo.unreadCount(ctx.db, me(ctx.actor), UNREAD_CAP);
  return { count, capped: count >= UNREAD_CAP };
}

export async function markRead(ctx: AuthedCtx, id: string) {
  if (!(await repo.isAddressedTo(ctx.db, me(ctx.actor), id))) throw notFound('通知');
  await repo.markRead(ctx.db, ctx.actor.userId, id);
  return { id, read: true };
}

export async function markAllRead(ctx: AuthedCtx) {
  const readBefore = await repo.markAllRead(ctx.db, ctx.actor.userId);
  return { readBefore: readBefore.toISOString() };
}
