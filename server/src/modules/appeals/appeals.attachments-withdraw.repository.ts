// SQL of withdrawing an attachment (issue 22): the row is kept, marked withdrawn.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { appealAttachments } from '../../db/schema.ts';

export async function attachmentForWithdrawal(db: DbOrTx, tenantId: string, appealId: string, id: string) {
  const [r] = await db
    .select({
      name: appealAttachments.name,
      sha256: appealAttachments.sha256,
      uploadedBy: appealAttachments.uploadedBy,
      uploadedByName: appealAttachments.uploadedByName,
      withdrawnAt: appealAttachments.withdrawnAt,
    })
    .from(appealAttachments)
    .where(and(eq(appealAttachments.id, id), eq(appealAttachments.appealId, appealId), eq(appealAttachments.tenantId, tenantId)))
    .for('update');
  return r ?? null;
}

export async function markWithdrawn(db: DbOrTx, id: string, set: { withdrawnAt: Date; withdrawnByName: string; withdrawnReason: string }) {
  await db.update(appealAttachments).set(set).where(eq(appealAttachments.id, id));
}
