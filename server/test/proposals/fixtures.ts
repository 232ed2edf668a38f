// The authorization matrix's 'proposal' resource (helpers/resources.ts): a proposal in handling whose
// lead unit is the tenant's first unit (the unit of the matrix's users), linked to an appeal fixture.
import type { Db } from '../../src/db/client.ts';
import { proposalRounds, proposals } from '../../src/db/schema.ts';
import { appealFixture } from '../appeals/fixtures.ts';
import { firstUnitId } from '../enterprises/fixtures.ts';
import { createUnit } from '../helpers/factory.ts';

let serial = 0;

export async function proposalFixture(db: Db, tenantId: string, unitId?: string): Promise<string> {
  const unit = unitId ?? (await firstUnitId(db, tenantId)) ?? (await createUnit(db, tenantId)).id;
  const appealId = await appealFixture(db, tenantId, unit);
  serial++;
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId,
      kind: 'npc_suggestion',
      number: `第${String(serial).padStart(4, '0')}号`,
      session: '省十四届人大三次会议',
      proposerName: '代表',
      delegation: '济南代表团',
      title: '建议',
      content: '内容',
      assignedOn: '2026-10-01',
      year: 2026,
      leadUnitId: unit,
      appealId,
      appealNumber: 'A-1',
      replyDue: '2027-01-01',
      registeredByName: '测试',
    })
    .returning();
  await db.insert(proposalRounds).values({ tenantId, proposalId: p.id, round: 1, startedOn: '2026-10-01', replyDue: '2027-01-01' });
  return p.id;
}
