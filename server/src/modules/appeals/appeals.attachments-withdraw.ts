// Issue 22, limits left in the loop: attachments. A file put on an appeal by mistake is withdrawn
// with a reason — the row and its content are kept (the audit row names its SHA-256), it leaves every
// list, download and evidence choice, and the timeline says who withdrew what and why. And an appeal
// answered on the spot (当场答复, closed at intake) takes the material intake received with it.
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AnyActor, type AuthedCtx } from '../../lib/context.ts';
import { recordTimelineEvent } from './appeals.timeline.ts';
import * as repo from './appeals.attachments-withdraw.repository.ts';
import { lockAppeal } from './appeals.repository.ts';
import { appealClock } from './appeals.env.ts';
import { canSee } from './appeals.view.ts';

/** Intake (or the coordinator) may attach material to an appeal it answered on the spot. */
export function onSpotMaterial(actor: AnyActor, row: { state: string; closeReason: string | null }): boolean {
  return (
    actor.kind === 'staff' && row.state === 'closed' && row.closeReason === 'answered_on_spot' && actor.roles.some((r) => r === 'intake' || r === 'coordinator')
  );
}

/** Withdraw: the uploader, or intake / the coordinating unit; a reason; once. */
export async function withdrawAttachment(ctx: AuthedCtx, appealId: string, attachmentId: string, reason: string) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const row = await lockAppeal(tx, actor.tenantId, appealId);
    if (!row || !canSee(actor, row)) throw notFound('诉求');
    const a = await repo.attachmentForWithdrawal(tx, actor.tenantId, appealId, attachmentId);
    if (!a || a.withdrawnAt) throw notFound('附件');
    const office = actor.roles.some((r) => r === 'intake' || r === 'coordinator');
    if (a.uploadedBy !== actor.userId && !office) throw new AppError(ErrorCode.FORBIDDEN, '只有上传人或受理、统筹处室可以撤回附件');
    const why = reason.trim();
    if (!why) throw invalid({ reason: '请说明撤回原因' });
    const now = appealClock.now();
    await repo.markWithdrawn(tx, attachmentId, { withdrawnAt: now, withdrawnByName: actor.displayName, withdrawnReason: why });
    await recordTimelineEvent(tx, actor, { id: appealId, tenantId: row.tenantId, state: row.state }, 'attachment_withdrawn', {
      attachmentId,
      name: a.name,
      reason: why,
      summary: `撤回附件「${a.name}」，原因：${why}`,
    });
    await audit(tx, ctx, {
      action: 'appeal.attachment_withdraw',
      entity: 'appeal',
      entityId: appealId,
      summary: `${row.number} 撤回附件「${a.name}」（SHA-256 ${a.sha256.slice(0, 12)}…），原因：${why}`,
      before: { attachmentId, name: a.name, sha256: a.sha256, uploadedByName: a.uploadedByName },
      after: { withdrawnAt: now.toISOString(), reason: why },
    });
    return { id: attachmentId, withdrawn: true as const };
  });
}
