// SQL of R3.4 lead units per channel (table channel_lead_units, owned by appeals).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { channelLeadUnits } from '../../db/schema.ts';

export type ChannelLeadRow = typeof channelLeadUnits.$inferSelect;

export async function listChannelLeads(db: DbOrTx, tenantId: string): Promise<ChannelLeadRow[]> {
  return db.select().from(channelLeadUnits).where(eq(channelLeadUnits.tenantId, tenantId)).orderBy(channelLeadUnits.channel);
}

export async function channelLead(db: DbOrTx, tenantId: string, channel: string): Promise<ChannelLeadRow | null> {
  const [row] = await db
    .select()
    .from(channelLeadUnits)
    .where(and(eq(channelLeadUnits.tenantId, tenantId), eq(channelLeadUnits.channel, channel)));
  return row ?? null;
}

export async function replaceChannelLeads(db: DbOrTx, tenantId: string, userId: string, rows: { channel: string; unitId: string; note: string }[], now: Date) {
  await db.delete(channelLeadUnits).where(eq(channelLeadUnits.tenantId, tenantId));
  if (rows.length) await db.insert(channelLeadUnits).values(rows.map((r) => ({ ...r, tenantId, updatedBy: userId, updatedAt: now })));
}
