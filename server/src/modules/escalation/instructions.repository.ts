// SQL of 领导批示 (R3.5 / R6.3 leader instructions) and of the cross-appeal lists of the escalation
// page (R6.3 厅长办公会 agenda items, 批示). Always scoped by tenant_id. The lists show the appeal's
// number and title and the units' names (joins listed in architecture.test.ts); who sees which rows
// is the appeals module's own data-scope clause (appealVisibilityWhere, on the alias `a`).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AgendaState, InstructionState } from '../../../../shared/escalation.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { leaderInstructions } from '../../db/schema.ts';
import { fromRaw } from '../../db/rows.ts';

export type InstructionRow = typeof leaderInstructions.$inferSelect;
export type InstructionListRow = InstructionRow & { unitName: string; number: string; appealTitle: string };

/** Policy owner: an instruction is seen like its appeal, and by the unit that must acknowledge it. */
export async function instructionOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; lead_unit_id: string | null; co_unit_ids: string[]; unit_id: string }>(
    db,
    sql`
    SELECT x.tenant_id, a.lead_unit_id, x.unit_id,
      coalesce((SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn'), '{}') AS co_unit_ids
    FROM leader_instructions x JOIN appeals a ON a.id = x.appeal_id AND a.tenant_id = x.tenant_id WHERE x.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.lead_unit_id, coUnitIds: r.co_unit_ids ?? [], responsibleUnitId: r.unit_id } : null;
}

export async function insertInstruction(db: DbOrTx, values: typeof leaderInstructions.$inferInsert) {
  const [r] = await db.insert(leaderInstructions).values(values).returning();
  return r;
}

export async function lockInstruction(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(leaderInstructions)
    .where(and(eq(leaderInstructions.id, id), eq(leaderInstructions.tenantId, tenantId)))
    .for('update');
  return r ?? null;
}

const listColumns = sql`x.*, un.name AS unit_name, a.number, a.title AS appeal_title`;
const listFrom = sql`leader_instructions x JOIN appeals a ON a.id = x.appeal_id AND a.tenant_id = x.tenant_id JOIN units un ON un.id = x.unit_id`;

export async function instructionsOfAppeal(db: DbOrTx, tenantId: string, appealId: string) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${listColumns} FROM ${listFrom} WHERE x.appeal_id = ${appealId} AND x.tenant_id = ${tenantId} ORDER BY x.issued_at DESC, x.id`,
  );
  return rows.map((r) => fromRaw<InstructionListRow>(r));
}

export async function instructionById(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`SELECT ${listColumns} FROM ${listFrom} WHERE x.id = ${id} AND x.tenant_id = ${tenantId}`);
  return r ? fromRaw<InstructionListRow>(r) : null;
}

/**
 * The 批示 list: `who` narrows it to the caller's own rows (a leader's 批示, a unit's to acknowledge)
 * or, for tenant-wide roles, to the appeals the caller sees (`visible`, alias `a`).
 */
export async function listInstructions(
  db: DbOrTx,
  tenantId: string,
  who: { leaderUserId?: string; unitId?: string; visible?: SQL },
  state: InstructionState | undefined,
  limit: number,
) {
  const conds: SQL[] = [sql`x.tenant_id = ${tenantId}`];
  const mine: SQL[] = [];
  if (who.leaderUserId) mine.push(sql`x.leader_user_id = ${who.leaderUserId}`);
  if (who.unitId) mine.push(sql`x.unit_id = ${who.unitId}`);
  if (who.visible) mine.push(who.visible);
  conds.push(mine.length ? sql`(${sql.join(mine, sql` OR `)})` : sql`false`);
  if (state) conds.push(sql`x.state = ${state}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${listColumns} FROM ${listFrom} WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY (x.state = 'issued') DESC, x.issued_at DESC, x.id LIMIT ${limit}`,
  );
  return rows.map((r) => fromRaw<InstructionListRow>(r));
}

/** The home to-do: 批示 of a unit not yet acknowledged. */
export async function countIssuedForUnit(db: DbOrTx, tenantId: string, unitId: string) {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM leader_instructions WHERE tenant_id = ${tenantId} AND unit_id = ${unitId} AND state = 'issued'`,
  );
  return r?.n ?? 0;
}

export type AgendaListRow = {
  id: string;
  appealId: string;
  number: string;
  appealTitle: string;
  title: string;
  unitName: string;
  state: AgendaState;
  meetingDate: string | null;
  proposedAt: Date;
  decision: string | null;
  actions: { id: string; description: string; unitName: string; dueDate: string; done: boolean }[];
};

/** R6.3 agenda items across appeals, in the caller's data scope (`visible`, alias `a`), with their follow-up actions. */
export async function listAgendaItems(
  db: DbOrTx,
  tenantId: string,
  visible: SQL,
  f: { state?: AgendaState; from?: string; to?: string },
  limit: number,
): Promise<AgendaListRow[]> {
  const conds: SQL[] = [sql`i.tenant_id = ${tenantId}`, visible];
  if (f.state) conds.push(sql`i.state = ${f.state}`);
  if (f.from) conds.push(sql`i.meeting_date >= ${f.from}`);
  if (f.to) conds.push(sql`i.meeting_date <= ${f.to}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT i.id, i.appeal_id, a.number, a.title AS appeal_title, i.title, un.name AS unit_name, i.state, i.meeting_date, i.proposed_at, i.decision,
      (SELECT coalesce(json_agg(json_build_object('id', x.id, 'description', x.description, 'unitName', xu.name, 'dueDate', x.due_date,
          'done', x.done_at IS NOT NULL) ORDER BY x.sort_order, x.id), '[]')
        FROM agenda_actions x JOIN units xu ON xu.id = x.unit_id WHERE x.item_id = i.id) AS actions
    FROM agenda_items i JOIN appeals a ON a.id = i.appeal_id AND a.tenant_id = i.tenant_id JOIN units un ON un.id = i.unit_id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY i.meeting_date DESC NULLS FIRST, i.proposed_at DESC, i.id LIMIT ${limit}`,
  );
  return rows.map((r) => fromRaw<AgendaListRow>(r));
}
