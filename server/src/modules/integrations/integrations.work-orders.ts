// Issue 18, R3.1 / R3.4: work orders in. One work order of a client → one appeal in intake's queue,
// through the appeals module (receiveWorkOrder), never its tables. Idempotent on (client, external
// id): a transaction-scoped advisory lock on the pair serialises simultaneous posts, so two identical
// posts make one appeal; an identical resend answers the stored answer; a changed resend is an update
// on the appeal's timeline (recordWorkOrderUpdate), never a second appeal. Each order is its own
// transaction with its audit rows: a refused order writes nothing.
import crypto from 'node:crypto';
import type { AppealCategory, AppealChannel } from '../../../../shared/appeals.ts';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import type { WorkOrderBatch, WorkOrderReceipt, WorkOrderStatus } from '../../../../shared/api/integrations.ts';
import type { Sector } from '../../../../shared/enterprises.ts';
import { AppError, ErrorCode, httpStatusOf, notFound } from '../../errors.ts';
import { audit, withTx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { drawAppealNumber, receiveWorkOrder, recordWorkOrderUpdate, workOrderAppealStatus, type IntegrationCtx } from '../appeals/index.ts';
import * as repo from './integrations.repository.ts';

export type WorkOrderInput = {
  externalId: string;
  title: string;
  content: string;
  category: AppealCategory;
  contactName: string;
  contactPhone: string;
  enterpriseName?: string | null;
  enterpriseUscc?: string | null;
  sector?: Sector | null;
  receivedAt?: Date;
  isSafetyHazard?: boolean;
  isMajor?: boolean;
  lulibanRef?: string | null;
};

/** The order as stored and compared: dates as ISO text, absent fields dropped, keys sorted. */
function plain(order: WorkOrderInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(order).sort()) {
    const v = (order as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}
const hashOf = (p: Record<string, unknown>) => crypto.createHash('sha256').update(JSON.stringify(p)).digest('hex');

function changesOf(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'externalId') continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) changes[k] = { from: before[k] ?? null, to: after[k] ?? null };
  }
  return changes;
}

export type Receipt = { status: number; body: WorkOrderReceipt; replayed: boolean };

export async function receive(ctx: IntegrationCtx, order: WorkOrderInput): Promise<Receipt> {
  const actor = ctx.actor;
  const payload = plain(order);
  const hash = hashOf(payload);
  // A new order's appeal number is drawn before the transaction, as the staff intake does (only when
  // the order looks new: a resend draws none; a race that loses leaves a gap, numbers are not gapless).
  const known = await repo.getWorkOrder(ctx.db, actor.tenantId, actor.clientId, order.externalId);
  const number = known ? undefined : await drawAppealNumber(ctx.db, actor.tenantId, actor.tenantCode, order.receivedAt);
  return withTx(ctx, async (tx) => {
    await repo.lockExternalId(tx, actor.clientId, order.externalId);
    const prior = await repo.getWorkOrder(tx, actor.tenantId, actor.clientId, order.externalId);
    if (!prior) {
      const { externalId, ...rest } = order;
      // The client's 自动派单 setting as it is now (read in the transaction; a token carries no settings).
      const autoDispatch = (await repo.getClient(tx, actor.tenantId, actor.clientId))?.autoDispatch ?? false;
      const a = await receiveWorkOrder(tx, ctx, { ...rest, externalId, channel: actor.channel as AppealChannel, autoDispatch }, number);
      const body: WorkOrderReceipt = {
        externalId,
        appealId: a.id,
        appealNumber: a.number,
        receivedAt: iso(a.receivedAt)!,
        revision: 1,
        outcome: 'created',
      };
      await repo.insertWorkOrder(tx, {
        tenantId: actor.tenantId,
        clientId: actor.clientId,
        externalId,
        appealId: a.id,
        payloadHash: hash,
        payload,
        revision: 1,
        responseStatus: 201,
        response: body,
      });
      await audit(tx, ctx, { action: 'work_order.receive', entity: 'work_order', entityId: a.id, summary: `接收工单 ${externalId}，受理为诉求 ${a.number}` });
      return { status: 201, body, replayed: false };
    }
    if (prior.payloadHash === hash) {
      await audit(tx, ctx, {
        action: 'work_order.resend',
        entity: 'work_order',
        entityId: prior.appealId,
        summary: `重复推送工单 ${prior.externalId}（内容未变，返回首次结果）`,
      });
      return { status: prior.responseStatus, body: prior.response as WorkOrderReceipt, replayed: true };
    }
    const changes = changesOf(prior.payload, payload);
    const revision = prior.revision + 1;
    if (!(await recordWorkOrderUpdate(tx, actor, prior.appealId, { externalId: prior.externalId, revision, changes }))) throw notFound('工单对应的诉求');
    const body: WorkOrderReceipt = { ...(prior.response as WorkOrderReceipt), revision, outcome: 'updated' };
    await repo.updateWorkOrder(tx, prior.id, { payloadHash: hash, payload, revision, responseStatus: 200, response: body });
    await audit(tx, ctx, {
      action: 'work_order.update',
      entity: 'work_order',
      entityId: prior.appealId,
      summary: `工单 ${prior.externalId} 更新（第${revision}版）：${Object.keys(changes).join('、')}`,
      before: prior.payload,
      after: payload,
    });
    return { status: 200, body, replayed: false };
  });
}

export type BatchItem = { ok: true; order: WorkOrderInput } | { ok: false; externalId: string | null; fields: Record<string, string> };

/** A back-fill: each order answered on its own (its own transaction), in the order given. */
export async function receiveBatch(ctx: IntegrationCtx, items: BatchItem[]): Promise<WorkOrderBatch> {
  const results: WorkOrderBatch['results'] = [];
  for (const [index, item] of items.entries()) {
    if (!item.ok) {
      results.push({
        index,
        externalId: item.externalId,
        status: 400,
        receipt: null,
        error: { code: ErrorCode.VALIDATION_FAILED, message: '提交的数据有误，请检查标注的字段', fields: item.fields },
      });
      continue;
    }
    try {
      const r = await receive(ctx, item.order);
      results.push({ index, externalId: item.order.externalId, status: r.status, receipt: r.body, error: null });
    } catch (err) {
      if (!(err instanceof AppError) || httpStatusOf[err.code] >= 500) throw err;
      results.push({
        index,
        externalId: item.order.externalId,
        status: httpStatusOf[err.code],
        receipt: null,
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      });
    }
  }
  const failed = results.filter((r) => r.status >= 400).length;
  return { received: results.length - failed, failed, results };
}

/** What the source platform reads back: state, the three milestones, the reply and the evaluation. */
export async function status(ctx: IntegrationCtx, externalId: string): Promise<WorkOrderStatus> {
  const actor = ctx.actor;
  const wo = await repo.getWorkOrder(ctx.db, actor.tenantId, actor.clientId, externalId);
  const s = wo ? await workOrderAppealStatus(ctx.db, actor.tenantId, wo.appealId) : null;
  if (!wo || !s) throw notFound('工单');
  await withTx(ctx, (tx) =>
    audit(tx, ctx, { action: 'work_order.read', entity: 'work_order', entityId: wo.appealId, summary: `查询工单 ${externalId} 的办理情况` }),
  );
  const { number, ...rest } = s;
  return { externalId, revision: wo.revision, appealNumber: number, stateLabel: APPEAL_STATE_LABELS[s.state], ...rest };
}
