// Authorization-matrix fixtures for the escalation resource types (agendaItem, agendaAction,
// executiveItem, instruction): each hangs off an appeal whose lead unit is the matrix's unit.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { appealFixture } from '../appeals/fixtures.ts';
import { createUnit, createUser } from '../helpers/factory.ts';

async function item(db: Db, tenantId: string, unitId?: string, state = 'proposed') {
  const lead = unitId ?? (await createUnit(db, tenantId)).id;
  const appealId = await appealFixture(db, tenantId, lead);
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO agenda_items (tenant_id, appeal_id, unit_id, title, background, request, state, proposed_by_name, meeting_date)
    VALUES (${tenantId}, ${appealId}, ${lead}, '矩阵测试议题', '背景', '提请研究', ${state}, '测试', ${state === 'proposed' ? null : '2026-03-10'})
    RETURNING id`,
  );
  return { id: r.id, appealId, lead };
}

export async function agendaItemFixture(db: Db, tenantId: string, unitId?: string) {
  return (await item(db, tenantId, unitId)).id;
}

export async function agendaActionFixture(db: Db, tenantId: string, unitId?: string) {
  const i = await item(db, tenantId, unitId, 'decided');
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO agenda_actions (tenant_id, item_id, appeal_id, description, unit_id, due_date)
    VALUES (${tenantId}, ${i.id}, ${i.appealId}, '矩阵测试落实事项', ${i.lead}, '2026-04-30') RETURNING id`,
  );
  return r.id;
}

export async function executiveItemFixture(db: Db, tenantId: string, unitId?: string) {
  const lead = unitId ?? (await createUnit(db, tenantId)).id;
  const appealId = await appealFixture(db, tenantId, lead);
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO executive_meeting_items (tenant_id, appeal_id, meeting_date, materials, recorded_by_name)
    VALUES (${tenantId}, ${appealId}, '2026-03-12', '矩阵测试上会材料', '测试') RETURNING id`,
  );
  return r.id;
}

/** A 领导批示 (R6.3/leader 批示) on an appeal whose lead unit is the matrix's unit, awaiting 签收. */
export async function instructionFixture(db: Db, tenantId: string, unitId?: string) {
  const lead = unitId ?? (await createUnit(db, tenantId)).id;
  const appealId = await appealFixture(db, tenantId, lead);
  const leader = await createUser(db, tenantId, { roles: ['leader'], scope: 'portfolio', unitId: null });
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO leader_instructions (tenant_id, appeal_id, unit_id, leader_user_id, leader_name, text)
    VALUES (${tenantId}, ${appealId}, ${lead}, ${leader.id}, '矩阵测试领导', '矩阵测试批示') RETURNING id`,
  );
  return r.id;
}
