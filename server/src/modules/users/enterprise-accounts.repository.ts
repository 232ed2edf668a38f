// SQL of enterprise accounts: users with role 'enterprise' and users.enterprise_id (issue 7). The
// portal module manages them (opens, lists, disables, resets; notifies them), through these
// functions: the users table is this module's. Joined with the registry enterprise they belong to
// (name, USCC) to present and search them.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { throttledUntilOf } from '../auth/index.ts';

const lockedUntilOfU = throttledUntilOf(sql`u.username`);

export type EnterpriseAccountRow = {
  id: string;
  username: string;
  displayName: string;
  mobile: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const accountSelect = sql`
  SELECT u.id, u.username, u.display_name AS "displayName", u.mobile, u.disabled,
         ${lockedUntilOfU} AS "lockedUntil",
         u.must_change_password AS "mustChangePassword", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
         u.version, u.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.uscc
  FROM users u JOIN enterprises e ON e.id = u.enterprise_id AND e.tenant_id = u.tenant_id`;

/** Enterprise accounts of the tenant, newest first; `q` searches username, name, enterprise name and USCC. */
export async function listEnterpriseAccounts(db: DbOrTx, tenantId: string, q: string | undefined, limit: number, offset: number) {
  const like = q ? `%${escapeLike(q)}%` : null;
  const where = sql`u.tenant_id = ${tenantId} AND 'enterprise' = ANY(u.roles)
    ${like ? sql`AND (u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR e.name ILIKE ${like} OR e.uscc ILIKE ${like})` : sql``}`;
  const [items, [{ total }]] = await Promise.all([
    queryRows<EnterpriseAccountRow>(db, sql`${accountSelect} WHERE ${where} ORDER BY u.created_at DESC, u.id LIMIT ${limit} OFFSET ${offset}`),
    queryRows<{ total: number }>(
      db,
      sql`SELECT count(*)::int AS total FROM users u JOIN enterprises e ON e.id = u.enterprise_id AND e.tenant_id = u.tenant_id WHERE ${where}`,
    ),
  ]);
  return { items, total };
}

/** One enterprise account of the tenant (a staff account's id answers null); `lock`: FOR UPDATE. */
export async function getEnterpriseAccount(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<EnterpriseAccountRow | null> {
  const [r] = await queryRows<EnterpriseAccountRow>(
    db,
    sql`${accountSelect} WHERE u.id = ${id} AND u.tenant_id = ${tenantId} AND 'enterprise' = ANY(u.roles)
    ${lock ? sql`FOR UPDATE OF u` : sql``}`,
  );
  return r ?? null;
}

/** Policy resource 'enterpriseAccount': only users with role 'enterprise' (a staff account's id answers 404). */
export async function enterpriseAccountOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string }>(db, sql`SELECT tenant_id FROM users WHERE id = ${id} AND 'enterprise' = ANY(roles)`);
  return r ? { tenantId: r.tenant_id } : null;
}

/** The accounts of a registry enterprise (intake's check of a registration request), disabled ones included. */
export async function accountsOfEnterprise(db: DbOrTx, tenantId: string, enterpriseId: string) {
  return queryRows<{ id: string; username: string; displayName: string; disabled: boolean }>(
    db,
    sql`
    SELECT id, username, display_name AS "displayName", disabled FROM users
    WHERE tenant_id = ${tenantId} AND enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(roles)
    ORDER BY created_at`,
  );
}

/** The ids of the enabled portal accounts of a registry enterprise (addressees of messages and evaluation links). */
export async function activeEnterpriseAccountIds(db: DbOrTx, tenantId: string, enterpriseId: string | null): Promise<string[]> {
  if (!enterpriseId) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    SELECT id FROM users
    WHERE tenant_id = ${tenantId} AND enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(roles) AND NOT disabled
    ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

/**
 * The ids of every account ever linked to a registry enterprise, disabled ones included: what the
 * enterprise uploaded stays its own after an account is disabled (portal attachments).
 */
export async function enterpriseAccountIds(db: DbOrTx, tenantId: string, enterpriseId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(roles) ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

/** A versioned update of an enterprise account (disable / enable, password reset): 409 on a stale version. */
/** `present`: the 409 body, the account as its list row shows it (issue 12). */
export function updateEnterpriseAccount(
  db: DbOrTx,
  where: { id: string; tenantId: string; version: number },
  set: Record<string, unknown>,
  present: (row: typeof users.$inferSelect) => unknown,
) {
  return updateVersioned(db, users, where, set, '企业账号', present);
}
