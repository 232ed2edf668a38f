// The authorization matrix's 'supervisionItem' and 'rectificationItem' resources (helpers/resources.ts):
// owned by the tenant's first unit, the unit of the matrix's users.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/client.ts';
import { rectificationItems, supervisionInterviews, supervisionItems, supervisionNotices } from '../../src/db/schema.ts';
import { createUnit } from '../helpers/factory.ts';
import { firstUnitId } from '../enterprises/fixtures.ts';

/** A concluded item with its 通报 (so that every route of an item, the .docx too, has something to show). */
export async function supervisionItemFixture(db: Db, tenantId: string, unitId?: string): Promise<string> {
  const unit = unitId ?? (await firstUnitId(db, tenantId)) ?? (await createUnit(db, tenantId)).id;
  const [i] = await db
    .insert(supervisionItems)
    .values({
      tenantId,
      year: 2026,
      targetType: 'unit',
      targetLabel: '处室',
      unitId: unit,
      category: 'work_style',
      description: '作风问题',
      openedByName: '测试',
      state: 'concluded',
      outcome: 'notice',
      conclusion: '通报',
      concludedByName: '测试',
      concludedAt: new Date(),
    })
    .returning();
  const [{ serial }] = await queryRows<{ serial: number }>(
    db,
    sql`SELECT coalesce(max(serial), 0) + 1 AS serial FROM supervision_notices WHERE tenant_id = ${tenantId} AND year = 2026`,
  );
  await db
    .insert(supervisionNotices)
    .values({ tenantId, itemId: i.id, kind: 'criticism', serial, year: 2026, title: '通报', body: '正文', recipientUnitIds: [unit], issuedByName: '测试' });
  return i.id;
}

export async function rectificationItemFixture(db: Db, tenantId: string, unitId?: string): Promise<string> {
  const itemId = await supervisionItemFixture(db, tenantId, unitId);
  const [item] = await db.select().from(supervisionItems).where(eq(supervisionItems.id, itemId));
  const [iv] = await db
    .insert(supervisionInterviews)
    .values({
      tenantId,
      itemId,
      unitId: item.unitId,
      heldOn: '2026-11-01',
      unitHeadName: '处长',
      interviewerNames: '书记',
      findings: '问题',
      recordedByName: '测试',
    })
    .returning();
  const [r] = await db
    .insert(rectificationItems)
    .values({ tenantId, interviewId: iv.id, description: '整改', ownerName: '张三', dueDate: '2026-12-31' })
    .returning();
  return r.id;
}
