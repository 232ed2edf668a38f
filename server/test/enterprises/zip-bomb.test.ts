// Issue 12 item 6: an uploaded .xlsx that is a decompression bomb is refused with a clear Chinese 400
// on field `file` before anything parses it, whether its declared sizes are honest (over the limits)
// or lie (the actual inflated bytes are counted and stop at the declared size); nothing is stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { checkZipArchive, ZIP_LIMITS, ZipRefused, zipDirectory } from '../../src/lib/zip-guard.ts';
import { FileProblem, readWorkbook } from '../../src/modules/enterprises/enterprises.excel.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUser } from '../helpers/factory.ts';
import { sampleXlsx } from '../helpers/files.ts';
import { multipart, randomUscc, type SheetRow, workbook } from './fixtures.ts';

const row = (over: SheetRow = {}): SheetRow => ({
  name: `压缩检查企业${Math.random().toString(36).slice(2, 8)}有限公司`,
  uscc: randomUscc('370102'),
  region: '370102 济南市历下区',
  sector: '危险化学品',
  ownership: '民营',
  size: '中型',
  ...over,
});

type ZipEntry = { name: string; data: Buffer; method?: 0 | 8; size?: number; declaredSize?: number; crc?: number };

/** A zip of these entries; `declaredSize` overrides the size written in both headers (a lie). */
function zip(entries: ZipEntry[], opts: { hiddenBefore?: ZipEntry } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const local = (e: ZipEntry) => {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(e.method ?? 8, 8);
    h.writeUInt32LE(e.crc ?? 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.declaredSize ?? e.size ?? e.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name, e.data]);
  };
  if (opts.hiddenBefore) {
    const b = local(opts.hiddenBefore);
    locals.push(b);
    offset += b.length;
  }
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.method ?? 8, 10);
    c.writeUInt32LE(e.crc ?? 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.declaredSize ?? e.size ?? e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([c, name]));
    const b = local(e);
    locals.push(b);
    offset += b.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `mb` MB of one repeated XML row, deflated by streaming (the test never holds the expanded bytes). */
async function deflatedXml(mb: number): Promise<{ data: Buffer; size: number; crc: number }> {
  const chunk = Buffer.from('<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>'.repeat(16_384).slice(0, 1024 * 1024));
  const out: Buffer[] = [];
  const d = zlib.createDeflateRaw({ level: 9 });
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => d.on('end', r));
  let crc = 0;
  for (let i = 0; i < mb; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!d.write(chunk)) await new Promise((r) => d.once('drain', r));
  }
  d.end();
  await done;
  return { data: Buffer.concat(out), size: mb * 1024 * 1024, crc };
}

const small = (name: string, text = '<x/>') => ({ name, data: zlib.deflateRawSync(text), size: Buffer.byteLength(text), crc: zlib.crc32(text) });
const refusal = async (buf: Buffer) => {
  try {
    await checkZipArchive(buf);
  } catch (err) {
    assert.ok(err instanceof ZipRefused, String(err));
    return err.message;
  }
  return null;
};

test('issue 12 item 6: real workbooks pass the archive check (template, 50 rows, sample file)', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => row({ name: `正常企业${i}有限公司` }));
  for (const buf of [await workbook(rows), await sampleXlsx()]) {
    const r = await checkZipArchive(buf);
    assert.ok(r.entries > 3 && r.inflatedBytes > buf.length);
  }
});

test('issue 12 item 6: a bomb with honest sizes (300 MB from a few hundred KB) is refused by its directory, before inflating', async () => {
  const bomb = await deflatedXml(300);
  const file = zip([small('[Content_Types].xml'), small('xl/workbook.xml'), { name: 'xl/worksheets/sheet1.xml', ...bomb }]);
  assert.ok(file.length < 1024 * 1024, `bomb is ${file.length} bytes`);
  const started = performance.now();
  assert.throws(() => zipDirectory(file), ZipRefused);
  assert.match((await refusal(file))!, /解压后过大|压缩比异常/);
  assert.ok(performance.now() - started < 500, 'answered from the directory, without inflating 300 MB');
  // Under the total limit but over the ratio: 20 MB from ~20 KB.
  const dense = await deflatedXml(20);
  const msg = await refusal(zip([small('[Content_Types].xml'), { name: 'xl/worksheets/sheet1.xml', ...dense }]));
  assert.match(msg!, /^文件中“xl\/worksheets\/sheet1\.xml”的压缩比异常（\d+倍），疑似压缩炸弹，已拒绝$/);
});

