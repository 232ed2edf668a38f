// Contact-point test fixtures (also used by the authorization matrix via helpers/resources.ts).
import type { Db } from '../../src/db/client.ts';
import { contactPoints, fieldFollowUps, fieldRecords } from '../../src/db/schema.ts';
import { createEnterprise, firstUnitId } from '../enterprises/fixtures.ts';
import { createUnit } from '../helpers/factory.ts';

async function unitOf(db: Db, tenantId: string, unitId?: string) {
  return unitId ?? (await firstUnitId(db, tenantId)) ?? (await createUnit(db, tenantId)).id;
}

/** A confirmed unit point of the given unit (the matrix's users' unit), term 2026-01-01 … 2027-01-01. */
export async function contactPointFixture(db: Db, tenantId: string, unitId?: string) {
  const unit = await unitOf(db, tenantId, unitId);
  const e = await createEnterprise(db, tenantId, { supervisingUnitId: unit });
  const [p] = await db
    .insert(contactPoints)
    .values({
      tenantId,
      kind: 'unit',
      unitId: unit,
      enterpriseId: e.id,
      state: 'confirmed',
      termStart: '2026-01-01',
      termEnd: '2027-01-01',
      confirmedAt: new Date(),
    })
    .returning();
  return p.id;
}

export async function fieldRecordFixture(db: Db, tenantId: string, unitId?: string) {
  const unit = await unitOf(db, tenantId, unitId);
  const e = await createEnterprise(db, tenantId, { supervisingUnitId: unit });
  const [r] = await db
    .insert(fieldRecords)
    .values({
      tenantId,
      kind: 'visit',
      enterpriseId: e.id,
      unitId: unit,
      visitedOn: '2026-03-01',
      form: 'on_site',
      findings: '企业反映审批材料多',
      createdByName: '测试',
    })
    .returning();
  return r.id;
}

export async function fieldFollowUpFixture(db: Db, tenantId: string, unitId?: string) {
  const recordId = await fieldRecordFixture(db, tenantId, unitId);
  const [f] = await db.insert(fieldFollowUps).values({ tenantId, recordId, description: '协调解决', ownerName: '测试', dueOn: '2026-04-01' }).returning();
  return f.id;
}
