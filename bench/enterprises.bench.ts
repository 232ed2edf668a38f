// Enterprise registry benchmark (capability 2). Not a test: prints a table.
//   node bench/enterprises.bench.ts                      — embedded PGlite (in memory)
//   DATABASE_URL=postgres://… node bench/enterprises.bench.ts — a PostgreSQL server
// 1. Excel import of 50,000 rows: build the .xlsx, read + validate (the worker's step 1), write in
//    one transaction via jsonb_to_recordset (step 2); wall time and peak RSS.
// 2. 100,000 enterprises in one tenant (bulk-generated with generate_series): p50/p95 of the list
//    query, filtered lists and Chinese keyword search (ILIKE '%…%' on the pg_trgm GIN index).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openDatabase, queryRows } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { tenants, units } from '../server/src/db/schema.ts';
import { generateUscc } from '../server/src/domain/uscc.ts';
import { COLUMNS, SHEET_NAME } from '../server/src/modules/enterprises/enterprises.excel.ts';
import { analyse, commitRows } from '../server/src/modules/enterprises/enterprises.import.ts';
import { listEnterprises } from '../server/src/modules/enterprises/enterprises.repository.ts';
import { seededRng } from '../server/src/seed/demo-enterprises.ts';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const LIST_ROWS = Number(process.env.BENCH_LIST_ROWS ?? 100_000);
const ITER = Number(process.env.BENCH_ITER ?? 40);

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, poolMax: 4 });
await migrate(database);
const db = database.db;
const mode = database.kind === 'pglite' ? 'PGlite (embedded, in memory)' : 'PostgreSQL server';

async function tenant(kind: 'province' | 'city') {
  const code = `B${crypto.randomBytes(4).toString('hex')}`;
  const [t] = await db
    .insert(tenants)
    .values({ code, name: `基准测试${code}`, kind })
    .returning();
  const [u] = await db
    .insert(units)
    .values({ tenantId: t.id, name: '危险化学品安全监督管理处', kind: 'business', sectors: ['hazchem'] })
    .returning();
  return { id: t.id, unit: u };
}

// ---- peak memory sampler ----
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const resetPeak = () => {
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  return peakRss;
};

const results: Record<string, Record<string, string>> = {};

// ---------------------------------------------------------------- 1. import of 50,000 rows
{
  const t = await tenant('province');
  const rng = seededRng(50_000);
  const counties = [
    '370102',
    '370211',
    '370303',
    '370402',
    '370502',
    '370602',
    '370702',
    '370811',
    '370902',
    '371002',
    '371102',
    '371302',
    '371402',
    '371502',
    '371602',
    '371702',
  ];
  const words = ['化工', '机械', '矿业', '钢铁', '纺织', '建材', '食品', '物流'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(COLUMNS.map((c) => c.header));
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const county = counties[i % counties.length];
    const w = words[i % words.length];
    const industry = !['化工', '矿业'].includes(w);
    ws.addRow([
      `基准${w}企业${i}有限公司`,
      generateUscc(rng, { regionCode: county }),
      county,
      industry ? '工贸' : w === '化工' ? '危险化学品' : '非煤矿山',
      industry ? '机械' : '',
      '民营',
      '中型',
      '在营',
      '否',
      '',
      '危险化学品安全监督管理处',
      `某市某区某路${i}号`,
      '重点企业',
      '张三',
      '安全总监',
      `138${String(i).padStart(8, '0')}`,
      '0531-86081234',
    ]);
  }
  const buildStart = performance.now();
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const buildMs = performance.now() - buildStart;

  const base = resetPeak();
  const t0 = performance.now();
  const { valid, errors } = await analyse(db, t.id, file);
  const t1 = performance.now();
  const validatePeak = peakRss;
  if (errors.length) throw new Error(`unexpected bad rows: ${JSON.stringify(errors.slice(0, 3))}`);
  const counts = await db.transaction((tx) =>
    commitRows(tx, valid, 'skip', { tenantId: t.id, actorId: null, actorName: '基准测试', ip: null, requestId: null, jobId: 'bench' }),
  );
  const t2 = performance.now();
  if (counts.inserted !== IMPORT_ROWS) throw new Error(`inserted ${counts.inserted}`);
  // The same file again with "update": every row exists, nothing changes (diff + no-op update).
  const again = await analyse(db, t.id, file);
  const t3 = performance.now();
  const upd = await db.transaction((tx) =>
    commitRows(tx, again.valid, 'update', { tenantId: t.id, actorId: null, actorName: '基准测试', ip: null, requestId: null, jobId: 'bench' }),
  );
  const t4 = performance.now();
  results[`import ${IMPORT_ROWS.toLocaleString('en-US')} rows`] = {
    'file size': mb(file.length),
    'read+validate': `${((t1 - t0) / 1000).toFixed(1)} s`,
    'write (1 tx)': `${((t2 - t1) / 1000).toFixed(1)} s`,
    total: `${((t2 - t0) / 1000).toFixed(1)} s`,
    'rows/s': Math.round(IMPORT_ROWS / ((t2 - t0) / 1000)).toLocaleString('en-US'),
    'peak RSS': `${mb(Math.max(validatePeak, peakRss))} (+${mb(Math.max(validatePeak, peakRss) - base)})`,
  };
  results[`re-import, update mode (${upd.unchanged.toLocaleString('en-US')} unchanged)`] = {
    'read+validate': `${((t3 - t2) / 1000).toFixed(1)} s`,
    'write (1 tx)': `${((t4 - t3) / 1000).toFixed(1)} s`,
    total: `${((t4 - t2) / 1000).toFixed(1)} s`,
  };
  console.error(`(xlsx of ${IMPORT_ROWS} rows built in ${(buildMs / 1000).toFixed(1)} s)`);
}

