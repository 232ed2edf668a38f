// The authorization matrix's 'report' resource (server/test/helpers/resources.ts).
import type { Db } from '../../src/db/client.ts';
import { reports } from '../../src/db/schema.ts';

/**
 * A stored report of a tenant (the authorization matrix's 'report' resource): a row with a real
 * (empty-period) .docx/.xlsx is not needed to check who may fetch it, so the files are placeholders.
 */
export async function reportFixture(db: Db, tenantId: string): Promise<string> {
  const [r] = await db
    .insert(reports)
    .values({
      tenantId,
      kind: 'monthly',
      period: '2025-11',
      trigger: 'manual',
      generatedByName: '测试',
      summary: {
        received: 0,
        closed: 0,
        responseRate: null,
        opinionOnTimeRate: null,
        resolutionOnTimeRate: null,
        resolutionRate: null,
        satisfactionRate: null,
        evaluated: 0,
        overdueNow: 0,
        reopened: 0,
        major: 0,
        leaderTransfers: 0,
      },
      docx: Buffer.from('docx'),
      xlsx: Buffer.from('xlsx'),
      docxSize: 4,
      xlsxSize: 4,
      durationMs: 1,
    })
    .returning({ id: reports.id });
  return r.id;
}
