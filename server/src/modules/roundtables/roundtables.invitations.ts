// Roundtables (R5.1, R5.3): the invitations of enterprises and their replies (portal notice + SMS
// outbox), the leaders' attendance arranged by 办公室, and the portal's list of an enterprise's
// meetings. The meeting itself, its items and minutes: roundtables.service.ts.
import {
  INVITATION_REPLY_LABELS,
  LEADER_ATTENDANCE_LABELS,
  ROUNDTABLE_KIND_LABELS,
  type InvitationReply,
  type LeaderAttendance,
} from '../../../../shared/roundtables.ts';
import type { PortalMeeting } from '../../../../shared/api/roundtables.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock } from '../appeals/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import { activeLeadersById } from '../leaders/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { queueSms } from '../portal/index.ts';
import { activeEnterpriseAccountIds } from '../users/index.ts';
import * as repo from './roundtables.repository.ts';
import { allow, meeting, present } from './roundtables.read.ts';

// ---------------------------------------------------------------- invitations and leaders

/** Enterprises proposed for invitation: a portal notice to their accounts and an SMS to the contact (R5.1). */
export async function invite(ctx: AuthedCtx, id: string, input: { enterprises: { enterpriseId: string; contactName: string; contactPhone: string }[] }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, 'invite');
    const rows = [];
    const fields: Record<string, string> = {};
    for (const [n, e] of input.enterprises.entries()) {
      const found = await enterpriseById(tx, actor.tenantId, e.enterpriseId);
      if (!found || found.archived) fields[`enterprises.${n}.enterpriseId`] = '本单位企业名录中没有该企业';
      else
        rows.push({
          tenantId: actor.tenantId,
          roundtableId: id,
          enterpriseId: found.id,
          enterpriseName: found.name,
          contactName: e.contactName,
          contactPhone: e.contactPhone,
          invitedByName: actor.displayName,
        });
    }
    if (Object.keys(fields).length) throw invalid(fields);
    const added = await repo.insertInvitations(tx, rows);
    const now = appealClock.now();
    const what = `${ROUNDTABLE_KIND_LABELS[r.kind]}「${r.title}」`;
    for (const inv of added) {
      const accounts = await activeEnterpriseAccountIds(tx, actor.tenantId, inv.enterpriseId);
      await insertNotifications(
        tx,
        accounts.map((userId) => ({
          tenant_id: actor.tenantId,
          type: 'roundtable_invitation',
          user_id: userId,
          title: `邀请参加${what}`,
          body: `会议时间 ${r.meetingDate}，地点 ${r.place}。请在企业服务平台回复是否参加，并可在 ${r.collectUntil} 前提交诉求。`,
          source_key: `roundtable:${id}:invite:${inv.enterpriseId}:${userId}`,
        })),
      );
      await queueSms(tx, [
        {
          tenantId: actor.tenantId,
          kind: 'roundtable_invitation',
          toPhone: inv.contactPhone,
          body: `【山东省应急管理厅】${inv.contactName}您好，诚邀贵单位参加${what}，时间${r.meetingDate}，地点${r.place}。请登录企业服务平台回复。`,
          createdAt: now,
        },
      ]);
    }
    await audit(tx, ctx, {
      action: 'roundtable.invite',
      entity: 'roundtable',
      entityId: id,
      summary: `会议「${r.title}」邀请企业：${added.map((a) => a.enterpriseName).join('、') || '（均已邀请过）'}`,
      after: added,
    });
    return present(tx, actor, r);
  });
}

