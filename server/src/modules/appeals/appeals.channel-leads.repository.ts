// SQL of R3.4 lead units per channel (table channel_lead_units, owned by appeals).
import { eq, sql } from 'drizzle-orm';
import { queryPrepared, type DbOrTx } from '../../db/client.ts';
import { fromRaw } from '../../db/rows.ts';
import { channelLeadUnits } from '../../db/schema.ts';

export type ChannelLeadRow = typeof channelLeadUnits.$inferSelect;

export async function listChannelLeads(db: DbOrTx, tenantId: string): Promise<ChannelLeadRow[]> {
  return db.select().from(channelLeadUnits).where(eq(channelLeadUnits.tenantId, tenantId)).orderBy(channelLeadUnits.channel);
}

export async function channelLead(db: DbOrTx, tenantId: string, channel: string): Promise<ChannelLeadRow | null> {
  // Prepared (issue 20): read on every intake that dispatches.
  const [row] = await queryPrepared<Record<string, unknown>>(
    db,
    'channel_lead',
    sql`SELECT tenant_id, channel, unit_id, note, updated_by, updated_at FROM channel_lead_units WHERE tenant_id = ${tenantId} AND channel = ${channel}`,
  );
  return row ? fromRaw<ChannelLeadRow>(row) : null;
}

/** The channel's lead unit id as a scalar subquery, for the units module's one statement at intake (units activeUnitsAndOne). */
export const channelLeadUnitIdSql = (tenantId: string, channel: string) =>
  sql`(SELECT unit_id FROM channel_lead_units WHERE tenant_id = ${tenantId} AND channel = ${channel})`;

export async function replaceChannelLeads(db: DbOrTx, tenantId: string, userId: string, rows: { channel: string; unitId: string; note: string }[], now: Date) {
  await db.delete(channelLeadUnits).where(eq(channelLeadUnits.tenantId, tenantId));
  if (rows.length) await db.insert(channelLeadUnits).values(rows.map((r) => ({ ...r, tenantId, updatedBy: userId, updatedAt: now })));
}
