// Generated enterprises: spread over the 17 tenants by economic weight, over sectors (工贸 most,
// then 危化, 非煤矿山) and the GB/T 2260 counties of their city; valid USCCs of their county
// (domain/uscc.ts); supervised by the tenant's business unit of their sector. Bulk-loaded with
// jsonb_to_recordset in batches; a USCC already registered in the tenant is skipped.
import { sql } from 'drizzle-orm';
import { SUB_SECTORS, type EnterpriseSize, type Ownership } from '../../../../shared/enterprises.ts';
import type { Sector } from '../../../../shared/roles.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { countiesOf } from '../../domain/regions/index.ts';
import { generateUscc } from '../../domain/uscc.ts';
import { CITIES, PROVINCE } from '../tenants.ts';
import type { GenTenant } from './org.ts';
import { progress } from './progress.ts';
import { mobile, pick, uuidFrom, weighted, type Rng } from './random.ts';
import { enterpriseName, personName, SECTOR_MIX, TENANT_WEIGHT } from './vocab.ts';

export type GenEnterprise = { id: string; name: string; uscc: string; sector: Sector };

const STREETS = ['经十路', '工业南路', '滨河大道', '开发区纬二路', '化工园区北路', '创业路', '黄河路', '泰山大街', '新华路', '科技大道'];
const POSTS = ['安全总监', '安全环保部部长', '总经理', '副总经理', '安全员', '办公室主任'];
const TAGS = ['重点监管', '安全生产标准化一级', '化工园区内', '处室联系点', '规上企业', '专精特新'];
const STRUGGLES = ['订单下降，资金周转困难', '环保改造投入大，融资困难', '原材料价格上涨，经营亏损', '受市场影响阶段性停产'];
const BATCH = 5000;

/** Picks a tenant code by TENANT_WEIGHT. */
export const tenantPicker = (codes: string[]) => {
  const pairs = codes.map((c) => [c, TENANT_WEIGHT[c] ?? 1] as const);
  return (r: Rng) => weighted(r, pairs);
};

function makeEnterprise(r: Rng, t: GenTenant, names: Set<string>) {
  const cityCode =
    t.code === PROVINCE.code
      ? weighted(
          r,
          CITIES.map((c) => [c.code, TENANT_WEIGHT[c.code] ?? 1] as const),
        )
      : t.code;
  const city = CITIES.find((c) => c.code === cityCode)!.city;
  const county = pick(r, countiesOf(cityCode));
  const sector = weighted(r, SECTOR_MIX);
  const sub = sector === 'industry' ? pick(r, SUB_SECTORS) : null;
  const provincial = t.code === PROVINCE.code;
  let name = '';
  for (let i = 0; !name || names.has(name); i++) {
    const place = i >= 3 ? `${city}${county.name.slice(0, 2)}` : provincial && r() < 0.4 ? '山东' : city;
    name = enterpriseName(r, place, sector, sub) + (i >= 20 ? `${i}` : '');
  }
  names.add(name);
  const size = weighted<EnterpriseSize>(
    r,
    provincial
      ? [
          ['large', 5],
          ['medium', 3],
          ['small', 1],
        ]
      : [
          ['large', 1],
          ['medium', 3],
          ['small', 4],
          ['micro', 2],
        ],
  );
  const ownership = weighted<Ownership>(r, [
    ['state', provincial ? 4 : 1],
    ['private', 6],
    ['foreign', 1],
    ['hmt', 0.6],
    ['collective', 0.8],
    ['other', 0.4],
  ]);
  const struggling = r() < 0.1;
  const unit = t.handling.find((u) => u.kind === 'business' && u.sectors.length === 1 && u.sectors[0] === sector) ?? null;
  const contacts = Array.from({ length: 1 + Math.floor(r() * 2) }, (_, k) => ({
    id: uuidFrom(r),
    name: personName(r),
    post: k === 0 ? pick(r, POSTS.slice(0, 3)) : pick(r, POSTS.slice(3)),
    mobile: mobile(r),
    landline: r() < 0.5 ? `0${530 + (Number(cityCode.slice(2, 4)) % 10)}-${8_000_000 + Math.floor(r() * 999_999)}` : null,
  }));
  return {
    id: uuidFrom(r),
    tenant_id: t.id,
    name,
    uscc: generateUscc(r, { regionCode: county.code }),
    region_code: county.code,
    sector,
    sub_sector: sub,
    ownership,
    size,
    struggling,
    struggling_reason: struggling ? pick(r, STRUGGLES) : null,
    supervising_unit_id: unit?.id ?? null,
    address: `山东省${city}市${county.name}${pick(r, STREETS)}${1 + Math.floor(r() * 300)}号`,
    status: weighted(r, [
      ['operating', 18],
      ['suspended', 1.2],
      ['closed', 0.4],
    ]),
    tags: [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(r, TAGS)))],
    contacts,
    age_days: Math.floor(r() * 5 * 365),
  };
}

/** Inserts `count` generated enterprises; returns how many were new. */
export async function generateEnterprises(db: Db, org: GenTenant[], count: number, r: Rng, now: Date, silent = false): Promise<number> {
  const pickTenant = tenantPicker(org.map((t) => t.code));
  const byCode = new Map(org.map((t) => [t.code, t]));
  const names = new Set((await queryRows<{ name: string }>(db, sql`SELECT name FROM enterprises`)).map((x) => x.name));
  const p = progress('企业', count, silent);
  let inserted = 0;
  for (let done = 0; done < count; ) {
    const rows = Array.from({ length: Math.min(BATCH, count - done) }, () => makeEnterprise(r, byCode.get(pickTenant(r))!, names));
    const res = await queryRows<{ n: number }>(
      db,
      sql`
      WITH ins AS (
        INSERT INTO enterprises (id, tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, struggling, struggling_reason,
          supervising_unit_id, address, status, tags, contacts, created_at, updated_at)
        SELECT id, tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, struggling, struggling_reason,
          supervising_unit_id, address, status, tags, contacts, ${now}::timestamptz - make_interval(days => age_days), ${now}::timestamptz - make_interval(days => age_days)
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, tenant_id uuid, name text, uscc text, region_code text, sector text,
          sub_sector text, ownership text, size text, struggling boolean, struggling_reason text, supervising_unit_id uuid, address text,
          status text, tags text[], contacts jsonb, age_days int)
        ON CONFLICT (tenant_id, uscc) DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`,
    );
    inserted += res[0].n;
    done += rows.length;
    p.tick(done);
  }
  p.end(count);
  return inserted;
}

/** Every registered enterprise of a tenant (generated or not) that appeals can name, in a stable order. */
export async function enterprisesOf(db: Db, tenantId: string): Promise<GenEnterprise[]> {
  return queryRows<GenEnterprise>(
    db,
    sql`
    SELECT id, name, uscc, sector FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived AND status <> 'closed' ORDER BY uscc`,
  );
}
