// Test factories: every test makes its own tenant (and units, users) instead of truncating
// tables, so tests are independent on a shared server database.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role, Scope, Sector, UnitKind } from '../../../shared/roles.ts';
import type { Db } from '../../src/db/client.ts';
import { leaderUnits, leaders, sessions, tenants, units, users } from '../../src/db/schema.ts';
import { randomToken, sha256 } from '../../src/lib/crypto.ts';
import { hashPassword } from '../../src/lib/password.ts';
import { defaultEnterpriseId } from '../enterprises/fixtures.ts';

export const TEST_PASSWORD = 'Test#Passw0rd';
let hashed: Promise<string> | undefined;
const testHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

const uniq = () => crypto.randomBytes(4).toString('hex');

export type TestTenant = { id: string; code: string; name: string; kind: 'province' | 'city'; parentId: string | null };
export type TestUser = { id: string; username: string; tenantId: string; unitId: string | null; roles: Role[]; token: string; csrfToken: string };

export async function createTenant(db: Db, opts: { kind?: 'province' | 'city'; parentId?: string } = {}): Promise<TestTenant> {
  const code = `T${uniq()}`;
  const [t] = await db
    .insert(tenants)
    .values({ code, name: `测试单位${code}`, kind: opts.kind ?? (opts.parentId ? 'city' : 'province'), parentId: opts.parentId ?? null })
    .returning();
  return t as TestTenant;
}

export async function createUnit(db: Db, tenantId: string, opts: { name?: string; kind?: UnitKind; sectors?: Sector[] } = {}) {
  const [u] = await db
    .insert(units)
    .values({ tenantId, name: opts.name ?? `测试处室${uniq()}`, kind: opts.kind ?? 'business', sectors: opts.sectors ?? ['hazchem'] })
    .returning();
  return u;
}

export async function createUser(
  db: Db,
  tenantId: string,
  opts: {
    roles?: Role[];
    scope?: Scope;
    unitId?: string | null;
    username?: string;
    mustChangePassword?: boolean;
    signIn?: boolean;
    enterpriseId?: string | null;
  } = {},
): Promise<TestUser> {
  const username = opts.username ?? `u_${uniq()}`;
  // Role 'enterprise' belongs to an enterprise of the registry: the tenant's default one unless given.
  const enterpriseId =
    opts.enterpriseId !== undefined ? opts.enterpriseId : opts.roles?.includes('enterprise') ? await defaultEnterpriseId(db, tenantId) : null;
  const [u] = await db
    .insert(users)
    .values({
      tenantId,
      username,
      displayName: `测试用户${username}`,
      passwordHash: await testHash(),
      roles: opts.roles ?? [],
      scope: opts.scope ?? 'tenant',
      unitId: opts.unitId ?? null,
      mustChangePassword: opts.mustChangePassword ?? false,
      enterpriseId,
    })
    .returning();
  const token = randomToken();
  const csrfToken = randomToken();
  if (opts.signIn !== false) {
    await db.insert(sessions).values({ id: sha256(token), userId: u.id, csrfToken, expiresAt: new Date(Date.now() + 3600_000) });
  }
  return { id: u.id, username, tenantId, unitId: u.unitId, roles: (opts.roles ?? []) as Role[], token, csrfToken };
}

export async function createLeader(db: Db, tenantId: string, unitIds: string[], userId?: string) {
  const [l] = await db
    .insert(leaders)
    .values({ tenantId, name: `领导${uniq()}`, title: '副厅长', userId: userId ?? null })
    .returning();
  if (unitIds.length) await db.insert(leaderUnits).values(unitIds.map((unitId) => ({ leaderId: l.id, unitId })));
  return l;
}

/** A province with one city, each with a unit: the usual scene for tenant-isolation tests. */
export async function createScene(db: Db) {
  const province = await createTenant(db, { kind: 'province' });
  const city = await createTenant(db, { kind: 'city', parentId: province.id });
  const unit = await createUnit(db, province.id);
  const cityUnit = await createUnit(db, city.id);
  return { province, city, unit, cityUnit };
}

export async function auditRows(db: Db, tenantId: string) {
  const r = (await db.execute(sql`SELECT * FROM audit_log WHERE tenant_id = ${tenantId} ORDER BY id`)) as unknown as { rows: Record<string, unknown>[] };
  return r.rows;
}