test('issue 12 item 6: a bomb whose declared sizes lie is refused after inflating no more than it declared', async () => {
  const bomb = await deflatedXml(300);
  const liar = zip([small('[Content_Types].xml'), { name: 'xl/worksheets/sheet1.xml', ...bomb, declaredSize: 10_000 }]);
  assert.doesNotThrow(() => zipDirectory(liar), 'the directory alone looks harmless');
  const started = performance.now();
  assert.equal(await refusal(liar), '文件的实际内容与其声明的大小不符（文件可能已损坏或被篡改），已拒绝');
  // Inflating all 300 MB takes seconds; stopping at 10 KB is immediate.
  assert.ok(performance.now() - started < 300, `took ${performance.now() - started} ms`);
  // Smaller than declared is refused too (a zip that lies either way is not a workbook we read).
  const shrunk = small('xl/worksheets/sheet1.xml', '<sheet/>');
  assert.match((await refusal(zip([{ ...shrunk, declaredSize: 100 }])))!, /声明的大小不符/);
});

test('issue 12 item 6: too many entries, hidden local entries, encryption, ZIP64 and garbage are refused', async () => {
  const many = zip(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => small(`xl/media/${i}.xml`)));
  assert.equal(await refusal(many), `文件包含的条目过多（${ZIP_LIMITS.maxEntries + 1}个，上限${ZIP_LIMITS.maxEntries}个），不是正常的 Excel 工作簿`);
  // An entry a streaming reader would inflate although the directory does not list it.
  const hidden = zip([small('[Content_Types].xml')], { hiddenBefore: { name: 'xl/worksheets/sheet2.xml', ...(await deflatedXml(50)) } });
  assert.match((await refusal(hidden))!, /压缩结构无法读取/);
  const enc = zip([small('[Content_Types].xml')]);
  enc.writeUInt16LE(0x0801, enc.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
  assert.equal(await refusal(enc), '文件已加密，请在 Excel 中取消密码保护后再上传');
  const z64 = zip([small('[Content_Types].xml')]);
  z64.writeUInt32LE(0xffffffff, z64.length - 6);
  assert.match((await refusal(z64))!, /ZIP64/);
  for (const junk of [Buffer.from('PK\u0003\u0004 not really a zip'), Buffer.alloc(10), Buffer.concat([zip([small('a')]).subarray(0, 40), Buffer.alloc(30)])]) {
    assert.match((await refusal(junk))!, /压缩结构无法读取/);
  }
});

