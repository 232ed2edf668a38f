// 批量派单 (issue 17): intake dispatches several appeals of its queue to one lead unit (and the same
// co-handling units) at once. Each appeal goes through the one action path (appeals.runner.ts act)
// with the dispatch rule of a single dispatch (appeals.actions.ts dispatchStep, R3.2 / R3.4), each in
// its own transaction: a stale version (409), a state the table refuses, another tenant's appeal
// (404) only fails that item and never undoes the others. Every dispatched appeal has its own
// timeline event and audit row, exactly as a single dispatch.
import { AppError, type ErrorCode, invalid } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { dispatchStep, type DispatchInput } from './appeals.actions.ts';
import { checkDispatchUnits } from './appeals.common.ts';
import { act } from './appeals.runner.ts';

/** At most this many appeals in one batch (the request schema says so too). */
export const DISPATCH_BATCH_MAX = 100;

export type DispatchBatchInput = Omit<DispatchInput, 'version'> & { items: { id: string; version: number }[] };

export type DispatchBatchItem = { id: string; ok: true; version: number } | { id: string; ok: false; status: number; code: ErrorCode; message: string };

/** Why one item failed, in the words a single dispatch would answer (a 400 names its first field's message). */
function failure(id: string, e: AppError): DispatchBatchItem {
  const fieldMessage = e.fields ? Object.values(e.fields)[0] : undefined;
  return { id, ok: false, status: e.status, code: e.code, message: fieldMessage ?? e.message };
}

export async function dispatchBatch(ctx: AuthedCtx, input: DispatchBatchInput) {
  const fields: Record<string, string> = {};
  // The units are the same for every item: a bad unit refuses the whole batch (400) before any change.
  await checkDispatchUnits(ctx.db, ctx.actor.tenantId, input.leadUnitId, input.coUnits ?? [], fields);
  if (fields['dispatch.leadUnitId']) {
    fields.leadUnitId = fields['dispatch.leadUnitId'];
    delete fields['dispatch.leadUnitId'];
  }
  const ids = input.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) fields.items = '同一件诉求不能重复选择';
  if (Object.keys(fields).length) throw invalid(fields);

  const step = { leadUnitId: input.leadUnitId, coUnits: input.coUnits, note: input.note, leadOverrideReason: input.leadOverrideReason };
  const items: DispatchBatchItem[] = [];
  // One after the other: each is its own transaction holding its appeal's row lock only.
  for (const it of input.items) {
    try {
      const done = await act(ctx, it.id, it.version, 'dispatch', dispatchStep(it.id, step));
      items.push({ id: it.id, ok: true, version: done.version });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      items.push(failure(it.id, e));
    }
  }
  const dispatched = items.filter((i) => i.ok).length;
  return { dispatched, failed: items.length - dispatched, items };
}
