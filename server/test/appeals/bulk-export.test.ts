// Issue 17: 批量派单 (POST /api/appeals/dispatch-batch, R3.2) and the .xlsx export of the filtered list
// (GET /api/appeals/export).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { APPEAL_CATEGORY_LABELS, APPEAL_STATE_LABELS } from '../../../shared/appeals.ts';
import { formatDateTime, formatDeadline } from '../../../shared/format.ts';
import type { AppealSummary } from '../../../shared/api/appeals.ts';
import { auditRows } from '../helpers/factory.ts';
import { exportXlsx } from '../../src/modules/appeals/appeals.service.ts';
import type { AuthedCtx } from '../../src/lib/context.ts';
import { appealIn, call, createAppeal, current, ok, world } from './helpers.ts';

const batch = (w: Awaited<ReturnType<typeof world>>, as = w.users.intake, payload: Record<string, unknown>) =>
  call(w.app, as, { method: 'POST', url: '/api/appeals/dispatch-batch', payload });

async function items(w: Awaited<ReturnType<typeof world>>, ids: string[]) {
  return Promise.all(ids.map(async (id) => ({ id, version: (await current(w, id)).version as number })));
}

test('R3.2 批量派单: every appeal dispatched to the lead and co units, each with its own timeline event and audit row', async () => {
  const w = await world();
  const ids = [await appealIn(w, 'received'), await appealIn(w, 'received'), await appealIn(w, 'returned')];
  const res = await batch(w, w.users.intake, {
    items: await items(w, ids),
    leadUnitId: w.lead.id,
    coUnits: [{ unitId: w.co.id, part: '矿山部分' }],
    note: '批量派单',
  });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.dispatched, 3);
  assert.equal(body.failed, 0);
  for (const id of ids) {
    const d = await current(w, id);
    assert.equal(d.state, 'dispatched');
    assert.equal(d.leadUnitId, w.lead.id);
    assert.deepEqual(
      d.coUnits.map((c: { unitId: string }) => c.unitId),
      [w.co.id],
    );
    assert.equal(body.items.find((i: { id: string }) => i.id === id).version, d.version);
    assert.equal(d.events.filter((e: { type: string }) => e.type === 'dispatch').length, id === ids[2] ? 2 : 1);
  }
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.action === 'appeal.dispatch' && ids.includes(r.entity_id as string));
  assert.equal(audits.length, 4); // the returned one was dispatched once before
});

test('R3.2 批量派单 mixed: a stale version → 409 for that item, an already dispatched one → 409, the others still dispatched', async () => {
  const w = await world();
  const good = await appealIn(w, 'received');
  const stale = await appealIn(w, 'received');
  const already = await appealIn(w, 'dispatched');
  const list = await items(w, [good, stale, already]);
  // Someone changes the stale one after the list was read.
  await ok(w, w.users.intake, stale, 'flags', { isMajor: true });
  const res = await batch(w, w.users.intake, { items: list, leadUnitId: w.other.id });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.dispatched, 1);
  assert.equal(body.failed, 2);
  const by = new Map(body.items.map((i: { id: string }) => [i.id, i]));
  assert.equal((by.get(good) as { ok: boolean }).ok, true);
  assert.deepEqual({ ...(by.get(stale) as object), message: undefined }, { id: stale, ok: false, status: 409, code: 'VERSION_CONFLICT', message: undefined });
  assert.match((by.get(stale) as { message: string }).message, /已被他人更新/);
  assert.equal((by.get(already) as { code: string }).code, 'INVALID_TRANSITION');
  assert.match((by.get(already) as { message: string }).message, /待签收/);
  // Never a silent overwrite: the stale one is still in the queue, the dispatched one keeps its unit.
  assert.equal((await current(w, stale)).state, 'received');
  assert.equal((await current(w, already)).leadUnitId, w.lead.id);
  assert.equal((await current(w, good)).leadUnitId, w.other.id);
});

test('R3.2 批量派单: a unit role is refused (403), nothing changes', async () => {
  const w = await world();
  const id = await appealIn(w, 'received');
  const res = await batch(w, w.users.leadHead, { items: await items(w, [id]), leadUnitId: w.lead.id });
  assert.equal(res.statusCode, 403);
  assert.equal((await current(w, id)).state, 'received');
});

test("R3.2 批量派单: another tenant's appeal is reported as not found, like a missing one", async () => {
  const w = await world();
  const mine = await appealIn(w, 'received');
  const theirs = await createAppeal(w, {}, w.cityIntake);
  const res = await batch(w, w.users.intake, {
    items: [...(await items(w, [mine])), { id: theirs.id, version: theirs.version }],
    leadUnitId: w.lead.id,
  });
  assert.equal(res.statusCode, 200, res.body);
  const it = res.json().items.find((i: { id: string }) => i.id === theirs.id);
  assert.deepEqual(it, { id: theirs.id, ok: false, status: 404, code: 'NOT_FOUND', message: '诉求不存在' });
  assert.equal(res.json().dispatched, 1);
});