test('issue 12 item 6: upload of a bomb → 400 on field file, no job stored; the job path refuses it too', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const intake = await createUser(db, province.id, { roles: ['intake'] });
  const jobs = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM import_jobs WHERE tenant_id = ${province.id}`))[0].n;
  const bomb = await deflatedXml(300);
  for (const file of [
    zip([small('[Content_Types].xml'), { name: 'xl/worksheets/sheet1.xml', ...bomb }]),
    zip([small('[Content_Types].xml'), { name: 'xl/worksheets/sheet1.xml', ...bomb, declaredSize: 4096 }]),
  ]) {
    const r = await call(app, intake, { method: 'POST', url: '/api/enterprise-imports', ...multipart(file) });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().error.fields.file, /解压后过大|压缩比异常|声明的大小不符/);
    assert.equal(r.json().error.message, r.json().error.fields.file);
    await assert.rejects(readWorkbook(file), FileProblem);
  }
  assert.equal(await jobs(), 0);
  // A sound workbook is still accepted.
  const ok = await call(app, intake, { method: 'POST', url: '/api/enterprise-imports', ...multipart(await workbook([row()])) });
  assert.equal(ok.statusCode, 202, ok.body);
});

test('issue 12 item 6: rows are streamed with the same file rules — hidden sheets skipped, the named sheet wins, dates read, merges found, row limit', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const { COLUMNS, SHEET_NAME } = await import('../../src/modules/enterprises/enterprises.excel.ts');
  const book = async (sheets: { name: string; hidden?: boolean; rows: SheetRow[]; merge?: string }[]) => {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
      ws.addRow(COLUMNS.map((c) => c.header));
      for (const r of s.rows) ws.addRow(COLUMNS.map((c) => r[c.key] ?? null));
      if (s.merge) ws.mergeCells(s.merge);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const a = row({ name: '甲企业有限公司' });
  const b = row({ name: '乙企业有限公司' });
  // A visible candidate first, the named sheet later: the named one is read.
  const r1 = await readWorkbook(
    await book([
      { name: '草稿', rows: [a] },
      { name: SHEET_NAME, rows: [b] },
    ]),
  );
  assert.deepEqual([r1.sheet, r1.rows.map((x) => x.cells.name)], [SHEET_NAME, ['乙企业有限公司']]);
  // A hidden named sheet is not read; the visible candidate is.
  const r2 = await readWorkbook(
    await book([
      { name: SHEET_NAME, hidden: true, rows: [b] },
      { name: '数据', rows: [a] },
    ]),
  );
  assert.deepEqual([r2.sheet, r2.rows.map((x) => x.cells.name)], ['数据', ['甲企业有限公司']]);
  // Dates come out as YYYY-MM-DD; numbers as text.
  const r3 = await readWorkbook(await book([{ name: SHEET_NAME, rows: [row({ address: new Date(Date.UTC(2026, 0, 5)) as unknown as string, tags: 12345 })] }]));
  assert.equal(r3.rows[0].cells.address, '2026-01-05');
  assert.equal(r3.rows[0].cells.tags, '12345');
  // A merge after 3,000 rows (well past the first inflated chunk) is found.
  const many = Array.from({ length: 3000 }, (_, i) => row({ name: `企业${i}有限公司` }));
  await assert.rejects(readWorkbook(await book([{ name: SHEET_NAME, rows: many, merge: 'L2900:L2901' }])), /含合并单元格（L2900:L2901）/);
  // Over the row limit: refused, with the count.
  await assert.rejects(readWorkbook(await book([{ name: SHEET_NAME, rows: many }]), 2999), /数据行数（3000行）超过上限 2999 行/);
  assert.equal((await readWorkbook(await book([{ name: SHEET_NAME, rows: many }]), 3000)).rows.length, 3000);
});

test('issue 12 item 6: the rows are read without a temporary file, so a workbook refused part-way leaves none behind', async () => {
  // Excel and exceljs store the sheets before the shared strings; exceljs's streaming reader copies
  // such a sheet to a temporary file (named tmp-<pid>-…) and, when reading stops early, never removes
  // it nor closes its descriptor. The reader is given the sheets last instead.
  const ours = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
  const before = ours();
  const missing = await workbook([row()], { headers: ['企业名称', '统一社会信用代码', '所属区县', '行业'] });
  const stored = zipDirectory(missing).map((e) => e.name);
  assert.ok(stored.indexOf('xl/worksheets/sheet1.xml') < stored.indexOf('xl/sharedStrings.xml'), 'the fixture stores its sheet first');
  for (let i = 0; i < 3; i++) await assert.rejects(readWorkbook(missing), /缺少必填列：经济类型、企业规模/);
  assert.equal(ours() - before, 0);
  // A whole workbook still reads to its end.
  const good = await readWorkbook(await workbook([row({ name: '顺序企业有限公司' })]));
  assert.deepEqual(
    good.rows.map((r) => r.cells.name),
    ['顺序企业有限公司'],
  );
  assert.equal(ours() - before, 0);
});
