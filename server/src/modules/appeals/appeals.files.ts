// Appeals: attachments and the routing rules (R3.2).
import crypto from 'node:crypto';
import { ATTACHMENTS_PER_APPEAL, type AppealState } from '../../../../shared/appeals.ts';
import { checkTransition, partiesOf } from '../../domain/appeals/transitions.ts';
import { invalid, notFound } from '../../errors.ts';
import { actorNames, actorUserId, audit, withTx, type ActingCtx, type AuthedCtx } from '../../lib/context.ts';
import { activeUnitsById, businessUnitsForSector } from '../units/index.ts';
import { listChannelLeads } from './appeals.channel-leads.ts';
import { actorEvent } from './appeals.common.ts';
import { onSpotMaterial } from './appeals.attachments-withdraw.ts';
import { appealClock } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import { guard, refuse } from './appeals.runner.ts';
import { canSee } from './appeals.view.ts';

// ---------------------------------------------------------------- attachments

/**
 * An attachment on an open appeal, by the handling side or by the enterprise on its own appeal
 * (issue 7; the transition table's 'attach' decides who), within the per-appeal limit.
 */
export async function attach(ctx: ActingCtx, id: string, file: { name: string; ext: string; mime: string; data: Buffer; note: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const row = await repo.lockAppeal(tx, actor.tenantId, id);
    if (!row || !canSee(actor, row)) throw notFound('诉求');
    const check = checkTransition(row.state as AppealState, 'attach', partiesOf(actor, row));
    // Issue 22: intake adds the material of an appeal answered on the spot (closed at intake).
    if (!check.ok && !onSpotMaterial(actor, row)) refuse(check, row.state);
    if ((await repo.countAttachments(tx, id)) >= ATTACHMENTS_PER_APPEAL) throw guard(`每件诉求最多${ATTACHMENTS_PER_APPEAL}个附件`);
    const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
    const att = await repo.insertAttachment(
      tx,
      {
        tenantId: row.tenantId,
        appealId: id,
        name: file.name,
        ext: file.ext,
        mime: file.mime,
        size: file.data.length,
        sha256,
        note: file.note,
        unitId: actor.kind === 'staff' ? actor.unitId : null,
        uploadedBy: actorUserId(actor),
        uploadedByName: actor.kind === 'staff' || actor.kind === 'enterprise' ? actor.displayName : actorNames(actor).timeline,
      },
      file.data,
    );
    const payload = { attachmentId: att.id, name: file.name, size: file.data.length, note: file.note };
    await repo.insertEvents(tx, [
      {
        ...actorEvent(actor),
        tenantId: row.tenantId,
        appealId: id,
        type: 'attach',
        at: appealClock.now(),
        stateBefore: row.state,
        stateAfter: row.state,
        payload,
      },
    ]);
    await audit(tx, ctx, {
      action: 'appeal.attach',
      entity: 'appeal',
      entityId: id,
      summary: `${row.number} 上传附件「${file.name}」（${file.data.length} 字节）`,
      after: { ...payload, sha256 },
    });
    return {
      id: att.id,
      name: att.name,
      ext: att.ext,
      mime: att.mime,
      size: att.size,
      note: att.note,
      unitId: att.unitId,
      uploadedByName: att.uploadedByName,
      createdAt: att.createdAt.toISOString(),
    };
  });
}

export async function download(ctx: AuthedCtx, id: string, attachmentId: string) {
  const owner = await repo.appealOwner(ctx.db, id);
  if (!owner || !canSee(ctx.actor, { tenantId: owner.tenantId, leadUnitId: owner.unitId, coUnitIds: owner.coUnitIds })) throw notFound('诉求');
  const a = await repo.getAttachment(ctx.db, ctx.actor.tenantId, id, attachmentId);
  if (!a) throw notFound('附件');
  return a;
}

// ---------------------------------------------------------------- routing rules (R3.2)

export async function listRules(ctx: AuthedCtx) {
  const rows = await repo.listRoutingRules(ctx.db, ctx.actor.tenantId);
  return {
    items: rows.map((r) => ({ id: r.id, sector: r.sector, category: r.category, unitId: r.unit_id, unitName: r.unit_name, note: r.note })),
    total: rows.length,
  };
}

export async function replaceRules(ctx: AuthedCtx, rules: { sector: string | null; category: string | null; unitId: string; note: string }[]) {
  return withTx(ctx, async (tx) => {
    const fields: Record<string, string> = {};
    const units = await activeUnitsById(tx, ctx.actor.tenantId, [...new Set(rules.map((r) => r.unitId))]);
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (!units.has(r.unitId)) fields[`rules.${i}.unitId`] = '处室不存在或已归档';
      const k = `${r.sector ?? '*'}|${r.category ?? '*'}`;
      if (seen.has(k)) fields[`rules.${i}`] = '同一行业和诉求类别只能有一条规则';
      seen.add(k);
    });
    if (Object.keys(fields).length) throw invalid(fields);
    const before = await repo.listRoutingRules(tx, ctx.actor.tenantId);
    await repo.replaceRoutingRules(tx, ctx.actor.tenantId, rules);
    await audit(tx, ctx, {
      action: 'routing_rules.replace',
      entity: 'routing_rules',
      summary: `更新业务对口派单规则（${rules.length}条）`,
      before,
      after: rules,
    });
    return listRules({ ...ctx, db: tx as unknown as AuthedCtx['db'] });
  });
}

/** R3.2: suggested lead units for an appeal (rules first, then units whose sectors cover the enterprise). */
export async function suggestUnits(ctx: AuthedCtx, id: string) {
  const d = await repo.getDetailRow(ctx.db, ctx.actor.tenantId, id);
  if (!d || !canSee(ctx.actor, { tenantId: d.tenantId, leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.map((c) => c.unitId) })) throw notFound('诉求');
  // The most specific matching rule first (sector and category > sector > category > neither), then the
  // business units whose sectors (分管行业) cover the enterprise's sector; five at most, each unit once.
  const rules = await repo.matchingRules(ctx.db, ctx.actor.tenantId, d.sector, d.category);
  const bySector = d.sector ? await businessUnitsForSector(ctx.db, ctx.actor.tenantId, d.sector) : [];
  // R3.4: the channel's lead unit comes first.
  const lead = (await listChannelLeads(ctx)).items.find((c) => c.channel === d.channel && c.unitName);
  const ranked = [
    ...(lead ? [{ unitId: lead.unitId, unitName: lead.unitName!, source: 'channel' as const, score: 100 }] : []),
    ...rules.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, source: 'rule' as const, score: r.score })),
    ...bySector.map((u) => ({ unitId: u.id, unitName: u.name, source: 'sector' as const, score: -1 })),
  ]
    .sort((a, b) => b.score - a.score || (a.unitName < b.unitName ? -1 : a.unitName > b.unitName ? 1 : 0))
    .slice(0, 5);
  const seen = new Set<string>();
  const items = ranked.filter((r) => !seen.has(r.unitId) && seen.add(r.unitId)).map(({ unitId, unitName, source }) => ({ unitId, unitName, source }));
  return { items, total: items.length };
}
