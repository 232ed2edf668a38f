// Enterprise test fixtures (also used by the authorization matrix via helpers/resources.ts).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { enterprises, importJobs, type EnterpriseContact } from '../../src/db/schema.ts';
import { generateUscc } from '../../src/domain/uscc.ts';
import { COLUMNS, SHEET_NAME } from '../../src/modules/enterprises/enterprises.excel.ts';

export const randomUscc = (regionCode = '370102') => generateUscc(() => crypto.randomInt(0, 1 << 30) / (1 << 30), { regionCode });

export async function createEnterprise(db: Db, tenantId: string, opts: Partial<typeof enterprises.$inferInsert> & { contacts?: EnterpriseContact[] } = {}) {
  const [e] = await db
    .insert(enterprises)
    .values({
      tenantId,
      name: `测试企业${crypto.randomBytes(3).toString('hex')}有限公司`,
      uscc: randomUscc(),
      regionCode: '370102',
      sector: 'hazchem',
      ownership: 'private',
      size: 'medium',
      ...opts,
    })
    .returning();
  return e;
}

/** The tenant's oldest unit: the matrix's users belong to it (createScene makes it first). */
export async function firstUnitId(db: Db, tenantId: string) {
  const [u] = await queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE tenant_id = ${tenantId} ORDER BY created_at, id LIMIT 1`);
  return u?.id ?? null;
}

/** Matrix fixture: supervised by the tenant's first unit, so unit roles of that unit may act on it. */
export async function enterpriseFixture(db: Db, tenantId: string) {
  return (await createEnterprise(db, tenantId, { supervisingUnitId: await firstUnitId(db, tenantId) })).id;
}

export async function importJobFixture(db: Db, tenantId: string) {
  const [j] = await db
    .insert(importJobs)
    .values({
      tenantId,
      createdByName: '测试',
      fileName: 'fixture.xlsx',
      status: 'ready',
      rows: [],
      summary: { rows: 0, valid: 0, invalid: 0, newCount: 0, existing: 0, existingChanged: 0 },
    })
    .returning({ id: importJobs.id });
  return j.id;
}

export type SheetRow = Partial<Record<(typeof COLUMNS)[number]['key'], string | number | { formula: string }>>;

/** Builds an .xlsx in the template's layout from rows keyed by column key. */
export async function workbook(rows: SheetRow[], opts: { sheet?: string; headers?: string[]; tweak?: (ws: ExcelJS.Worksheet) => void } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? SHEET_NAME);
  const cols = COLUMNS.filter((c) => !opts.headers || opts.headers.includes(c.header));
  ws.addRow(cols.map((c) => c.header));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? null));
  opts.tweak?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart body with one file field. */
export function multipart(file: Buffer, filename = 'enterprises.xlsx', contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const boundary = `----zqt${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const HOUSE = '门户测试企业（默认关联）';

/** The tenant's default enterprise for accounts with role 'enterprise' made without an explicit one. */
export async function defaultEnterpriseId(db: Db, tenantId: string): Promise<string> {
  const [e] = await queryRows<{ id: string }>(db, sql`SELECT id FROM enterprises WHERE tenant_id = ${tenantId} AND name = ${HOUSE} LIMIT 1`);
  if (e) return e.id;
  return (await createEnterprise(db, tenantId, { name: HOUSE })).id;
}
