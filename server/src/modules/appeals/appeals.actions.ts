// Appeals actions: routing (R3.2) and handling the 2115 milestones (R6.2).
import { CONTACT_METHOD_LABELS, type ContactMethod, type Milestone, type ResultKind } from '../../../../shared/appeals.ts';
import type { Tx } from '../../db/client.ts';
import { doneState, nextDueAt, startCycle } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { findByUscc } from '../enterprises/index.ts';
import { cityOf } from '../tenants/index.ts';
import { unitName } from '../units/index.ts';
import { FUTURE_TOLERANCE_MS, checkDispatchUnits, clockOf, cycleColumns, dispatchPayload } from './appeals.common.ts';
import { channelLeadPayload, channelLeadSummary, decideChannelLead } from './appeals.channel-leads.ts';
import { tenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow } from './appeals.repository.ts';
import { lockedFacts, requireReady } from './appeals.guards.ts';
import { runAction, runActions, type ActArgs, type ActResult } from './appeals.runner.ts';

// ---------------------------------------------------------------- routing (R3.2)

export type DispatchInput = {
  version: number;
  leadUnitId: string;
  coUnits?: { unitId: string; part: string }[];
  note?: string | null;
  leadOverrideReason?: string | null;
};

export async function dispatch(ctx: AuthedCtx, id: string, input: DispatchInput) {
  return runAction(ctx, id, input.version, 'dispatch', dispatchStep(id, input));
}

/** The dispatch rule (R3.2, R3.4) as a step of the action runner: one dispatch, or each item of a batch (appeals.dispatch-batch.ts). */
export function dispatchStep(id: string, input: Omit<DispatchInput, 'version'>): (a: ActArgs) => Promise<ActResult> {
  return async ({ tx, row, now }) => {
    const fields: Record<string, string> = {};
    const co = input.coUnits ?? [];
    // R3.4: the first dispatch from the queue follows the channel's lead unit too (a returned appeal may go
    // elsewhere); its lead unit is read with the units named.
    const first = row.state === 'received';
    const checked = await checkDispatchUnits(tx, row.tenantId, input.leadUnitId, co, fields, first ? row.channel : undefined);
    const names = checked.units;
    const lead = first ? await decideChannelLead(tx, row.tenantId, row.channel, input.leadUnitId, input.leadOverrideReason, fields, checked) : null;
    if (Object.keys(fields).length) throw invalid(fields);
    await repo.replaceCoUnits(tx, row.tenantId, id, co);
    return {
      set: { leadUnitId: input.leadUnitId, dispatchedAt: now, acceptedAt: null },
      payload: { ...dispatchPayload(input.leadUnitId, co, names), ...(input.note ? { note: input.note } : {}), ...channelLeadPayload(lead) },
      summary: `派单至${names.get(input.leadUnitId)!.name}${co.length ? `，协办：${co.map((c) => names.get(c.unitId)!.name).join('、')}` : ''}${channelLeadSummary(lead)}`,
    };
  };
}

export async function accept(ctx: AuthedCtx, id: string, input: { version: number }) {
  return runAction(ctx, id, input.version, 'accept', async ({ now }) => ({ set: { acceptedAt: now }, summary: '签收' }));
}

/** 退单 (R3.2): the lead unit's head, with a reason, within returnLimitHours of dispatch; back to intake's queue. */
export async function returnAppeal(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  return runAction(ctx, id, input.version, 'return', async ({ tx, row, env, now }) => {
    requireReady('return', await lockedFacts(tx, row, env, now));
    await repo.replaceCoUnits(tx, row.tenantId, id, []);
    return {
      set: { leadUnitId: null, dispatchedAt: null, acceptedAt: null },
      payload: { reason: input.reason, fromUnitId: row.leadUnitId, fromUnitName: await unitName(tx, row.leadUnitId) },
      summary: `退单，原因：${input.reason}`,
    };
  });
}

/** Transfer to another unit of the same tenant; the clock keeps running. */
export async function transfer(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; leadUnitId: string; coUnits?: { unitId: string; part: string }[]; reason: string },
) {
  return runAction(ctx, id, input.version, 'transfer', async ({ tx, row, now }) => {
    const fields: Record<string, string> = {};
    const co = input.coUnits ?? [];
    if (input.leadUnitId === row.leadUnitId) fields.leadUnitId = '已由该处室主办，请选择其他处室';
    const names = (await checkDispatchUnits(tx, row.tenantId, input.leadUnitId, co, fields)).units;
    if (Object.keys(fields).length) throw invalid(fields);
    await repo.replaceCoUnits(tx, row.tenantId, id, co);
    const from = await unitName(tx, row.leadUnitId);
    return {
      set: { leadUnitId: input.leadUnitId, dispatchedAt: now, acceptedAt: null },
      payload: { ...dispatchPayload(input.leadUnitId, co, names), fromUnitId: row.leadUnitId, fromUnitName: from, reason: input.reason },
      summary: `由${from ?? '—'}转至${names.get(input.leadUnitId)!.name}，原因：${input.reason}`,
    };
  });
}

