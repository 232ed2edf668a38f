// R3.4 lead units per channel: 省长信箱, 企业家诉求专区, 接诉即办 and 企业家直通省长号码 matters (and any
// channel a tenant chooses) are handled by their lead units. Sysadmin or the coordinating unit keeps a
// per-tenant table channel → lead unit; intake applies it: the form preselects the unit and says why,
// and dispatching a new appeal of such a channel to another unit needs a reason, which goes on the
// dispatch event of the timeline and into the audit row (same transaction).
import { APPEAL_CHANNEL_LABELS, type AppealChannel } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { activeUnitsById } from '../units/index.ts';
import type { DispatchUnits } from './appeals.common.ts';
import { appealClock } from './appeals.env.ts';
import * as repo from './appeals.channel-leads.repository.ts';

export type ChannelLeadItem = { channel: string; channelLabel: string; unitId: string; unitName: string | null; note: string; updatedAt: string };

export async function listChannelLeads(ctx: Pick<AuthedCtx, 'db' | 'actor'>) {
  const rows = await repo.listChannelLeads(ctx.db, ctx.actor.tenantId);
  const units = await activeUnitsById(ctx.db, ctx.actor.tenantId, [...new Set(rows.map((r) => r.unitId))]);
  const items: ChannelLeadItem[] = rows.map((r) => ({
    channel: r.channel,
    channelLabel: APPEAL_CHANNEL_LABELS[r.channel as AppealChannel] ?? r.channel,
    unitId: r.unitId,
    // An archived unit keeps its row (the table shows it must be replaced) but no name.
    unitName: units.get(r.unitId)?.name ?? null,
    note: r.note,
    updatedAt: r.updatedAt.toISOString(),
  }));
  return { items, total: items.length };
}

/** R3.4: replace the tenant's whole table (one row per channel, active units only); audited. */
export async function replaceChannelLeads(ctx: AuthedCtx, rows: { channel: AppealChannel; unitId: string; note: string }[]) {
  return withTx(ctx, async (tx) => {
    const fields: Record<string, string> = {};
    const units = await activeUnitsById(tx, ctx.actor.tenantId, [...new Set(rows.map((r) => r.unitId))]);
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (!units.has(r.unitId)) fields[`items.${i}.unitId`] = '处室不存在或已归档';
      if (seen.has(r.channel)) fields[`items.${i}.channel`] = '每个渠道只能指定一个主办处室';
      seen.add(r.channel);
    });
    if (Object.keys(fields).length) throw invalid(fields);
    const before = await repo.listChannelLeads(tx, ctx.actor.tenantId);
    await repo.replaceChannelLeads(tx, ctx.actor.tenantId, ctx.actor.userId, rows, appealClock.now());
    const described = rows.map((r) => `${APPEAL_CHANNEL_LABELS[r.channel]}→${units.get(r.unitId)!.name}`).join('；');
    await audit(tx, ctx, {
      action: 'channel_leads.replace',
      entity: 'channel_lead_units',
      summary: `更新渠道主办处室（${rows.length}个渠道）${described ? `：${described}` : ''}`,
      before: before.map((b) => ({ channel: b.channel, unitId: b.unitId, note: b.note })),
      after: rows,
    });
    return listChannelLeads({ db: tx as unknown as AuthedCtx['db'], actor: ctx.actor });
  });
}

export type ChannelLeadDecision = {
  /** The channel's lead unit. */
  unitId: string;
  unitName: string;
  /** The unit chosen differs: the clerk's reason. */
  overrideReason: string | null;
};

/**
 * R3.4 at intake and at the first dispatch: the channel's lead unit, if the tenant set one. Dispatching
 * to another unit needs `reason` (a 400 on `leadOverrideReason` otherwise). Returns null when the
 * channel has no lead unit (or it was archived) or nothing is dispatched.
 */
export async function decideChannelLead(
  db: DbOrTx,
  tenantId: string,
  channel: string,
  chosenUnitId: string | null,
  reason: string | null | undefined,
  fields: Record<string, string>,
  /**
   * What checkDispatchUnits has just read: with its `channel`, the channel's lead unit itself (nothing
   * more is read); else the active units named, among which the channel's lead unit usually is.
   */
  known?: DispatchUnits,
): Promise<ChannelLeadDecision | null> {
  if (!chosenUnitId) return null;
  let unit: { id: string; name: string } | null | undefined = known?.channelLead;
  if (unit === undefined) {
    const lead = await repo.channelLead(db, tenantId, channel);
    if (!lead) return null;
    unit = known?.units.get(lead.unitId) ?? (await activeUnitsById(db, tenantId, [lead.unitId])).get(lead.unitId);
  }
  if (!unit) return null;
  if (chosenUnitId === unit.id) return { unitId: unit.id, unitName: unit.name, overrideReason: null };
  const why = reason?.trim();
  if (!why) {
    fields.leadOverrideReason = `「${APPEAL_CHANNEL_LABELS[channel as AppealChannel] ?? channel}」渠道的诉求由${unit.name}主办，改派其他处室须说明原因`;
    return null;
  }
  return { unitId: unit.id, unitName: unit.name, overrideReason: why };
}

/** R3.4: the channel's lead unit when the tenant set one and it is still active (issue 18 自动派单), else null. */
export async function activeChannelLead(db: DbOrTx, tenantId: string, channel: string): Promise<{ unitId: string; unitName: string } | null> {
  const lead = await repo.channelLead(db, tenantId, channel);
  if (!lead) return null;
  const unit = (await activeUnitsById(db, tenantId, [lead.unitId])).get(lead.unitId);
  return unit ? { unitId: unit.id, unitName: unit.name } : null;
}

/** What the dispatch event's payload and the audit summary say of the decision. */
export function channelLeadPayload(d: ChannelLeadDecision | null) {
  if (!d) return {};
  return {
    channelLead: { unitId: d.unitId, unitName: d.unitName, overridden: d.overrideReason !== null },
    ...(d.overrideReason ? { reason: `未按渠道主办处室（${d.unitName}）派单：${d.overrideReason}` } : {}),
  };
}

export function channelLeadSummary(d: ChannelLeadDecision | null): string {
  if (!d) return '';
  return d.overrideReason ? `；渠道主办处室为${d.unitName}，改派原因：${d.overrideReason}` : '（渠道主办处室）';
}
