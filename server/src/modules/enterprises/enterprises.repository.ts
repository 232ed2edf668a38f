import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { enterprises, importJobs, units } from '../../db/schema.ts';
import { countiesOf, isCityCode } from '../../domain/regions/index.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseListRow = EnterpriseRow & { unitName: string | null };

export type EnterpriseFilter = {
  tenantId: string;
  q?: string;
  sector?: string;
  subSector?: string;
  /** A county code, or a city code meaning all of its counties. */
  region?: string;
  size?: string;
  ownership?: string;
  struggling?: boolean;
  supervisingUnitId?: string;
  status?: string;
  tag?: string;
  includeArchived?: boolean;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: EnterpriseFilter): SQL | undefined {
  const q = f.q?.trim();
  let region: SQL | undefined;
  if (f.region) {
    region = isCityCode(f.region)
      ? inArray(enterprises.regionCode, countiesOf(f.region).map((c) => c.code).concat(f.region))
      : eq(enterprises.regionCode, f.region);
  }
  // Keyword: Chinese substring of the name (pg_trgm GIN index serves ILIKE '%…%'); a keyword that
  // looks like the start of a USCC also matches the code.
  let keyword: SQL | undefined;
  if (q) {
    const byName = ilike(enterprises.name, `%${escapeLike(q)}%`);
    keyword = /^[0-9A-Za-z]{4,18}$/.test(q) ? or(byName, sql`${enterprises.uscc} LIKE ${escapeLike(q.toUpperCase()) + '%'}`) : byName;
  }
  return and(
    eq(enterprises.tenantId, f.tenantId),
    f.includeArchived ? undefined : eq(enterprises.archived, false),
    keyword,
    f.sector ? eq(enterprises.sector, f.sector) : undefined,
    f.subSector ? eq(enterprises.subSector, f.subSector) : undefined,
    region,
    f.size ? eq(enterprises.size, f.size) : undefined,
    f.ownership ? eq(enterprises.ownership, f.ownership) : undefined,
    f.struggling === undefined ? undefined : eq(enterprises.struggling, f.struggling),
    f.supervisingUnitId ? eq(enterprises.supervisingUnitId, f.supervisingUnitId) : undefined,
    f.status ? eq(enterprises.status, f.status) : undefined,
    f.tag ? sql`${f.tag} = ANY(${enterprises.tags})` : undefined,
  );
}

export async function listEnterprises(db: DbOrTx, f: EnterpriseFilter, page: { limit: number; offset: number }) {
  const w = where(f);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ e: enterprises, unitName: units.name })
      .from(enterprises)
      .leftJoin(units, eq(units.id, enterprises.supervisingUnitId))
      .where(w)
      // NULLS LAST matches enterprises_tenant_created_idx (drizzle's DESC index is NULLS LAST).
      .orderBy(sql`${enterprises.createdAt} DESC NULLS LAST`, asc(enterprises.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(enterprises).where(w),
  ]);
  return { items: rows.map((r) => ({ ...r.e, unitName: r.unitName })), total };
}

export async function getEnterprise(db: DbOrTx, tenantId: string, id: string): Promise<EnterpriseListRow | null> {
  const [r] = await db
    .select({ e: enterprises, unitName: units.name })
    .from(enterprises)
    .leftJoin(units, eq(units.id, enterprises.supervisingUnitId))
    .where(and(eq(enterprises.id, id), eq(enterprises.tenantId, tenantId)));
  return r ? { ...r.e, unitName: r.unitName } : null;
}

export async function findByUscc(db: DbOrTx, tenantId: string, uscc: string) {
  const [r] = await db.select().from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.uscc, uscc)));
  return r ?? null;
}

/** Existing records of the tenant among these USCCs (import preview). */
export async function findByUsccs(db: DbOrTx, tenantId: string, usccList: string[]) {
  if (usccList.length === 0) return [];
  return queryRows<{
    id: string;
    uscc: string;
    name: string;
    region_code: string;
    sector: string;
    sub_sector: string | null;
    ownership: string;
    size: string;
    struggling: boolean;
    struggling_reason: string | null;
    supervising_unit_id: string | null;
    address: string | null;
    status: string;
    tags: string[];
    contacts: { name: string; post: string | null; mobile: string | null; landline: string | null }[];
    archived: boolean;
  }>(
    db,
    sql`SELECT e.id, e.uscc, e.name, e.region_code, e.sector, e.sub_sector, e.ownership, e.size, e.struggling,
               e.struggling_reason, e.supervising_unit_id, e.address, e.status, e.tags, e.contacts, e.archived
          FROM enterprises e
          JOIN jsonb_array_elements_text(${JSON.stringify(usccList)}::jsonb) AS u(code) ON u.code = e.uscc
         WHERE e.tenant_id = ${tenantId}`,
  );
}

export async function insertEnterprise(db: DbOrTx, values: typeof enterprises.$inferInsert) {
  const [row] = await db.insert(enterprises).values(values).returning();
  return row;
}

export async function activeUnits(db: DbOrTx, tenantId: string) {
  return db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.archived, false)))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

// ---- import jobs ----

export type ImportJobRow = typeof importJobs.$inferSelect;

export async function insertJob(db: DbOrTx, values: typeof importJobs.$inferInsert) {
  const [row] = await db.insert(importJobs).values(values).returning({ id: importJobs.id });
  return row.id;
}

/** A job without its bulky columns (file, rows). */
export async function getJob(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select({
      id: importJobs.id,
      tenantId: importJobs.tenantId,
      fileName: importJobs.fileName,
      status: importJobs.status,
      onExisting: importJobs.onExisting,
      errors: importJobs.errors,
      changes: importJobs.changes,
      summary: importJobs.summary,
      message: importJobs.message,
      progress: importJobs.progress,
      total: importJobs.total,
      createdByName: importJobs.createdByName,
      createdAt: importJobs.createdAt,
      finishedAt: importJobs.finishedAt,
    })
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.tenantId, tenantId)));
  return r ?? null;
}

export async function listJobs(db: DbOrTx, tenantId: string, limit: number) {
  return db
    .select({
      id: importJobs.id,
      fileName: importJobs.fileName,
      status: importJobs.status,
      summary: importJobs.summary,
      message: importJobs.message,
      progress: importJobs.progress,
      total: importJobs.total,
      createdByName: importJobs.createdByName,
      createdAt: importJobs.createdAt,
      finishedAt: importJobs.finishedAt,
    })
    .from(importJobs)
    .where(eq(importJobs.tenantId, tenantId))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
}