/** The reply to an invitation: by the enterprise on the portal, or recorded by the organiser (phone, letter). */
export async function reply(
  ctx: AuthedCtx,
  id: string,
  input: { invitationId?: string | null; reply: Exclude<InvitationReply, 'pending'>; attendeeName?: string | null },
) {
  const actor = ctx.actor;
  if (input.reply === 'attending' && !input.attendeeName) throw invalid({ attendeeName: '参加会议须填写参会人姓名' });
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, 'reply');
    const inv =
      actor.kind === 'enterprise'
        ? await repo.invitationOfEnterprise(tx, actor.tenantId, id, actor.enterpriseId ?? '')
        : input.invitationId
          ? await repo.getInvitation(tx, actor.tenantId, id, input.invitationId)
          : null;
    if (!inv) throw actor.kind === 'enterprise' ? notFound('会议邀请') : invalid({ invitationId: '请选择受邀企业' });
    const after = await repo.updateInvitation(tx, inv.id, {
      reply: input.reply,
      attendeeName: input.reply === 'attending' ? (input.attendeeName ?? null) : null,
      repliedByName: actor.kind === 'enterprise' ? `企业用户 ${actor.displayName}` : actor.displayName,
      repliedAt: appealClock.now(),
    });
    await audit(tx, ctx, {
      action: 'roundtable.reply',
      entity: 'roundtable',
      entityId: id,
      summary: `${inv.enterpriseName}回复会议「${r.title}」邀请：${INVITATION_REPLY_LABELS[input.reply]}${input.reply === 'attending' ? `（${input.attendeeName}）` : ''}`,
      before: inv,
      after,
    });
    return actor.kind === 'enterprise' ? null : present(tx, actor, r);
  });
}

/** R5.3 办公室 arranges a leader's attendance: invited, confirmed, declined. */
export async function arrangeLeader(ctx: AuthedCtx, id: string, input: { leaderId: string; status: LeaderAttendance; note?: string | null }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, 'arrange_leader');
    const [leader] = await activeLeadersById(tx, actor.tenantId, [input.leaderId]);
    if (!leader) throw invalid({ leaderId: '领导不存在' });
    const row = await repo.upsertLeader(tx, {
      tenantId: actor.tenantId,
      roundtableId: id,
      leaderId: leader.id,
      leaderName: `${leader.name}（${leader.title}）`,
      status: input.status,
      note: input.note ?? null,
      arrangedByName: actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'roundtable.leader',
      entity: 'roundtable',
      entityId: id,
      summary: `会议「${r.title}」领导出席：${leader.name} ${LEADER_ATTENDANCE_LABELS[input.status]}（R5.3）`,
      after: row,
    });
    return present(tx, actor, r);
  });
}

// ---------------------------------------------------------------- the portal

/** The meetings the enterprise is invited to, with its reply and the items it submitted. */
export async function portalMeetings(ctx: AuthedCtx): Promise<{ items: PortalMeeting[] }> {
  const actor = ctx.actor;
  if (actor.kind !== 'enterprise' || !actor.enterpriseId) return { items: [] };
  const rows = await repo.meetingsOfEnterprise(ctx.db, actor.tenantId, actor.enterpriseId);
  const today = shanghaiDate(appealClock.now());
  const items: PortalMeeting[] = [];
  for (const { meeting: m, invitation: inv } of rows) {
    if (m.state === 'cancelled') continue;
    const mine = (await repo.itemsOf(ctx.db, actor.tenantId, m.id)).filter((i) => i.enterpriseId === actor.enterpriseId && i.source === 'portal');
    const before = m.state === 'collecting' || m.state === 'prepared';
    items.push({
      id: m.id,
      kind: m.kind,
      organiser: m.organiser,
      title: m.title,
      topics: m.topics,
      meetingDate: m.meetingDate,
      place: m.place,
      collectFrom: m.collectFrom,
      collectUntil: m.collectUntil,
      state: m.state,
      reply: inv.reply,
      attendeeName: inv.attendeeName,
      canReply: before,
      canSubmitItem: m.state === 'collecting' && today >= m.collectFrom && today <= m.collectUntil,
      myItems: mine.map((i) => ({ id: i.id, title: i.title, disposition: i.disposition, createdAt: iso(i.createdAt)! })),
    });
  }
  return { items };
}
