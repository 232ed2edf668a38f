// R6.4 省政府常务会议 items recorded by 办公室 on an appeal: meeting date, materials, attending leaders,
// outcome; each change with its audit row and a timeline event on the appeal, updates carrying the version
// they read. The 厅长办公会 agenda items (R6.3) and the helpers shared with them: escalation.service.ts.
import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { executiveMeetingItems } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { invalid } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { attachmentOf } from '../appeals/index.ts';
import { activeLeadersById } from '../leaders/index.ts';
import * as repo from './escalation.repository.ts';

/** Policy resources: an item or action is seen like its appeal (tenant, lead and co-handling units). */
export { agendaActionOwner, agendaItemOwner, executiveItemOwner } from './escalation.repository.ts';
import { appealBrief, presentMeeting, staleCheck, timeline } from './escalation.service.ts';

// ---------------------------------------------------------------- R6.4 省政府常务会议

type ExecutiveInput = { meetingDate: string; materials: string; attachmentId?: string | null; leaderIds: string[]; outcome?: string | null };

async function checkExecutiveRefs(tx: Tx, actor: Actor, appealId: string, input: Partial<ExecutiveInput>) {
  const fields: Record<string, string> = {};
  if (input.attachmentId && !(await attachmentOf(tx, actor.tenantId, appealId, input.attachmentId))) fields.attachmentId = '附件不属于该诉求';
  const found = new Map((await activeLeadersById(tx, actor.tenantId, input.leaderIds ?? [])).map((l) => [l.id, `${l.name}（${l.title}）`]));
  (input.leaderIds ?? []).forEach((l, n) => {
    if (!found.has(l)) fields[`leaderIds.${n}`] = '厅领导不存在或已停用';
  });
  if (Object.keys(fields).length) throw invalid(fields);
  return found;
}

async function meetingView(db: DbOrTx, actor: Actor, appealId: string, id: string) {
  const { meetings } = await repo.escalationOfAppeal(db, actor.tenantId, appealId);
  return presentMeeting(meetings.find((m) => m.id === id)!, actor);
}

/** R6.4 办公室 records an appeal on the 省政府常务会议 agenda: meeting date, materials, attending leaders, outcome. */
export async function recordExecutive(ctx: AuthedCtx, appealId: string, input: ExecutiveInput) {
  const actor = ctx.actor;
  const id = await withTx(ctx, async (tx) => {
    const a = await appealBrief(tx, actor, appealId, true);
    const leaderNames = await checkExecutiveRefs(tx, actor, appealId, input);
    const m = await repo.insertExecutiveItem(tx, {
      tenantId: actor.tenantId,
      appealId,
      meetingDate: input.meetingDate,
      materials: input.materials,
      attachmentId: input.attachmentId ?? null,
      leaderIds: input.leaderIds,
      outcome: input.outcome ?? null,
      recordedBy: actor.userId,
      recordedByName: actor.displayName,
    });
    const leaders = input.leaderIds.map((l) => leaderNames.get(l)).join('、');
    await timeline(tx, ctx, a, 'executive_meeting_record', {
      executiveItemId: m.id,
      meetingDate: input.meetingDate,
      leaderIds: input.leaderIds,
      summary: `${input.meetingDate} 省政府常务会议；参会厅领导：${leaders || '（未定）'}${input.outcome ? `；会议结果：${input.outcome}` : ''}`,
    });
    await audit(tx, ctx, {
      action: 'executive_meeting.record',
      entity: 'executive_meeting_item',
      entityId: m.id,
      summary: `${a.number} 列入省政府常务会议（${input.meetingDate}），参会厅领导：${leaders || '（未定）'}`,
      after: { meetingDate: m.meetingDate, leaderIds: m.leaderIds, attachmentId: m.attachmentId, outcome: m.outcome, version: m.version },
    });
    return m.id;
  });
  return meetingView(ctx.db, actor, appealId, id);
}

export async function updateExecutive(ctx: AuthedCtx, id: string, input: Partial<ExecutiveInput> & { version: number }) {
  const actor = ctx.actor;
  const appealId = await withTx(ctx, async (tx) => {
    const [cur] = await tx
      .select()
      .from(executiveMeetingItems)
      .where(sql`${executiveMeetingItems.id} = ${id} AND ${executiveMeetingItems.tenantId} = ${actor.tenantId}`)
      .for('update');
    const m = await staleCheck(cur ?? null, input.version, '省政府常务会议事项', (r) => meetingView(tx, actor, r.appealId, r.id));
    const a = await appealBrief(tx, actor, m.appealId, true);
    const leaderNames = await checkExecutiveRefs(tx, actor, m.appealId, input);
    const set: Record<string, unknown> = {};
    for (const k of ['meetingDate', 'materials', 'attachmentId', 'leaderIds', 'outcome'] as const) if (input[k] !== undefined) set[k] = input[k];
    if (!Object.keys(set).length) throw invalid({ _: '没有需要修改的内容' });
    const { after } = await updateVersioned(
      tx,
      executiveMeetingItems,
      { id, tenantId: actor.tenantId, version: input.version },
      set,
      '省政府常务会议事项',
      () => meetingView(tx, actor, m.appealId, id),
    );
    const changed = Object.keys(set);
    const leaders = input.leaderIds ? input.leaderIds.map((l) => leaderNames.get(l)).join('、') : null;
    await timeline(tx, ctx, a, 'executive_meeting_update', {
      executiveItemId: id,
      changed,
      summary: [
        input.meetingDate ? `会议日期：${input.meetingDate}` : '',
        input.materials ? '上会材料已更新' : '',
        leaders !== null ? `参会厅领导：${leaders || '（未定）'}` : '',
        input.outcome ? `会议结果：${input.outcome}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    });
    await audit(tx, ctx, {
      action: 'executive_meeting.update',
      entity: 'executive_meeting_item',
      entityId: id,
      summary: `${a.number} 更新省政府常务会议事项（${changed.join('、')}）`,
      before: { meetingDate: m.meetingDate, leaderIds: m.leaderIds, attachmentId: m.attachmentId, outcome: m.outcome, version: m.version },
      after: { meetingDate: after.meetingDate, leaderIds: after.leaderIds, attachmentId: after.attachmentId, outcome: after.outcome, version: after.version },
    });
    return m.appealId;
  });
  return meetingView(ctx.db, actor, appealId, id);
}
