// Personal information requests (issue 21): the accounts holding one mobile number, and a staff
// member's account, for the privacy module's export.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';

export type AccountHolding = {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  mobile: string | null;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
};

type Raw = {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  unit_id: string | null;
  mobile: string | null;
  disabled: boolean;
  created_at: string | Date;
  last_login_at: string | Date | null;
  password_changed_at: string | Date | null;
};

const of = (r: Raw): AccountHolding => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles,
  unitId: r.unit_id,
  mobile: r.mobile,
  disabled: r.disabled,
  createdAt: new Date(r.created_at),
  lastLoginAt: r.last_login_at ? new Date(r.last_login_at) : null,
  passwordChangedAt: r.password_changed_at ? new Date(r.password_changed_at) : null,
});

const SELECT = sql`SELECT u.id, u.username, u.display_name, u.roles, u.unit_id, u.mobile, u.disabled, u.created_at, u.last_login_at, u.password_changed_at
  FROM users u`;

export async function accountsByMobile(db: DbOrTx, tenantId: string, mobile: string): Promise<AccountHolding[]> {
  return (await queryRows<Raw>(db, sql`${SELECT} WHERE u.tenant_id = ${tenantId} AND u.mobile = ${mobile} ORDER BY u.username`)).map(of);
}

export async function staffAccount(db: DbOrTx, tenantId: string, username: string): Promise<AccountHolding | undefined> {
  const [r] = await queryRows<Raw>(
    db,
    sql`${SELECT} WHERE u.tenant_id = ${tenantId} AND lower(u.username) = lower(${username}) AND NOT ('enterprise' = ANY(u.roles))`,
  );
  return r ? of(r) : undefined;
}
