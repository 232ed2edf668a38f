// Issue 18: what the integrations module needs of an appeal born of a work order — the update of a
// changed resend on its timeline, and the status the source platform reads back (state, the three
// milestones, the reply and the evaluation). Nothing of the internal handling (opinions, units,
// requests, the timeline) leaves through here.
import { sql } from 'drizzle-orm';
import type { AppealState, EvaluationRating, ResultKind } from '../../../../shared/appeals.ts';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts';
import { fromRaw } from '../../db/rows.ts';
import { iso } from '../../lib/format.ts';
import type { IntegrationActor } from '../../lib/context.ts';
import { appealClock, tenantEnv } from './appeals.env.ts';
import type { AppealRow } from './appeals.repository.ts';
import { recordTimelineEvent } from './appeals.timeline.ts';
import { presentMilestones } from './appeals.view.ts';

/** The appeal row by id, in its tenant or moved from it to a city (R3.2 transfer_city). */
async function rowOf(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<AppealRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT a.* FROM appeals a WHERE a.id = ${id} AND (a.tenant_id = ${tenantId} OR a.origin_tenant_id = ${tenantId}) ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return r ? fromRaw<AppealRow>(r) : null;
}

/**
 * A changed resend of a work order (same client, same external id): recorded on the appeal's
 * timeline as 来源平台更新工单 with the changed fields (old → new), in the caller's transaction.
 * The appeal itself is not rewritten: what the source platform now says is beside what intake
 * received, for the handling unit to read. Returns false when the appeal is no longer reachable.
 */
export async function recordWorkOrderUpdate(
  tx: Tx,
  actor: IntegrationActor,
  appealId: string,
  update: { externalId: string; revision: number; changes: Record<string, { from: unknown; to: unknown }> },
): Promise<boolean> {
  const row = await rowOf(tx, actor.tenantId, appealId, true);
  if (!row) return false;
  await recordTimelineEvent(tx, actor, { id: row.id, tenantId: row.tenantId, state: row.state }, 'work_order_update', update);
  return true;
}

export type WorkOrderAppealStatus = {
  appealId: string;
  number: string;
  state: AppealState;
  receivedAt: string;
  milestones: Record<'contact' | 'opinion' | 'resolution', { dueAt: string | null; doneAt: string | null; state: string }>;
  resultKind: ResultKind | null;
  replyText: string | null;
  repliedAt: string | null;
  evaluation: EvaluationRating | null;
  evaluationComment: string | null;
  evaluatedAt: string | null;
  reopenCount: number;
  closedAt: string | null;
  closeReason: string | null;
  /** Moved to a city bureau (R3.2): the status is that tenant's. */
  transferred: boolean;
};

/** The status of a work order's appeal for the source platform (issue 18), or null. */
export async function workOrderAppealStatus(db: DbOrTx, tenantId: string, appealId: string): Promise<WorkOrderAppealStatus | null> {
  const r = await rowOf(db, tenantId, appealId);
  if (!r) return null;
  const env = await tenantEnv(db, r.tenantId);
  const m = presentMilestones(r, env, appealClock.now());
  return {
    appealId: r.id,
    number: r.number,
    state: r.state as AppealState,
    receivedAt: iso(r.receivedAt)!,
    milestones: m,
    resultKind: (r.resultKind as ResultKind | null) ?? null,
    replyText: r.replyText,
    repliedAt: iso(r.repliedAt),
    evaluation: (r.evaluation as EvaluationRating | null) ?? null,
    evaluationComment: r.evaluationComment,
    evaluatedAt: iso(r.evaluatedAt),
    reopenCount: r.reopenCount,
    closedAt: iso(r.closedAt),
    closeReason: r.closeReason,
    transferred: r.tenantId !== tenantId,
  };
}
