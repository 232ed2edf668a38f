// Issue 18, R3.1 / R3.4: work orders in. One work order of a client → one appeal in intake's queue,
// through the appeals module (receiveWorkOrder), never its tables. Idempotent on (client, external
// id): a transaction-scoped advisory lock on the pair serialises simultaneous posts, so two identical
// posts make one appeal; an identical resend answers the stored answer; a changed resend is an update
// on the appeal's timeline (recordWorkOrderUpdate), never a second appeal. Each order commits with its
// audit rows — a new one in the transaction of the intakes written together with it (issue 20) —, and
// a refused order writes nothing.
import crypto from 'node:crypto';
import type { AppealCategory, AppealChannel } from '../../../../shared/appeals.ts';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import type { WorkOrderBatch, WorkOrderReceipt, WorkOrderStatus } from '../../../../shared/api/integrations.ts';
import type { Sector } from '../../../../shared/enterprises.ts';
import { AppError, ErrorCode, httpStatusOf, notFound } from '../../errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { audit, auditRecord, withTx, type AuditEntry, type AuditRecord } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import {
  drawAppealNumber,
  receiveWorkOrder,
  receiveWorkOrderTogether,
  recordWorkOrderUpdate,
  workOrderAppealStatus,
  type IntakeCompanion,
  type IntegrationCtx,
  type ReceivedWorkOrder,
  type WorkOrderIntake,
} from '../appeals/index.ts';
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
  if (number) {
    // Issue 20: a new order is written with the intakes ready at the same moment — its appeal, its
    // work-order row and its audit rows in one transaction (appeals' receiveWorkOrderTogether, this
    // module's rows by NEW_ORDERS). Not admitted (the same order arrived meanwhile): the path below.
    const made = await receiveWorkOrderTogether(ctx, await intakeOf(ctx.db, ctx, order), number, NEW_ORDERS, (appeal) => {
      const n = newOrder(ctx, order, payload, hash, appeal);
      return { ...n, audit: auditRecord(ctx, n.entry) };
    });
    if (made) return { status: 201, body: made.body, replayed: false };
  }
  return withTx(ctx, async (tx) => {
    await repo.lockExternalId(tx, actor.clientId, order.externalId);
    const prior = await repo.getWorkOrder(tx, actor.tenantId, actor.clientId, order.externalId);
    if (!prior) {
      const n = newOrder(ctx, order, payload, hash, await receiveWorkOrder(tx, ctx, await intakeOf(tx, ctx, order), number));
      await repo.insertWorkOrder(tx, n.row);
      await audit(tx, ctx, n.entry);
      return { status: 201, body: n.body, replayed: false };
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

/** A new order as intake takes it: with the client's 自动派单 setting as it is now (a token carries no settings). */
async function intakeOf(db: DbOrTx, ctx: IntegrationCtx, order: WorkOrderInput): Promise<WorkOrderIntake> {
  const autoDispatch = (await repo.getClient(db, ctx.actor.tenantId, ctx.actor.clientId))?.autoDispatch ?? false;
  return { ...order, channel: ctx.actor.channel as AppealChannel, autoDispatch };
}

/** What a new order writes beside its appeal: the receipt (answered, and stored for resends), its work-order row, its audit entry. */
function newOrder(ctx: IntegrationCtx, order: WorkOrderInput, payload: Record<string, unknown>, hash: string, appeal: ReceivedWorkOrder) {
  const body: WorkOrderReceipt = {
    externalId: order.externalId,
    appealId: appeal.id,
    appealNumber: appeal.number,
    receivedAt: iso(appeal.receivedAt)!,
    revision: 1,
    outcome: 'created',
  };
  const row: repo.WorkOrderInsert = {
    tenantId: ctx.actor.tenantId,
    clientId: ctx.actor.clientId,
    externalId: order.externalId,
    appealId: appeal.id,
    payloadHash: hash,
    payload,
    revision: 1,
    responseStatus: 201,
    response: body,
  };
  const entry: AuditEntry = {
    action: 'work_order.receive',
    entity: 'work_order',
    entityId: appeal.id,
    summary: `接收工单 ${order.externalId}，受理为诉求 ${appeal.number}`,
  };
  return { body, row, entry };
}

type NewOrder = ReturnType<typeof newOrder> & { audit: AuditRecord };

/**
 * This module's rows of new orders written with their appeals (appeals' IntakeCompanion): each order's
 * (client, external id) locked as lockExternalId does, so a simultaneous post of the same order waits;
 * an order already received — or twice in the batch — is not admitted and takes the transactional path.
 */
const NEW_ORDERS: IntakeCompanion<NewOrder> = {
  async admit(tx, items) {
    const keys = items.map((i) => ({ clientId: i.row.clientId, externalId: i.row.externalId }));
    await repo.lockExternalIds(tx, keys);
    const existing = await repo.existingWorkOrders(tx, keys);
    const seen = new Set<string>();
    return keys.map((k) => {
      const key = repo.workOrderKey(k.clientId, k.externalId);
      if (existing.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  async write(tx, items) {
    await repo.insertWorkOrders(
      tx,
      items.map((i) => i.row),
      items.map((i) => i.audit),
    );
  },
};

export type BatchItem = { ok: true; order: WorkOrderInput } | { ok: false; externalId: string | null; fields: Record<string, string> };

/** Orders of a back-fill received at once (issue 20: new ones are then written together, see receive). */
const BACKFILL_PARALLEL = 8;

/**
 * A back-fill: each order answered on its own (its own transaction or the intakes written together),
 * the results in the order given. Orders of different external ids are received up to
 * BACKFILL_PARALLEL at once; those of one external id one after another in the order given (a later
 * one is a resend or an update of the earlier). A fault of the server (5xx) stops the back-fill: no
 * further order is started, those under way finish, and the request fails; a retry replays what was
 * received.
 */
export async function receiveBatch(ctx: IntegrationCtx, items: BatchItem[]): Promise<WorkOrderBatch> {
  const results: WorkOrderBatch['results'] = new Array(items.length);
  const lanes = new Map<string, number[]>();
  for (const [index, item] of items.entries()) {
    if (!item.ok) {
      results[index] = {
        index,
        externalId: item.externalId,
        status: 400,
        receipt: null,
        error: { code: ErrorCode.VALIDATION_FAILED, message: '提交的数据有误，请检查标注的字段', fields: item.fields },
      };
      continue;
    }
    lanes.set(item.order.externalId, [...(lanes.get(item.order.externalId) ?? []), index]);
  }
  const one = async (index: number): Promise<WorkOrderBatch['results'][number]> => {
    const { order } = items[index] as Extract<BatchItem, { ok: true }>;
    try {
      const r = await receive(ctx, order);
      return { index, externalId: order.externalId, status: r.status, receipt: r.body, error: null };
    } catch (err) {
      if (!(err instanceof AppError) || httpStatusOf[err.code] >= 500) throw err;
      return {
        index,
        externalId: order.externalId,
        status: httpStatusOf[err.code],
        receipt: null,
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      };
    }
  };
  const waiting = [...lanes.values()];
  let fault: { err: unknown } | null = null;
  const worker = async () => {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
      for (const index of lane) {
        if (fault) return;
        try {
          results[index] = await one(index);
        } catch (err) {
          fault ??= { err };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BACKFILL_PARALLEL, waiting.length) }, worker));
  if (fault) throw (fault as { err: unknown }).err;
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
