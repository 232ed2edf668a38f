// Personal information requests (issue 21): the portal's registration requests and SMS messages
// held for one mobile number; sent messages are masked on request (the message is delivered, the
// number is no longer needed), registration requests are the record of an account decision (kept).
import { and, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts';
import { smsOutbox } from '../../db/schema.ts';

export type RegistrationHolding = {
  enterpriseName: string;
  uscc: string;
  contactName: string;
  mobile: string;
  username: string;
  status: string;
  createdAt: Date;
};
export type SmsHolding = { kind: string; toPhone: string; body: string; status: string; createdAt: Date; sentAt: Date | null };

export async function registrationsByMobile(db: DbOrTx, tenantId: string, mobile: string): Promise<RegistrationHolding[]> {
  const rows = await queryRows<{
    enterprise_name: string;
    uscc: string;
    contact_name: string;
    mobile: string;
    username: string;
    status: string;
    created_at: string | Date;
  }>(
    db,
    sql`SELECT enterprise_name, uscc, contact_name, mobile, username, status, created_at FROM enterprise_registrations
      WHERE tenant_id = ${tenantId} AND mobile = ${mobile} ORDER BY created_at DESC`,
  );
  return rows.map((r) => ({
    enterpriseName: r.enterprise_name,
    uscc: r.uscc,
    contactName: r.contact_name,
    mobile: r.mobile,
    username: r.username,
    status: r.status,
    createdAt: new Date(r.created_at),
  }));
}

export async function smsToPhone(db: DbOrTx, tenantId: string, phone: string): Promise<SmsHolding[]> {
  const rows = await db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.tenantId, tenantId), eq(smsOutbox.toPhone, phone)))
    .orderBy(smsOutbox.createdAt);
  return rows.map((r) => ({ kind: r.kind, toPhone: r.toPhone, body: r.body, status: r.status, createdAt: r.createdAt, sentAt: r.sentAt }));
}

/** Masks the number of messages no longer waiting to be sent; returns how many. */
export async function maskSentSms(tx: Tx, tenantId: string, phone: string, masked: string): Promise<number> {
  const r = await tx
    .update(smsOutbox)
    .set({ toPhone: masked })
    .where(and(eq(smsOutbox.tenantId, tenantId), eq(smsOutbox.toPhone, phone), ne(smsOutbox.status, 'pending')))
    .returning({ id: smsOutbox.id });
  return r.length;
}
