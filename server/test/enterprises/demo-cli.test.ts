// Demo enterprises (deterministic, valid) and `zqt enterprises import` (all-or-nothing CLI).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { SUB_SECTORS } from '../../../shared/enterprises.ts';
import { queryRows, sqlArray } from '../../src/db/client.ts';
import { cityOf, isCountyCode } from '../../src/domain/regions/index.ts';
import { checkUscc } from '../../src/domain/uscc.ts';
import { demoEnterprises } from '../../src/seed/demo-enterprises.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { zqt } from '../helpers/cli.ts';
import { testDatabase } from '../helpers/db.ts';
import { randomUscc, workbook } from './fixtures.ts';

test('demo enterprises: ~200, deterministic, valid USCCs of their county, all cities and sectors', () => {
  const a = demoEnterprises();
  assert.deepEqual(demoEnterprises(), a, 'same seed, same data');
  assert.ok(a.length >= 190 && a.length <= 220, `${a.length}`);
  assert.equal(new Set(a.map((e) => e.uscc)).size, a.length);
  assert.equal(new Set(a.map((e) => e.name)).size, a.length);
  for (const e of a) {
    assert.ok(checkUscc(e.uscc).valid, e.uscc);
    assert.equal(e.uscc.slice(2, 8), e.region_code);
    assert.ok(isCountyCode(e.region_code));
    if (e.tenant_code !== '370000') assert.equal(cityOf(e.region_code), e.tenant_code);
    assert.equal(e.sub_sector !== null, e.sector === 'industry');
    for (const c of e.contacts) assert.match(c.mobile, /^1[3-9]\d{9}$/);
  }
  assert.equal(new Set(a.map((e) => cityOf(e.region_code))).size, 16);
  assert.equal(new Set(a.map((e) => e.tenant_code)).size, 17);
  assert.deepEqual(new Set(a.map((e) => e.sector)), new Set(['hazchem', 'mining', 'industry']));
  assert.deepEqual(new Set(a.filter((e) => e.sub_sector).map((e) => e.sub_sector)), new Set(SUB_SECTORS));
});

test('demo data loads the enterprises with their supervising units', async (t) => {
  const d = (await testDatabase()).db;
  if (await demoLoaded(d)) {
    const [{ n }] = await queryRows<{ n: number }>(
      d,
      sql`SELECT count(*)::int AS n FROM enterprises e JOIN tenants t ON t.id = e.tenant_id WHERE t.code = '370000'`,
    );
    if (n === 0) return t.skip('demo data was loaded into this database before the enterprise registry existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(d);
  }
  // The demo's own enterprises only: other test files add theirs to the demo tenants of a shared database.
  const demo = sqlArray(
    demoEnterprises().map((e) => e.uscc),
    'text',
  );
  const rows = await queryRows<{ code: string; n: number; without_unit: number }>(
    d,
    sql`SELECT t.code, count(*)::int AS n, count(*) FILTER (WHERE e.supervising_unit_id IS NULL)::int AS without_unit
          FROM enterprises e JOIN tenants t ON t.id = e.tenant_id
         WHERE t.code ~ '^37[0-9]{4}$' AND e.uscc = ANY(${demo}) GROUP BY t.code`,
  );
  assert.equal(rows.length, 17);
  assert.ok(rows.every((r) => r.without_unit === 0));
  assert.ok(rows.find((r) => r.code === '370000')!.n >= 90);
});

test('zqt enterprises import: validates, prints the bad rows, imports all or nothing; --update-existing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-ent-cli-'));
  const env = { DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  const base = { region: '370102 济南市历下区', sector: '危险化学品', ownership: '民营', size: '中型' };
  const u1 = randomUscc();
  const u2 = randomUscc();
  try {
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(
      bad,
      await workbook([
        { ...base, name: '甲化工有限公司', uscc: u1 },
        { ...base, name: '乙化工有限公司', uscc: 'X' },
      ]),
    );
    const r1 = zqt(['enterprises', 'import', bad, '--tenant', '370000'], env);
    assert.equal(r1.code, 1);
    const o1 = JSON.parse(r1.out);
    assert.equal(o1.imported, false);
    assert.deepEqual(o1.errors, [{ row: 3, column: '统一社会信用代码', message: '统一社会信用代码应为18位，实际为1位' }]);
    assert.match(r1.err, /未导入任何数据/);

    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(
      good,
      await workbook([
        { ...base, name: '甲化工有限公司', uscc: u1 },
        { ...base, name: '丙化工有限公司', uscc: u2 },
      ]),
    );
    const r2 = zqt(['enterprises', 'import', good, '--tenant', '370000'], env);
    assert.equal(r2.code, 0, r2.err);
    assert.deepEqual([JSON.parse(r2.out).imported, JSON.parse(r2.out).inserted], [true, 2]);

    fs.writeFileSync(good, await workbook([{ ...base, name: '甲化工（更名）有限公司', uscc: u1 }]));
    const skip = JSON.parse(zqt(['enterprises', 'import', good, '--tenant', '370000'], env).out);
    assert.deepEqual([skip.inserted, skip.skipped, skip.changes.length], [0, 1, 1]);
    const upd = JSON.parse(zqt(['enterprises', 'import', good, '--tenant', '370000', '--update-existing'], env).out);
    assert.deepEqual([upd.inserted, upd.updated], [0, 1]);

    const partial = zqt(['enterprises', 'import', bad, '--tenant', '370000', '--skip-invalid', '--update-existing'], env);
    assert.equal(partial.code, 0, partial.err);
    assert.equal(JSON.parse(partial.out).updated, 1, '甲 renamed back; the bad row left out');

    const notXlsx = path.join(dir, 'x.csv');
    fs.writeFileSync(notXlsx, 'a,b\n');
    const r3 = zqt(['enterprises', 'import', notXlsx, '--tenant', '370000'], env);
    assert.equal(r3.code, 1);
    assert.match(r3.err, /不是 Excel 工作簿/);
    assert.equal(zqt(['enterprises', 'import', good], env).code, 1, '--tenant is required');
    assert.match(zqt(['enterprises', 'import', good, '--tenant', '999999'], env).err, /不存在/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