// ---------------------------------------------------------------- 2. list and search over 100,000
{
  const t = await tenant('province');
  const g0 = performance.now();
  await db.execute(sql`
    INSERT INTO enterprises (tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, struggling, supervising_unit_id, status, tags, contacts, created_at)
    SELECT ${t.id},
           (ARRAY['鲁','齐','泰','华','恒','宏','金','信','盛','瑞','海','天','东','润','汇','鼎'])[1 + i % 16]
             || (ARRAY['丰','达','源','通','安','元','利','晟','发','辉','星','力','诚','嘉','茂','康','顺'])[1 + (i / 16) % 17]
             || (ARRAY['化工','精细化工','矿业','钢铁','机械','纺织','建材','食品','物流','铝业'])[1 + (i / 272) % 10]
             || (ARRAY['有限公司','股份有限公司','集团有限公司'])[1 + i % 3] || i,
           'B' || lpad(i::text, 17, '0'),
           (ARRAY['370102','370211','370303','370402','370502','370602','370702','370811','370902','371002','371102','371302','371402','371502','371602','371702'])[1 + (i / 7) % 16],
           (ARRAY['hazchem','mining','industry'])[1 + i % 3],
           CASE WHEN i % 3 = 2 THEN (ARRAY['metallurgy','nonferrous','building','machinery','light','textile','tobacco','commerce'])[1 + (i / 3) % 8] END,
           (ARRAY['state','private','foreign','hmt','collective','other'])[1 + (i / 5) % 6],
           (ARRAY['large','medium','small','micro'])[1 + (i / 11) % 4],
           i % 17 = 0,
           CASE WHEN i % 4 = 0 THEN ${t.unit.id}::uuid END,
           CASE WHEN i % 29 = 0 THEN 'suspended' ELSE 'operating' END,
           '{}'::text[],
           jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'name', '张三', 'post', '经理', 'mobile', '138' || lpad(i::text, 8, '0'), 'landline', null)),
           now() - (i || ' seconds')::interval
      FROM generate_series(1, ${LIST_ROWS}) AS i`);
  await db.execute(sql`ANALYZE enterprises`);
  const genMs = performance.now() - g0;

  const f = { tenantId: t.id };
  const cases: [string, Parameters<typeof listEnterprises>[1], number][] = [
    ['list, page 1 (20 rows + count)', f, 0],
    ['list, page 200', f, 199 * 20],
    ['filter: sector + city', { ...f, sector: 'industry', region: '370200' }, 0],
    ['filter: struggling + size + unit', { ...f, struggling: true, size: 'small', supervisingUnitId: t.unit.id }, 0],
    ['keyword “化工” (common, ~20%)', { ...f, q: '化工' }, 0],
    ['keyword “鲁丰精细” (rare)', { ...f, q: '鲁丰精细' }, 0],
    ['keyword “集团有限公司9999” (1 hit)', { ...f, q: '集团有限公司9999' }, 0],
    ['keyword “不存在的名字” (0 hits)', { ...f, q: '不存在的名字' }, 0],
    ['keyword + sector filter', { ...f, q: '机械', sector: 'industry' }, 0],
  ];
  const pct = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
  for (const [name, filter, offset] of cases) {
    for (let i = 0; i < 3; i++) await listEnterprises(db, filter, { limit: 20, offset });
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < ITER; i++) {
      const s = performance.now();
      const r = await listEnterprises(db, filter, { limit: 20, offset });
      times.push(performance.now() - s);
      total = r.total;
    }
    times.sort((a, b) => a - b);
    results[`${LIST_ROWS.toLocaleString('en-US')}: ${name}`] = {
      hits: total.toLocaleString('en-US'),
      p50: `${pct(times, 50).toFixed(1)} ms`,
      p95: `${pct(times, 95).toFixed(1)} ms`,
    };
  }
  const [plan] = await queryRows<{ 'QUERY PLAN': string }>(
    db,
    sql`EXPLAIN SELECT count(*) FROM enterprises WHERE tenant_id = ${t.id} AND name ILIKE '%鲁丰精细%'`,
  );
  console.error(`(generated ${LIST_ROWS} rows in ${(genMs / 1000).toFixed(1)} s; rare-keyword plan starts: ${plan['QUERY PLAN']})`);
}

clearInterval(sampler);
console.log(`\nEnterprise registry benchmark — ${mode}, Node ${process.version}\n`);
console.table(results);
await database.close();
