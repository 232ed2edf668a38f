// Personal information requests (issue 21): the appeals whose contact is one mobile number. Appeals
// are official records (kept under the records rules): they are exported, never masked.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';

export type AppealHolding = {
  number: string;
  title: string;
  enterpriseName: string;
  contactName: string;
  contactPhone: string;
  state: string;
  receivedAt: Date;
};

export async function appealsByContactPhone(db: DbOrTx, tenantId: string, phone: string): Promise<AppealHolding[]> {
  const rows = await queryRows<{
    number: string;
    title: string;
    enterprise_name: string;
    contact_name: string;
    contact_phone: string;
    state: string;
    received_at: string | Date;
  }>(
    db,
    sql`SELECT number, title, enterprise_name, contact_name, contact_phone, state, received_at FROM appeals
      WHERE tenant_id = ${tenantId} AND contact_phone = ${phone} ORDER BY received_at DESC LIMIT 10000`,
  );
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    enterpriseName: r.enterprise_name,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    state: r.state,
    receivedAt: new Date(r.received_at),
  }));
}