test('R3.2 批量派单: 400 with Chinese field messages on an empty list, too many, a bad unit, a repeated appeal; nothing changes', async () => {
  const w = await world();
  const id = await appealIn(w, 'received');
  const one = await items(w, [id]);
  const empty = await batch(w, w.users.intake, { items: [], leadUnitId: w.lead.id });
  assert.equal(empty.statusCode, 400);
  assert.match(JSON.stringify(empty.json().error.fields), /请选择要派单的诉求/);
  const many = Array.from({ length: 101 }, () => ({ id: crypto.randomUUID(), version: 1 }));
  const tooMany = await batch(w, w.users.intake, { items: many, leadUnitId: w.lead.id });
  assert.equal(tooMany.statusCode, 400);
  assert.match(JSON.stringify(tooMany.json().error.fields), /一次最多派单100件/);
  const badUnit = await batch(w, w.users.intake, { items: one, leadUnitId: w.cityUnit.id });
  assert.equal(badUnit.statusCode, 400);
  assert.equal(badUnit.json().error.fields.leadUnitId, '主办处室不存在或已归档');
  const repeated = await batch(w, w.users.intake, { items: [...one, ...one], leadUnitId: w.lead.id });
  assert.equal(repeated.statusCode, 400);
  assert.equal(repeated.json().error.fields.items, '同一件诉求不能重复选择');
  const noUnit = await batch(w, w.users.intake, { items: one });
  assert.equal(noUnit.statusCode, 400);
  assert.ok(noUnit.json().error.fields.leadUnitId);
  assert.equal((await current(w, id)).state, 'received');
});

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

test('导出 Excel: the rows equal the list with the same filters and sort, Chinese headers and labels, audited', async () => {
  const w = await world();
  await appealIn(w, 'received', { category: 'licensing' });
  await appealIn(w, 'dispatched', { category: 'licensing', title: '第二件许可证诉求' });
  await appealIn(w, 'handling', { category: 'enforcement' });
  const query = 'view=all&category=licensing&sort=received&order=asc';
  const list = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals?${query}&pageSize=100` });
  assert.equal(list.statusCode, 200);
  const expected = list.json().items;
  assert.equal(expected.length, 2);
  const res = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals/export.xlsx?${query}` });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  assert.equal(res.headers['x-export-capped'], 'false');
  const rows = await readBack(res.rawPayload);
  assert.deepEqual(rows[0], [
    '编号',
    '标题',
    '企业',
    '类别',
    '主办处室',
    '状态',
    '受理时间',
    '联系企业时限（2小时）',
    '初步意见时限（1个工作日）',
    '办结时限（15个工作日）',
    '是否逾期',
  ]);
  assert.deepEqual(
    rows.slice(1),
    (expected as AppealSummary[]).map((a) => [
      a.number,
      a.title,
      a.enterpriseName,
      APPEAL_CATEGORY_LABELS[a.category],
      a.leadUnitName ?? '—',
      APPEAL_STATE_LABELS[a.state],
      formatDateTime(a.receivedAt),
      formatDeadline(a.milestones.contact.dueAt),
      formatDeadline(a.milestones.opinion.dueAt),
      formatDeadline(a.milestones.resolution.dueAt),
      a.overdue ? '是' : '否',
    ]),
  );
  assert.match(rows[1][8], /^\d{2}-\d{2}（周.）24:00$/);
  const audit = (await auditRows(w.db, w.province.id)).find((r) => r.action === 'appeal.export');
  assert.ok(audit);
  assert.match(String(audit.summary), /导出诉求列表 2 件/);
  assert.deepEqual((audit.after as { filter: { category: string[] } }).filter.category, ['licensing']);
});

test('导出 Excel: a unit user exports only its scope (the list WHERE); bad filters → 400 in Chinese', async () => {
  const w = await world();
  await appealIn(w, 'received');
  const mine = await appealIn(w, 'dispatched');
  const res = await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/appeals/export.xlsx?view=lead&open=true' });
  assert.equal(res.statusCode, 200, res.body);
  const rows = await readBack(res.rawPayload);
  assert.deepEqual(
    rows.slice(1).map((r) => r[0]),
    [(await current(w, mine)).number],
  );
  const bad = await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/appeals/export.xlsx?state=nope' });
  assert.equal(bad.statusCode, 400);
  assert.match(JSON.stringify(bad.json().error.fields), /状态不正确/);
  const none = await call(w.app, null, { method: 'GET', url: '/api/appeals/export.xlsx' });
  assert.equal(none.statusCode, 401);
});

test('导出 Excel capped: over the cap only the first rows (in the list order) are written, the last row and the audit say so', async () => {
  const w = await world();
  for (let i = 0; i < 3; i++) await appealIn(w, 'received', { title: `截断测试${i}` });
  const u = w.users.intake;
  const ctx: AuthedCtx = {
    db: w.db,
    ip: '127.0.0.1',
    requestId: 'test-export-cap',
    actor: {
      kind: 'staff',
      userId: u.id,
      username: u.username,
      displayName: u.username,
      tenantId: w.province.id,
      tenantCode: w.province.code,
      tenantKind: 'province',
      unitId: u.unitId,
      roles: u.roles,
      scope: 'tenant',
      portfolioUnitIds: [],
      mustChangePassword: false,
    },
  };
  const r = await exportXlsx(ctx, { view: 'queue', q: '截断测试', sort: 'received', order: 'asc' }, 2);
  assert.equal(r.capped, true);
  assert.equal(r.count, 2);
  const rows = await readBack(r.buf);
  assert.deepEqual(
    rows.slice(1, 3).map((x) => x[1]),
    ['截断测试0', '截断测试1'],
  );
  assert.match(rows[3][0], /仅导出前 2 件/);
  const audit = (await auditRows(w.db, w.province.id)).find((x) => x.action === 'appeal.export');
  assert.match(String(audit?.summary), /超过 2 件，仅导出前 2 件/);
  const all = await exportXlsx(ctx, { view: 'queue', q: '截断测试' }, 3);
  assert.equal(all.capped, false);
  assert.equal(all.count, 3);
});
