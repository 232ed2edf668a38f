// The message thread of an appeal between the enterprise and the handling side (issue 7: "messages
// exchanged with the handling unit — a thread both sides see; internal notes stay internal").
//
// Who reads: the enterprise's own accounts (portal, resource 'portalAppeal'), and every staff member
// who may read the appeal (resource 'appeal': R7.2 oversight, leaders in charge, lead and co-handling
// units, intake, coordinator).
// Who posts on the handling side: the lead unit (主办处室: unit_staff / liaison / unit_head of the
// lead unit), intake (诉求受理人员, e.g. before dispatch) and the coordinator (统筹处室). Co-handling
// units, leaders and oversight read only: the enterprise hears one voice (the lead unit answers for
// the handling side, R3.2 closed loop); co-units contribute through their parts (submit_part).
// What the enterprise sees of a staff message: the unit's name (snapshot when written), never the
// civil servant's name. The thread holds only what was written here: opinions, results, the
// timeline and requests are never part of it.
// Posting writes an in-app notification for the other side (enterprise → the lead unit, or intake's
// queue before dispatch; staff → every active account of the appeal's enterprise) and an audit row,
// in the same transaction; a closed appeal refuses new messages; each account is rate-limited.
import type { MessageSide } from '../../../../shared/portal.ts';
import type { DbOrTx } from '../../db/client.ts';
import { partiesOf } from '../../domain/appeals/transitions.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealBrief, canSee, seesIdentity, type AppealBrief as ThreadAppeal } from '../appeals/index.ts';
import { hitRateLimit } from '../auth/index.ts';
import { insertNotifications, type NewNotification } from '../notifications/index.ts';
import { unitName as unitNameOf } from '../units/index.ts';
import { activeEnterpriseAccountIds } from '../users/index.ts';
import * as repo from './portal.messages.repository.ts';
import { cutText, textLength } from '../../../../shared/text.ts';

/** Tests lower these; production uses the defaults. */
export const messageLimits = { perAccountPerMinute: 10, shown: 200 };

const CLOSED = '诉求已办结，不能再发送消息';
const NO_ENTERPRISE = '该诉求未关联企业名录中的企业，企业无法在门户查看消息，请通过电话等方式联系企业';
const NOT_A_POSTER = '只有主办处室、诉求受理人员或统筹处室可以向企业发送消息（协办处室、分管领导和机关党委只能查看）';
const STAFF_LABEL = '办理单位';

// ---------------------------------------------------------------- access

/** The enterprise's own appeal, or the same 404 as a missing id. */
export async function ownAppeal(ctx: AuthedCtx, id: string, lock = false, db: DbOrTx = ctx.db): Promise<ThreadAppeal> {
  const a = await appealBrief(db, ctx.actor.tenantId, id, lock ? 'share' : undefined);
  if (!a || ctx.actor.kind !== 'enterprise' || !canSee(ctx.actor, a)) throw new AppError(ErrorCode.NOT_FOUND);
  return a;
}

/** Staff who may read the appeal (R7.2 and data scope), or 404. */
async function staffAppeal(ctx: AuthedCtx, id: string, lock = false, db: DbOrTx = ctx.db): Promise<{ appeal: ThreadAppeal; coUnitIds: string[] }> {
  // Inside a transaction every read goes through it (PGlite has one connection).
  const a = await appealBrief(db, ctx.actor.tenantId, id, lock ? 'share' : undefined);
  if (!a || ctx.actor.kind !== 'staff' || !canSee(ctx.actor, a)) throw new AppError(ErrorCode.NOT_FOUND);
  return { appeal: a, coUnitIds: a.coUnitIds };
}

/** Why the caller cannot post on this appeal now (null: may post). */
function staffBlock(ctx: AuthedCtx, a: ThreadAppeal, coUnitIds: string[]): { code: ErrorCode; message: string } | null {
  const parties = partiesOf(ctx.actor, { id: a.id, enterpriseId: a.enterpriseId, leadUnitId: a.leadUnitId, coUnitIds });
  if (!parties.some((p) => p === 'lead' || p === 'intake' || p === 'coordinator')) return { code: ErrorCode.FORBIDDEN, message: NOT_A_POSTER };
  if (a.state === 'closed') return { code: ErrorCode.INVALID_TRANSITION, message: CLOSED };
  if (!a.enterpriseId) return { code: ErrorCode.CONFLICT, message: NO_ENTERPRISE };
  return null;
}

async function rateLimit(ctx: AuthedCtx) {
  try {
    await hitRateLimit(ctx.db, `appeal-message:${ctx.actor.userId}`, messageLimits.perAccountPerMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '发送消息过于频繁，请一分钟后再试');
    throw err;
  }
}

// ---------------------------------------------------------------- presentation

function portalItem(ctx: AuthedCtx, m: repo.MessageRow) {
  return {
    id: m.id,
    side: m.authorSide,
    // Staff messages: the unit only, never the civil servant.
    author: m.authorSide === 'staff' ? (m.authorUnitName ?? STAFF_LABEL) : m.authorName,
    mine: m.authorId === ctx.actor.userId,
    body: m.body,
    createdAt: iso(m.createdAt)!,
  };
}

function staffItem(ctx: AuthedCtx, a: ThreadAppeal, m: repo.MessageRow) {
  // Confidential appeals hide the enterprise person's identity from staff other than intake and oversight.
  const hidden = m.authorSide === 'enterprise' && a.isConfidential && !seesIdentity(ctx.actor);
  return {
    id: m.id,
    side: m.authorSide,
    author: hidden ? '企业联系人（保密）' : m.authorName,
    unitName: m.authorSide === 'staff' ? m.authorUnitName : null,
    mine: m.authorId === ctx.actor.userId,
    body: m.body,
    createdAt: iso(m.createdAt)!,
  };
}

