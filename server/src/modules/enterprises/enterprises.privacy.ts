// Personal information requests (issue 21, 个人信息保护法): the registry's contacts holding one
// mobile number, and their masking (privacy module, through index.ts).
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts';
import { enterprises } from '../../db/schema.ts';
import type { EnterpriseContact } from '../../db/schema-enterprises.ts';

export type ContactHolding = { enterpriseId: string; enterpriseName: string; uscc: string; contact: EnterpriseContact; updatedAt: Date };

/** Every contact of the tenant's registry with this mobile number. */
export async function contactsWithMobile(db: DbOrTx, tenantId: string, mobile: string): Promise<ContactHolding[]> {
  const rows = await queryRows<{ id: string; name: string; uscc: string; contacts: EnterpriseContact[]; updated_at: string | Date }>(
    db,
    sql`SELECT id, name, uscc, contacts, updated_at FROM enterprises
      WHERE tenant_id = ${tenantId} AND contacts @> ${JSON.stringify([{ mobile }])}::jsonb ORDER BY name`,
  );
  return rows.flatMap((r) =>
    r.contacts
      .filter((c) => c.mobile === mobile)
      .map((contact) => ({ enterpriseId: r.id, enterpriseName: r.name, uscc: r.uscc, contact, updatedAt: new Date(r.updated_at) })),
  );
}

/** Replaces the contact's name and mobile by their masked forms in every enterprise of the tenant; returns the enterprises changed. */
export async function maskContacts(tx: Tx, tenantId: string, mobile: string, mask: (c: EnterpriseContact) => EnterpriseContact): Promise<string[]> {
  const held = await contactsWithMobile(tx, tenantId, mobile);
  const ids = [...new Set(held.map((h) => h.enterpriseId))];
  for (const id of ids) {
    const [row] = await tx
      .select({ contacts: enterprises.contacts })
      .from(enterprises)
      .where(and(eq(enterprises.id, id), eq(enterprises.tenantId, tenantId)))
      .for('update');
    await tx
      .update(enterprises)
      .set({ contacts: row.contacts.map((c) => (c.mobile === mobile ? mask(c) : c)), version: sql`${enterprises.version} + 1`, updatedAt: sql`now()` })
      .where(eq(enterprises.id, id));
  }
  return ids;
}
