// In-app notifications (capability 7): what a user sees under the bell. Reading is scoped to the
// caller (their user, their unit, their roles, in their tenant). Marking read changes only the
// caller's own read state (not business data), so it writes no audit row.
import { notFound } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import * as repo from './notifications.repository.ts';

export const UNREAD_CAP = 100;

const me = (actor: Actor): repo.Addressee => ({ tenantId: actor.tenantId, userId: actor.userId, unitId: actor.unitId, roles: actor.roles });

/** Whether a notification is addressed to the actor (the policy layer's resource check). */
export function addressedTo(actor: Actor, owner: { tenantId: string; unitId?: string | null; userId?: string | null; role?: string | null }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (owner.userId) return owner.userId === actor.userId;
  if (owner.unitId) return owner.unitId === actor.unitId;
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