/**
 * Transfer to a city bureau (R3.2): the only way a case file crosses tenants. The appeal, its
 * timeline, requests and attachments move to the city's intake queue; the city's own settings and
 * calendar start a new 2115 cycle at the transfer instant (the city receives it then). The province
 * keeps a read-only status link (GET /api/appeals/transferred-out).
 */
export async function transferToCity(ctx: AuthedCtx, id: string, input: { version: number; tenantId: string; reason: string }) {
  if (ctx.actor.tenantKind !== 'province') throw new AppError(ErrorCode.FORBIDDEN, '只有省厅可以将诉求转市局办理');
  return runAction(ctx, id, input.version, 'transfer_city', async ({ tx, row, now }) => {
    const city = await cityOf(tx, row.tenantId, input.tenantId);
    if (!city) throw invalid({ tenantId: '请选择本省的市应急局' });
    // The city receives it now: a new 2115 cycle with the city's own settings and calendar (R8.1).
    const cityEnv = await tenantEnv(tx, city.id);
    const cycle = startCycle(now, cityEnv.sla, cityEnv.calendar);
    return {
      set: {
        tenantId: city.id,
        originTenantId: row.tenantId,
        enterpriseId: row.enterpriseUscc ? ((await findByUscc(tx, city.id, row.enterpriseUscc))?.id ?? null) : null,
        leadUnitId: null,
        dispatchedAt: null,
        acceptedAt: null,
        ...cycleColumns(cycle),
        pause: null,
        pausedAt: null,
      },
      // The province units that had the appeal when it left: they (and only they, besides tenant-wide
      // roles) keep seeing its status link (GET /api/appeals/transferred-out, same scope as canSee).
      payload: { toTenantId: city.id, toTenantName: city.name, reason: input.reason, fromUnitIds: [row.leadUnitId, ...row.coUnitIds].filter(Boolean) },
      extraEvents: [
        {
          type: 'transfer_in',
          at: now,
          stateBefore: row.state,
          stateAfter: 'received',
          payload: { fromTenantId: row.tenantId, reason: input.reason, ...(cycle.error ? { deadlineError: cycle.error } : {}) },
        },
      ],
      summary: `转${city.name}办理，原因：${input.reason}`,
      after: async () => repo.moveToTenant(tx, id, city.id),
      alsoAuditTenant: city.id,
    };
  });
}

// ---------------------------------------------------------------- handling: the 2115 milestones (R6.2)

export function completeMilestone(row: AppealRow, m: Milestone, at: Date, paused = false): Partial<AppealInsert> {
  const clock = clockOf(row);
  clock[m] = { ...clock[m], doneAt: at };
  const key = m as 'contact' | 'opinion' | 'resolution';
  return {
    [`${key}DoneAt`]: at,
    [`${key}State`]: doneState(clock[m].dueAt, at),
    nextDueAt: nextDueAt(clock, paused),
  } as Partial<AppealInsert>;
}

export async function checkAttachments(tx: Tx, appealId: string, ids: string[] | undefined) {
  if (!ids?.length) return [];
  const found = await repo.attachmentIdsOf(tx, appealId, ids);
  const missing = ids.findIndex((i) => !found.has(i));
  if (missing >= 0) throw invalid({ [`attachmentIds.${missing}`]: '附件不存在（请先上传到本诉求）' });
  return ids;
}

type ContactInput = { method: ContactMethod; withWhom: string; at?: Date; note: string; attachmentIds?: string[] };

/** R6.2 "2": contacted the enterprise (phone / on site / message); the first contact meets the milestone. */
const contactStep =
  (input: ContactInput) =>
  async ({ tx, row, now }: ActArgs): Promise<ActResult> => {
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid({ at: '联系时间不能晚于当前时间' });
    if (at.getTime() < row.cycleStartedAt.getTime()) throw invalid({ at: '联系时间不能早于受理时间' });
    const attachmentIds = await checkAttachments(tx, row.id, input.attachmentIds);
    const first = !row.contactDoneAt;
    return {
      set: first ? completeMilestone(row, 'contact', at) : {},
      payload: { method: input.method, withWhom: input.withWhom, at: at.toISOString(), note: input.note, attachmentIds, milestone: first },
      summary: `联系企业（${CONTACT_METHOD_LABELS[input.method]}）${first ? '，联系节点完成' : ''}`,
    };
  };

