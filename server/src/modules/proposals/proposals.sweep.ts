// R3.3 the reply deadlines of 建议提案, swept like the 2115 milestones (task `proposal-deadlines`,
// jobs/tasks.ts): a proposal in handling whose reply falls due within the tenant's proposalDueSoonDays
// gets one due-soon notice to its lead unit per round, and one overdue notice once the due date has
// passed. Each notice is marked on the round in the same transaction as the notification and its audit
// row (the system party), so with several instances, or a rerun, nothing is sent twice.
import { PROPOSAL_KIND_LABELS } from '../../../../shared/proposals.ts';
import { formatChineseDay } from '../../../../shared/format.ts';
import type { Db } from '../../db/client.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { dueSoonFromDay } from '../../domain/proposals/deadline.ts';
import { audit, systemActor, withTx } from '../../lib/context.ts';
import { insertNotifications } from '../notifications/index.ts';
import { loadTenantSettingsMany } from '../tenants/index.ts';
import * as repo from './proposals.repository.ts';

export const PROPOSAL_SWEEP_TASK = 'proposal-deadlines';
/** The largest proposalDueSoonDays a tenant may choose (shared/settings.ts). */
const MAX_DUE_SOON_DAYS = 60;

/** Every tenant unless `tenantIds` is given. */
export async function proposalDeadlineSweep(db: Db, now = new Date(), opts: { tenantIds?: readonly string[] } = {}) {
  const today = shanghaiDate(now);
  const rows = await repo.sweepCandidates(db, addDaysIso(today, MAX_DUE_SOON_DAYS), opts.tenantIds);
  const settings = await loadTenantSettingsMany(db, [...new Set(rows.map((r) => r.tenant_id))]);
  let dueSoon = 0;
  let overdue = 0;
  for (const r of rows) {
    const s = settings.get(r.tenant_id);
    if (!s) continue;
    const which = today > r.reply_due ? 'overdue' : today >= dueSoonFromDay(r.reply_due, s.proposalDueSoonDays) ? 'due_soon' : null;
    if (!which) continue;
    if (which === 'overdue' ? r.overdue_notified_at : r.due_soon_notified_at) continue;
    const ctx = { db, actor: systemActor(r.tenant_id, PROPOSAL_SWEEP_TASK), ip: '', requestId: PROPOSAL_SWEEP_TASK };
    const label = `${PROPOSAL_KIND_LABELS[r.kind]}${r.number}`;
    const sent = await withTx(ctx, async (tx) => {
      if (!(await repo.markNotified(tx, r.id, r.round, which, now))) return false;
      await insertNotifications(tx, [
        {
          tenant_id: r.tenant_id,
          type: which,
          unit_id: r.lead_unit_id,
          appeal_id: r.appeal_id,
          title: which === 'overdue' ? `建议提案已超期未答复：${label}` : `建议提案即将到期：${label}`,
          body: `${r.session}${label}「${r.title}」答复期限为${formatChineseDay(r.reply_due)}，${which === 'overdue' ? '已超期，请尽快答复。' : '请按期提交答复函。'}`,
          source_key: `proposal:${r.id}:round:${r.round}:${which}`,
        },
      ]);
      await audit(tx, ctx, {
        action: which === 'overdue' ? 'proposal.overdue' : 'proposal.due_soon',
        entity: 'proposal',
        entityId: r.id,
        summary: `${label}第${r.round}轮答复${which === 'overdue' ? '已超期' : '即将到期'}（期限${r.reply_due}），已提醒主办处室`,
      });
      return true;
    });
    if (sent) which === 'overdue' ? overdue++ : dueSoon++;
  }
  return { candidates: rows.length, dueSoon, overdue };
}