// ---------------------------------------------------------------- enterprise side

export async function listForPortal(ctx: AuthedCtx, id: string) {
  const a = await ownAppeal(ctx, id);
  const { rows, total } = await repo.listMessages(ctx.db, ctx.actor.tenantId, id, messageLimits.shown);
  const blocked = a.state === 'closed' ? CLOSED : null;
  return { items: rows.map((m) => portalItem(ctx, m)), total, canPost: !blocked, postBlockedReason: blocked };
}

export async function postFromPortal(ctx: AuthedCtx, id: string, input: { body: string }) {
  await ownAppeal(ctx, id);
  await rateLimit(ctx);
  const m = await withTx(ctx, async (tx) => {
    const a = await ownAppeal(ctx, id, true, tx);
    if (a.state === 'closed') throw new AppError(ErrorCode.INVALID_TRANSITION, CLOSED);
    const row = await repo.insertMessage(tx, {
      tenantId: a.tenantId,
      appealId: a.id,
      authorId: ctx.actor.userId,
      authorSide: 'enterprise',
      authorName: ctx.actor.displayName,
      authorUnitId: null,
      authorUnitName: null,
      body: input.body,
    });
    // The handling side: the lead unit; before dispatch (or after a return) intake's queue.
    const subject = `${a.number}「${a.title}」`;
    const n: NewNotification = {
      tenant_id: a.tenantId,
      type: 'message',
      appeal_id: a.id,
      title: `企业留言：${a.number}`,
      body: `${subject}：${excerpt(input.body)}`,
      source_key: `msg:${row.id}:${a.leadUnitId ? `n:${a.leadUnitId}` : 'r:intake'}`,
      ...(a.leadUnitId ? { unit_id: a.leadUnitId } : { role: 'intake' }),
    };
    await insertNotifications(tx, [n]);
    await audit(tx, ctx, {
      action: 'appeal.message',
      entity: 'appeal',
      entityId: a.id,
      summary: `${a.number} 企业留言（${textLength(input.body)}字）`,
      after: { messageId: row.id, side: 'enterprise', body: input.body },
    });
    return row;
  });
  return portalItem(ctx, toRow(m));
}

// ---------------------------------------------------------------- handling side

export async function listForStaff(ctx: AuthedCtx, id: string) {
  const { appeal: a, coUnitIds } = await staffAppeal(ctx, id);
  const { rows, total } = await repo.listMessages(ctx.db, ctx.actor.tenantId, id, messageLimits.shown);
  const accounts = await activeEnterpriseAccountIds(ctx.db, a.tenantId, a.enterpriseId);
  const block = staffBlock(ctx, a, coUnitIds);
  return {
    items: rows.map((m) => staffItem(ctx, a, m)),
    total,
    canPost: !block,
    postBlockedReason: block?.message ?? null,
    enterpriseAccounts: accounts.length,
  };
}

export async function postFromStaff(ctx: AuthedCtx, id: string, input: { body: string }) {
  await staffAppeal(ctx, id);
  await rateLimit(ctx);
  const { m, appeal } = await withTx(ctx, async (tx) => {
    const { appeal: a, coUnitIds } = await staffAppeal(ctx, id, true, tx);
    const block = staffBlock(ctx, a, coUnitIds);
    if (block) throw new AppError(block.code, block.message);
    const unitName = await unitNameOf(tx, ctx.actor.unitId);
    const row = await repo.insertMessage(tx, {
      tenantId: a.tenantId,
      appealId: a.id,
      authorId: ctx.actor.userId,
      authorSide: 'staff',
      authorName: ctx.actor.displayName,
      authorUnitId: ctx.actor.unitId,
      authorUnitName: unitName,
      body: input.body,
    });
    const from = unitName ?? STAFF_LABEL;
    const to = await activeEnterpriseAccountIds(tx, a.tenantId, a.enterpriseId);
    await insertNotifications(
      tx,
      to.map((userId) => ({
        tenant_id: a.tenantId,
        type: 'message',
        user_id: userId,
        appeal_id: a.id,
        title: `${from}给您发来消息：${a.number}`,
        body: `「${a.title}」：${excerpt(input.body)}`,
        source_key: `msg:${row.id}:u:${userId}`,
      })),
    );
    await audit(tx, ctx, {
      action: 'appeal.message',
      entity: 'appeal',
      entityId: a.id,
      summary: `${a.number} ${from}向企业发送消息（${textLength(input.body)}字，通知企业账号${to.length}个）`,
      after: { messageId: row.id, side: 'staff', unitName, body: input.body, notifiedAccounts: to.length },
    });
    return { m: row, appeal: a };
  });
  return staffItem(ctx, appeal, toRow(m));
}

// ---------------------------------------------------------------- helpers

/** Issue 12 item 8: 100 characters of the message, cut between graphemes (an emoji at the cut stays whole or goes). */
const excerpt = (s: string) => (textLength(s) > 100 ? `${cutText(s, 100)}…` : s);

function toRow(r: {
  id: string;
  authorId: string;
  authorSide: MessageSide;
  authorName: string;
  authorUnitName: string | null;
  body: string;
  createdAt: Date;
}): repo.MessageRow {
  return {
    id: r.id,
    authorId: r.authorId,
    authorSide: r.authorSide,
    authorName: r.authorName,
    authorUnitName: r.authorUnitName,
    body: r.body,
    createdAt: r.createdAt,
  };
}
