// Reference data present in every deployment: the province and its 16 city bureaus (PRODUCT.md).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { tenants } from '../db/schema.ts';

export const PROVINCE = { code: '370000', name: '山东省应急管理厅' };
export const CITIES: { code: string; city: string }[] = [
  { code: '370100', city: '济南' },
  { code: '370200', city: '青岛' },
  { code: '370300', city: '淄博' },
  { code: '370400', city: '枣庄' },
  { code: '370500', city: '东营' },
  { code: '370600', city: '烟台' },
  { code: '370700', city: '潍坊' },
  { code: '370800', city: '济宁' },
  { code: '370900', city: '泰安' },
  { code: '371000', city: '威海' },
  { code: '371100', city: '日照' },
  { code: '371300', city: '临沂' },
  { code: '371400', city: '德州' },
  { code: '371500', city: '聊城' },
  { code: '371600', city: '滨州' },
  { code: '371700', city: '菏泽' },
];

/** Idempotent: creates missing tenants, leaves existing ones as they are. Returns code → id. */
export async function ensureTenants(db: DbOrTx): Promise<Map<string, string>> {
  await db.insert(tenants).values({ code: PROVINCE.code, name: PROVINCE.name, kind: 'province' }).onConflictDoNothing();
  const [province] = await db.select().from(tenants).where(sql`${tenants.code} = ${PROVINCE.code}`);
  await db
    .insert(tenants)
    .values(CITIES.map((c) => ({ code: c.code, name: `${c.city}市应急管理局`, kind: 'city' as const, parentId: province.id })))
    .onConflictDoNothing();
  const all = await db.select({ id: tenants.id, code: tenants.code }).from(tenants);
  return new Map(all.map((t) => [t.code, t.id]));
}