/** R6.2 "1": preliminary opinion to the enterprise. */
const opinionStep =
  (input: { text: string }) =>
  async ({ tx, row, env, now }: ActArgs): Promise<ActResult> => {
    requireReady('opinion', await lockedFacts(tx, row, env, now));
    const first = !row.opinionDoneAt;
    return {
      set: { ...(first ? completeMilestone(row, 'opinion', now) : {}), opinionText: input.text },
      payload: { text: input.text, milestone: first },
      summary: `反馈初步意见${first ? '，初步意见节点完成' : ''}`,
    };
  };

/**
 * 联系企业, and — when the opinion was given in the same call (issue 17) — the preliminary opinion in
 * the same transaction: two actions, two timeline events, two audit rows; both or neither.
 */
export async function contact(ctx: AuthedCtx, id: string, input: ContactInput & { version: number; opinion?: string | null }) {
  const opinionText = input.opinion?.trim() ? input.opinion : null;
  if (opinionText === null) return runAction(ctx, id, input.version, 'contact', contactStep(input));
  return runActions(ctx, id, input.version, [
    { action: 'contact', fn: contactStep(input) },
    { action: 'opinion', fn: opinionStep({ text: opinionText }) },
  ]);
}

export async function opinion(ctx: AuthedCtx, id: string, input: { version: number; text: string }) {
  return runAction(ctx, id, input.version, 'opinion', opinionStep(input));
}

/** A co-handling unit submits its part; the lead unit consolidates it into the result. */
export async function submitPart(ctx: AuthedCtx, id: string, input: { version: number; text: string; attachmentIds?: string[] }) {
  return runAction(ctx, id, input.version, 'submit_part', async ({ tx, row }) => {
    const unitId = ctx.actor.unitId!;
    const attachmentIds = await checkAttachments(tx, id, input.attachmentIds);
    await repo.submitPart(tx, id, unitId, input.text, ctx.actor.displayName);
    return {
      set: {},
      payload: { unitId, text: input.text, attachmentIds },
      summary: `协办处室提交意见（${(await unitName(tx, unitId)) ?? ''}）${row.number}`,
    };
  });
}

/** R6.2 "15": solved, or service confirmed (explained; cannot be met under the law; the enterprise informed). */
const resultStep =
  (input: { kind: ResultKind; text: string }) =>
  async ({ tx, row, env, now }: ActArgs): Promise<ActResult> => {
    requireReady('result', await lockedFacts(tx, row, env, now));
    const first = !row.resolutionDoneAt;
    return {
      set: { ...(first ? completeMilestone(row, 'resolution', now) : {}), resultKind: input.kind, resultText: input.text },
      payload: { kind: input.kind, text: input.text, milestone: first },
      summary: `${input.kind === 'solved' ? '已解决' : '服务确认'}${first ? '，办结节点完成' : ''}`,
    };
  };

/** The reply: the text the enterprise sees. Opens the evaluation window. */
const replyStep =
  (input: { text: string }) =>
  async ({ tx, row, env, now }: ActArgs): Promise<ActResult> => {
    requireReady('reply', await lockedFacts(tx, row, env, now));
    return { set: { replyText: input.text, repliedAt: now, nextDueAt: null }, payload: { text: input.text }, summary: '答复企业' };
  };

/**
 * 办理结果, and — when the unit answers the enterprise at once (issue 17, "同时答复企业") — the reply
 * in the same transaction: two actions, each checked by the table and the guards, each with its own
 * timeline event and audit row; both or neither.
 */
export async function result(ctx: AuthedCtx, id: string, input: { version: number; kind: ResultKind; text: string; replyText?: string | null }) {
  const replyText = input.replyText?.trim() ? input.replyText : null;
  if (replyText === null) return runAction(ctx, id, input.version, 'result', resultStep(input));
  return runActions(ctx, id, input.version, [
    { action: 'result', fn: resultStep(input) },
    { action: 'reply', fn: replyStep({ text: replyText }) },
  ]);
}

export async function reply(ctx: AuthedCtx, id: string, input: { version: number; text: string }) {
  return runAction(ctx, id, input.version, 'reply', replyStep(input));
}
