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

type UserOpts = {
  roles?: Role[];
  scope?: Scope;
  unitId?: string | null;
  username?: string;
  mustChangePassword?: boolean;
  signIn?: boolean;
  enterpriseId?: string | null;
};

export async function createUser(db: Db, tenantId: string, opts: UserOpts = {}): Promise<TestUser> {
  return (await createUsers(db, tenantId, opts, 1))[0];
}

/**
 * `n` users alike (each with a session of its own unless signIn is false) in two statements, for tests
 * that spend a fresh session on every call (the authorization matrix). `username` only when n is 1.
 */
export async function createUsers(db: Db, tenantId: string, opts: UserOpts, n: number): Promise<TestUser[]> {
  if (opts.username !== undefined && n !== 1) throw new Error('a username names one user');
  // Role 'enterprise' belongs to an enterprise of the registry: the tenant's default one unless given.
  const enterpriseId =
    opts.enterpriseId !== undefined ? opts.enterpriseId : opts.roles?.includes('enterprise') ? await defaultEnterpriseId(db, tenantId) : null;
  const passwordHash = await testHash();
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: n }, () => {
        // 12 hex digits: the matrix alone makes thousands of users, and 8 could collide (a birthday chance of 1 in 250).
        const username = opts.username ?? `u_${crypto.randomBytes(6).toString('hex')}`;
        return {
          tenantId,
          username,
          displayName: `测试用户${username}`,
          passwordHash,
          roles: opts.roles ?? [],
          scope: opts.scope ?? 'tenant',
          unitId: opts.unitId ?? null,
          mustChangePassword: opts.mustChangePassword ?? false,
          enterpriseId,
        };
      }),
    )
    .returning();
  const out = rows.map((u) => ({
    id: u.id,
    username: u.username,
    tenantId,
    unitId: u.unitId,
    roles: (opts.roles ?? []) as Role[],
    token: randomToken(),
    csrfToken: randomToken(),
  }));
  if (opts.signIn !== false) {
    const expiresAt = new Date(Date.now() + 3600_000);
    await db.insert(sessions).values(out.map((u) => ({ id: sha256(u.token), userId: u.id, csrfToken: u.csrfToken, expiresAt })));
  }
  return out;
}

export async function createLeader(db: Db, tenantId: string, unitIds: string[], userId?: string) {
  return (await createLeaders(db, tenantId, unitIds, [userId ?? null]))[0];
}

/** One leader (分管 `unitIds`) per entry of `userIds` (null: a leader without an account), in two statements. */
export async function createLeaders(db: Db, tenantId: string, unitIds: string[], userIds: (string | null)[]) {
  const ls = await db
    .insert(leaders)
    .values(userIds.map((userId) => ({ tenantId, name: `领导${uniq()}`, title: '副厅长', userId })))
    .returning();
  if (unitIds.length && ls.length) await db.insert(leaderUnits).values(ls.flatMap((l) => unitIds.map((unitId) => ({ leaderId: l.id, unitId }))));
  return ls;
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
