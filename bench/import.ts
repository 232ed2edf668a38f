// Enterprise import of 50,000 rows: the worker's steps (read + validate the .xlsx, then write in one
// transaction) against the raw baseline — the same rows inserted in one jsonb_to_recordset statement.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../server/src/db/client.ts';
import { tenants, units } from '../server/src/db/schema.ts';
import { countiesOf } from '../server/src/domain/regions/index.ts';
import { generateUscc } from '../server/src/domain/uscc.ts';
import { COLUMNS, SHEET_NAME } from '../server/src/modules/enterprises/enterprises.excel.ts';
import { analyse, commitRows } from '../server/src/modules/enterprises/enterprises.import.ts';
import { stream } from '../server/src/seed/gen/random.ts';
import { importMemoryRows } from './import-memory.ts';
import type { Row } from './lib.ts';

async function tenant(db: Db) {
  const code = `I${crypto.randomBytes(4).toString('hex')}`;
  const [t] = await db
    .insert(tenants)
    .values({ code, name: `导入基准${code}`, kind: 'province' })
    .returning();
  await db.insert(units).values({ tenantId: t.id, name: '危险化学品安全监督管理处', kind: 'business', sectors: ['hazchem'] });
  return t.id;
}

export async function importScenario(db: Db, label: string, n: number): Promise<Row[]> {
  const r = stream(50_000, 'import');
  const counties = ['370100', '370200', '370300', '370600', '370700', '371300'].flatMap((c) => countiesOf(c).map((x) => x.code));
  const words = ['化工', '机械', '矿业', '钢铁', '纺织', '建材', '食品', '物流'];
  const rows = Array.from({ length: n }, (_, i) => {
    const w = words[i % words.length];
    const county = counties[i % counties.length];
    return { name: `基准${w}企业${i}有限公司`, uscc: generateUscc(r, { regionCode: county }), county, w, mobile: `138${String(i).padStart(8, '0')}`, i };
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(COLUMNS.map((c) => c.header));
  for (const x of rows) {
    const industry = !['化工', '矿业'].includes(x.w);
    ws.addRow([
      x.name,
      x.uscc,
      x.county,
      industry ? '工贸' : x.w === '化工' ? '危险化学品' : '非煤矿山',
      industry ? '机械' : '',
      '民营',
      '中型',
      '在营',
      '否',
      '',
      '危险化学品安全监督管理处',
      `某市某区某路${x.i}号`,
      '重点企业',
      '张三',
      '安全总监',
      x.mobile,
      '0531-86081234',
    ]);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());

  const appTenant = await tenant(db);
  const t0 = performance.now();
  const { valid, errors } = await analyse(db, appTenant, file);
  const t1 = performance.now();
  if (errors.length) throw new Error(`import: unexpected bad rows ${JSON.stringify(errors.slice(0, 3))}`);
  const counts = await db.transaction((tx) =>
    commitRows(tx, valid, 'skip', { tenantId: appTenant, actorId: null, actorName: '基准测试', ip: null, requestId: null, jobId: 'bench' }),
  );
  const t2 = performance.now();
  if (counts.inserted !== n) throw new Error(`import inserted ${counts.inserted}`);

  const rawTenant = await tenant(db);
  const b0 = performance.now();
  await db.execute(sql`
    INSERT INTO enterprises (tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, address, tags, contacts)
    SELECT ${rawTenant}, name, uscc, county, CASE WHEN w = '化工' THEN 'hazchem' WHEN w = '矿业' THEN 'mining' ELSE 'industry' END,
      CASE WHEN w NOT IN ('化工', '矿业') THEN 'machinery' END, 'private', 'medium', '某市某区某路' || i || '号', ARRAY['重点企业'],
      jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'name', '张三', 'post', '安全总监', 'mobile', mobile, 'landline', '0531-86081234'))
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(name text, uscc text, county text, w text, mobile text, i int)`);
  const baseMs = performance.now() - b0;
  const total = t2 - t0;
  return [
    {
      scenario: `enterprise import, ${n.toLocaleString('en-US')} rows (.xlsx)`,
      database: label,
      p50: total,
      throughput: n / (total / 1000),
      unit: 'rows/s',
      baseline: `${Math.round(baseMs).toLocaleString('en-US')} ms (1 INSERT)`,
      ratio: `${(total / baseMs).toFixed(1)}×`,
      target: '—',
      ok: null,
      note: `read + validate ${((t1 - t0) / 1000).toFixed(1)} s, write ${((t2 - t1) / 1000).toFixed(1)} s (file ${(file.length / 1e6).toFixed(1)} MB)`,
    },
    // Issue 12 item 6: peak memory of reading the same file (new processes; the database plays no part).
    ...importMemoryRows(file, label, n),
  ];
}
