// Turns the appeals timeline (appeal_events, append-only) into in-app notifications: the actions
// need no notification code, and every event — whoever wrote it (a user, the enterprise, the SLA
// sweep) — notifies the same way. Run by a scheduled task every few seconds (jobs/tasks.ts);
// idempotent (source key per event and addressee), so re-reading a window of events is harmless.
// The notifications module stores and delivers them; the leaders module says who covers a unit.
import { APPEAL_CATEGORY_LABELS, EVALUATION_RATING_LABELS, type AppealCategory, type EvaluationRating } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { leaderUsersOfUnits } from '../leaders/index.ts';
import { insertNotifications, type NewNotification, type NotificationType } from '../notifications/index.ts';
import { MAJOR_HANDLING_EVENTS, majorHandlingNotices } from './appeals.notify-major.ts';
import { eventsAfter } from './appeals.public.repository.ts';

const EVENT_TYPES = ['dispatch', 'transfer', 'return', 'urge', 'evaluate', 'flag', 'escalate', 'overdue', 'transfer_in', ...MAJOR_HANDLING_EVENTS];

export type NotifyResult = { lastId: number; events: number; created: number };

/**
 * Notifies the events with id > afterId (up to `limit`, in id order). Returns the last id read, to
 * be passed as afterId next time.
 */
export async function notifyFromEvents(db: DbOrTx, opts: { afterId: number; tenantIds?: readonly string[]; limit?: number }): Promise<NotifyResult> {
  const events = await eventsAfter(db, { afterId: opts.afterId, types: EVENT_TYPES, tenantIds: opts.tenantIds, limit: opts.limit ?? 5000 });
  if (!events.length) return { lastId: opts.afterId, events: 0, created: 0 };

  // Leaders (with a user account) whose portfolio covers each unit involved (R3.5).
  const unitIds = [
    ...new Set(events.flatMap((e) => [e.lead_unit_id, e.payload.leadUnitId as string | undefined]).filter((u): u is string => typeof u === 'string')),
  ];
  const leadersOf = await leaderUsersOfUnits(db, unitIds);

  const out: NewNotification[] = [];
  for (const e of events) {
    const base = { tenant_id: e.tenant_id, appeal_id: e.appeal_id };
    const subject = `${e.number}「${e.title}」`;
    const key = (to: string) => `ev:${e.id}:${to}`;
    const toUnit = (unitId: string | null | undefined, type: NotificationType, title: string, body: string) => {
      if (unitId) out.push({ ...base, type, unit_id: unitId, title, body, source_key: key(`n:${unitId}`) });
      else out.push({ ...base, type, role: 'intake', title, body, source_key: key('r:intake') });
    };
    const toUsers = (userIds: readonly string[], type: NotificationType, title: string, body: string) => {
      for (const u of new Set(userIds)) out.push({ ...base, type, user_id: u, title, body, source_key: key(`u:${u}`) });
    };
    const p = e.payload ?? {};
    // R3.5: the leaders in charge of a major matter hear its result, reply, evaluation and closing.
    if (e.lead_unit_id) out.push(...majorHandlingNotices(e, leadersOf.get(e.lead_unit_id) ?? []));
    switch (e.type) {
      case 'dispatch':
      case 'transfer': {
        const lead = (p.leadUnitId as string | undefined) ?? e.lead_unit_id;
        const verb = e.type === 'dispatch' ? '新派单' : '转办';
        toUnit(
          lead,
          'dispatch',
          `${verb}（主办）：${e.number}`,
          `${subject}，类别：${APPEAL_CATEGORY_LABELS[e.category as AppealCategory] ?? e.category}，请及时签收办理`,
        );
        for (const co of (p.coUnits as { unitId: string; part?: string }[] | undefined) ?? []) {
          toUnit(co.unitId, 'dispatch', `${verb}（协办）：${e.number}`, `${subject}${co.part ? `，协办事项：${co.part}` : ''}`);
        }
        // R3.5 a major matter is shown at once to the leaders whose portfolio covers the lead unit.
        if (e.is_major && lead) toUsers(leadersOf.get(lead) ?? [], 'major', `重大涉企事项：${e.number}`, `${subject} 已派至主办处室办理`);
        break;
      }
      case 'return':
        toUnit(null, 'returned', `退单：${e.number}`, `${subject} 被${(p.fromUnitName as string) ?? '主办处室'}退回，原因：${(p.reason as string) ?? ''}`);
        break;
      case 'transfer_in':
        toUnit(null, 'transfer_in', `上级转来：${e.number}`, `${subject} 由省厅转本局办理，请派单`);
        break;
      case 'urge':
        // The sweep's automatic urge is part of its overdue notice.
        if (p.auto) break;
        toUnit(e.lead_unit_id, 'urged', `催办：${e.number}`, `${e.actor_name}催办 ${subject}${p.note ? `：${p.note as string}` : ''}`);
        break;
      case 'evaluate': {
        const rating = EVALUATION_RATING_LABELS[p.rating as EvaluationRating] ?? String(p.rating);
        toUnit(
          e.lead_unit_id,
          'evaluated',
          `企业评价「${rating}」：${e.number}`,
          `${subject}${p.rating === 'dissatisfied' ? ' 企业不满意，已重办，请重新办理' : ' 已办结'}${p.comment ? `。评价意见：${p.comment as string}` : ''}`,
        );
        break;
      }
      case 'flag':
        if (p.isMajor === true && e.lead_unit_id)
          toUsers(leadersOf.get(e.lead_unit_id) ?? [], 'major', `重大涉企事项：${e.number}`, `${subject} 已标记为重大涉企事项`);
        break;
      case 'overdue':
        toUnit(e.lead_unit_id, 'overdue', `已逾期：${e.number}`, `${subject}——${(p.label as string) ?? ''}已逾期${p.autoUrged ? '，系统已自动催办' : ''}`);
        break;
      case 'escalate': {
        const why = p.reason === 'overdue' ? '逾期超过督办阈值' : p.reason === 'repeated' ? `重复诉求已${String(p.cycle)}次` : `已重办${String(p.cycle)}次`;
        toUsers((p.leaderUserIds as string[] | undefined) ?? [], 'escalated', `督办：${e.number}`, `${subject} ${why}，请督促办理`);
        toUnit(e.lead_unit_id, 'escalated', `督办：${e.number}`, `${subject} ${why}，已报分管领导${p.leaderNames ? `（${p.leaderNames as string}）` : ''}`);
        break;
      }
    }
  }
  const created = await insertNotifications(db, out);
  return { lastId: events[events.length - 1].id, events: events.length, created };
}
