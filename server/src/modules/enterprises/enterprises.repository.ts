import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { enterprises, importJobs, units } from '../../db/schema.ts';
import { countiesOf, isCityCode } from '../../domain/regions/index.ts';
import type { EnterpriseSize, EnterpriseStatus, Ownership, Sector, SubSector } from '../../../../shared/enterprises.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseListRow = EnterpriseRow & { unitName: string | null };

export type EnterpriseFilter = {
  tenantId: string;
  q?: string;
  sector?: Sector;
  subSector?: SubSector;
  /** A county code, or a city code meaning all of its counties. */
  region?: string;
  size?: EnterpriseSize;
  ownership?: Ownership;
  struggling?: boolean;
  supervisingUnitId?: string;
  status?: EnterpriseStatus;
  tag?: string;
  includeArchived?: boolean;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: EnterpriseFilter): SQL | undefined {
  const q = f.q?.trim();
  let region: SQL | undefined;
  if (f.region) {
    region = isCityCode(f.region)
      ? inArray(
          enterprises.regionCode,
          countiesOf(f.region)
            .map((c) => c.code)
            .concat(f.region),
        )
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
  const [r] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.uscc, uscc)));
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

/** What an appeal snapshots of a registry enterprise (intake), or null. */
export async function enterpriseById(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      sector: enterprises.sector,
      archived: enterprises.archived,
      supervisingUnitId: enterprises.supervisingUnitId,
    })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), eq(enterprises.tenantId, tenantId)));
  return r ?? null;
}

export type RegistryMatch = {
  id: string;
  name: string;
  uscc: string;
  archived: boolean;
  status: string;
  regionCode: string;
  address: string | null;
  supervisingUnitName: string | null;
};

/** The registry record with this USCC in the tenant, with its supervising unit (intake's check of a portal registration). */
export async function registryMatch(db: DbOrTx, tenantId: string, uscc: string): Promise<RegistryMatch | null> {
  const [r] = await queryRows<RegistryMatch>(
    db,
    sql`
    SELECT e.id, e.name, e.uscc, e.archived, e.status, e.region_code AS "regionCode", e.address,
           u.name AS "supervisingUnitName"
    FROM enterprises e LEFT JOIN units u ON u.id = e.supervising_unit_id
    WHERE e.tenant_id = ${tenantId} AND e.uscc = ${uscc}`,
  );
  return r ?? null;
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

/** R2.2 the profile of the enterprises chosen for research: sector, size, ownership, struggling (active registry rows only). */
export async function enterpriseProfiles(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      sector: enterprises.sector,
      size: enterprises.size,
      ownership: enterprises.ownership,
      struggling: enterprises.struggling,
    })
    .from(enterprises)
    .where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.archived, false), inArray(enterprises.id, [...ids])));
}

/** R2.2 the registry's make-up beside which research coverage is shown: counts by sector, size, ownership, and struggling. */
export async function registryComposition(db: DbOrTx, tenantId: string) {
  const rows = await queryRows<{ dim: string; key: string; n: number }>(
    db,
    sql`
    SELECT 'sector' AS dim, sector AS key, count(*)::int AS n FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived GROUP BY sector
    UNION ALL SELECT 'size', size, count(*)::int FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived GROUP BY size
    UNION ALL SELECT 'ownership', ownership, count(*)::int FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived GROUP BY ownership
    UNION ALL SELECT 'struggling', struggling::text, count(*)::int FROM enterprises WHERE tenant_id = ${tenantId} AND NOT archived GROUP BY struggling`,
  );
  return rows;
}

/**
 * R2.5 the enterprises asked in a consultation round: active registry enterprises of the tenant by
 * sector, region (a county, or a city with its counties) and size; an empty list means any.
 */
export async function enterprisesMatching(db: DbOrTx, tenantId: string, c: { sectors: string[]; regions: string[]; sizes: string[] }, limit = 500) {
  const regionCodes = c.regions.flatMap((r) => (isCityCode(r) ? [r, ...countiesOf(r).map((x) => x.code)] : [r]));
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.tenantId, tenantId),
        eq(enterprises.archived, false),
        c.sectors.length ? inArray(enterprises.sector, c.sectors as Sector[]) : undefined,
        regionCodes.length ? inArray(enterprises.regionCode, regionCodes) : undefined,
        c.sizes.length ? inArray(enterprises.size, c.sizes as EnterpriseSize[]) : undefined,
      ),
    )
    .orderBy(asc(enterprises.name))
    .limit(limit);
}

export type SurveyPopulationRow = {
  id: string;
  name: string;
  regionCode: string;
  sector: Sector;
  size: EnterpriseSize;
  supervisingUnitId: string | null;
  /** The first contact's mobile, for the survey SMS. */
  mobile: string | null;
};

/** R7.3 the survey's population: the tenant's operating, non-archived enterprises. */
export async function surveyPopulation(db: DbOrTx, tenantId: string): Promise<SurveyPopulationRow[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    region_code: string;
    sector: Sector;
    size: EnterpriseSize;
    supervising_unit_id: string | null;
    mobile: string | null;
  }>(
    db,
    sql`
    SELECT e.id, e.name, e.region_code, e.sector, e.size, e.supervising_unit_id,
      (SELECT c->>'mobile' FROM jsonb_array_elements(e.contacts) c WHERE coalesce(c->>'mobile', '') <> '' LIMIT 1) AS mobile
    FROM enterprises e WHERE e.tenant_id = ${tenantId} AND NOT e.archived AND e.status = 'operating' ORDER BY e.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    regionCode: r.region_code,
    sector: r.sector,
    size: r.size,
    supervisingUnitId: r.supervising_unit_id,
    mobile: r.mobile,
  }));
}

/** Names (and the first contact mobile) of some enterprises of a tenant. */
export async function enterpriseNamesById(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, { name: string; mobile: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string; mobile: string | null }>(
    db,
    sql`
    SELECT e.id, e.name,
      (SELECT c->>'mobile' FROM jsonb_array_elements(e.contacts) c WHERE coalesce(c->>'mobile', '') <> '' LIMIT 1) AS mobile
    FROM enterprises e WHERE e.tenant_id = ${tenantId} AND e.id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, mobile: r.mobile }]));
}
