// The organisation of the generated province: the 17 tenants (seed/tenants.ts), their units and
// leaders (the demo organisation of seed/demo.ts, loaded when the database has none), and generated
// accounts — intake, coordination, oversight, and a head plus staff for every handling unit — that
// sign in with the demo password. Existing tenants, units and accounts are reused as they are.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { hashPassword } from '../../lib/password.ts';
import { tenantEnv, type TenantEnv } from '../../modules/appeals/index.ts';
import { DEMO_PASSWORD, demoLoaded, loadDemoData } from '../demo.ts';
import { CITIES, ensureTenants, PROVINCE } from '../tenants.ts';
import { personName } from './vocab.ts';
import { stream } from './random.ts';

export type Person = { id: string; name: string };
export type GenUnit = { id: string; name: string; kind: string; sectors: string[]; head: Person | null; staff: Person[] };
export type GenTenant = {
  id: string;
  code: string;
  /** City name (济南 …) or 山东 for the province: the first word of enterprise names. */
  place: string;
  env: TenantEnv;
  handling: GenUnit[];
  intake: Person[];
  coordinator: Person | null;
};

export const GEN_PASSWORD = DEMO_PASSWORD;
const HANDLING_KINDS = ['business', 'enforcement', 'service', 'coordinator'];

/** Generated usernames: g<tenant code>_<what>, e.g. g370000_intake1, g370200_u03_staff2. */
export const genUsername = (code: string, what: string) => `g${code}_${what}`;

type UserSeed = { tenant_id: string; unit_id: string | null; username: string; display_name: string; roles: string[]; scope: string };

/** Tenants, units and accounts; loads the demo organisation into a database that has no units yet. */
export async function ensureOrg(db: Db, seed: number): Promise<GenTenant[]> {
  await db.transaction((tx) => ensureTenants(tx));
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM units`);
  if (n === 0 && !(await demoLoaded(db))) await loadDemoData(db);

  const codes = [PROVINCE.code, ...CITIES.map((c) => c.code)];
  const tenantRows = await queryRows<{ id: string; code: string }>(
    db,
    sql`
    SELECT id, code FROM tenants WHERE code IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )}) ORDER BY code`,
  );
  const unitRows = await queryRows<{ id: string; tenant_id: string; name: string; kind: string; sectors: string[] }>(
    db,
    sql`
    SELECT id, tenant_id, name, kind, sectors FROM units WHERE NOT archived ORDER BY tenant_id, sort_order, name`,
  );

  // Accounts to make (idempotent by username).
  const r = stream(seed, 'org');
  const seeds: UserSeed[] = [];
  for (const t of tenantRows) {
    const units = unitRows.filter((u) => u.tenant_id === t.id);
    const unitOf = (kind: string) => units.find((u) => u.kind === kind)?.id ?? null;
    const big = t.code === PROVINCE.code;
    for (let i = 1; i <= (big ? 3 : 2); i++) {
      seeds.push({
        tenant_id: t.id,
        unit_id: unitOf('intake'),
        username: genUsername(t.code, `intake${i}`),
        display_name: personName(r),
        roles: ['intake'],
        scope: 'tenant',
      });
    }
    seeds.push({
      tenant_id: t.id,
      unit_id: unitOf('coordinator'),
      username: genUsername(t.code, 'coord'),
      display_name: personName(r),
      roles: ['coordinator'],
      scope: 'tenant',
    });
    seeds.push({
      tenant_id: t.id,
      unit_id: unitOf('oversight'),
      username: genUsername(t.code, 'oversight'),
      display_name: personName(r),
      roles: ['oversight'],
      scope: 'tenant',
    });
    units
      .filter((u) => HANDLING_KINDS.includes(u.kind))
      .forEach((u, k) => {
        const tag = `u${String(k + 1).padStart(2, '0')}`;
        seeds.push({
          tenant_id: t.id,
          unit_id: u.id,
          username: genUsername(t.code, `${tag}_head`),
          display_name: personName(r),
          roles: ['unit_head'],
          scope: 'unit',
        });
        for (let s = 1; s <= (big ? 4 : 3); s++) {
          seeds.push({
            tenant_id: t.id,
            unit_id: u.id,
            username: genUsername(t.code, `${tag}_staff${s}`),
            display_name: personName(r),
            roles: ['unit_staff'],
            scope: 'unit',
          });
        }
      });
  }
  const hash = await hashPassword(GEN_PASSWORD);
  await db.execute(sql`
    INSERT INTO users (tenant_id, unit_id, username, display_name, password_hash, must_change_password, roles, scope)
    SELECT tenant_id, unit_id, username, display_name, ${hash}, false, roles, scope
    FROM jsonb_to_recordset(${JSON.stringify(seeds)}::jsonb) AS x(tenant_id uuid, unit_id uuid, username text, display_name text, roles text[], scope text)
    ON CONFLICT DO NOTHING`);

  const userRows = await queryRows<{ id: string; tenant_id: string; unit_id: string | null; display_name: string; roles: string[] }>(
    db,
    sql`
    SELECT id, tenant_id, unit_id, display_name, roles FROM users
    WHERE NOT disabled AND roles && ARRAY['intake', 'coordinator', 'unit_head', 'unit_staff']::text[] ORDER BY username`,
  );
  const out: GenTenant[] = [];
  for (const t of tenantRows) {
    const people = userRows.filter((u) => u.tenant_id === t.id);
    const handling = unitRows
      .filter((u) => u.tenant_id === t.id && HANDLING_KINDS.includes(u.kind))
      .map((u) => {
        const inUnit = people.filter((p) => p.unit_id === u.id);
        const head = inUnit.find((p) => p.roles.includes('unit_head'));
        return {
          id: u.id,
          name: u.name,
          kind: u.kind,
          sectors: u.sectors,
          head: head ? { id: head.id, name: head.display_name } : null,
          staff: inUnit.filter((p) => p.roles.includes('unit_staff')).map((p) => ({ id: p.id, name: p.display_name })),
        };
      });
    if (!handling.length) throw new Error(`单位 ${t.code} 没有办理处室（业务、执法、服务或统筹处室），无法生成诉求`);
    const coord = people.find((p) => p.roles.includes('coordinator'));
    out.push({
      id: t.id,
      code: t.code,
      place: t.code === PROVINCE.code ? '山东' : CITIES.find((c) => c.code === t.code)!.city,
      env: await tenantEnv(db, t.id),
      handling,
      intake: people.filter((p) => p.roles.includes('intake')).map((p) => ({ id: p.id, name: p.display_name })),
      coordinator: coord ? { id: coord.id, name: coord.display_name } : null,
    });
  }
  return out;
}
