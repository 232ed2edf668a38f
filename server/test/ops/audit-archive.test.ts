// Issue 21 audit log retention: the tenant setting (R8.1, never below 180 days), archiving of older
// rows to verifiable files (hash chain + manifest) by the scheduled task, the auditor's archive search,
// tamper detection, and the one documented purge step the append-only trigger lets through.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../src/db/client.ts';
import { auditArchiveTask, DEFAULT_TASKS } from '../../src/jobs/tasks.ts';
import { archiveAuditLog, purgeArchived, verifyArchiveFile } from '../../src/modules/audit/index.ts';
import { call, testApp } from '../helpers/app.ts';
import { asOwner, testDatabase } from '../helpers/db.ts';
import { createScene, createUser } from '../helpers/factory.ts';

const DAY = 86_400_000;
/** The trigger's refusal (drizzle wraps the driver's error). */
const appendOnly = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));

async function oldRows(db: DbOrTx, tenantId: string, n: number, daysAgo: number, tag: string) {
  await db.execute(sql`INSERT INTO audit_log (tenant_id, at, actor_name, action, entity, entity_id, summary, after)
    SELECT ${tenantId}::uuid, now() - make_interval(days => ${daysAgo}) + make_interval(secs => g), '张三', 'user.update', 'user', ${tag} || g, '修改账号 ' || g, jsonb_build_object('n', g)
    FROM generate_series(1, ${n}) g`);
}

async function archivesOf(db: DbOrTx, tenantId: string) {
  return queryRows<{
    id: number;
    first_id: number;
    last_id: number;
    row_count: number;
    prev_hash: string;
    head_hash: string;
    file: Buffer;
    file_sha256: string;
  }>(
    db,
    sql`SELECT id::int, first_id::int, last_id::int, row_count, prev_hash, head_hash, file, file_sha256 FROM audit_archives WHERE tenant_id = ${tenantId} ORDER BY last_id`,
  );
}

async function scene() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const s = await createScene(db);
  const sys = await createUser(db, s.province.id, { roles: ['sysadmin'], unitId: null });
  const auditor = await createUser(db, s.province.id, { roles: ['auditor'], unitId: null });
  return { app, db, ...s, sys, auditor };
}

test('issue 21 R8.1 audit retention setting: at least 180 days, refused below with a Chinese message', async () => {
  const w = await scene();
  const cur = (await call(w.app, w.sys, { method: 'GET', url: '/api/tenant-settings' })).json();
  assert.equal(cur.settings.auditRetentionDays, 180);
  const low = await call(w.app, w.sys, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: cur.version, overrides: { auditRetentionDays: 179 } },
  });
  assert.equal(low.statusCode, 400);
  assert.match(low.body, /不能少于180天/);
  const ok = await call(w.app, w.sys, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: cur.version, overrides: { auditRetentionDays: 365 } },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().settings.auditRetentionDays, 365);
});

test('issue 21 archiving: rows older than the retention go to a hash-chained archive (nothing deleted), chained across runs; the task is scheduled', async () => {
  assert.ok(DEFAULT_TASKS.includes(auditArchiveTask));
  const w = await scene();
  await oldRows(w.db, w.province.id, 30, 200, 'a');
  await oldRows(w.db, w.province.id, 5, 100, 'recent');
  const before = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id}`);
  await archiveAuditLog(w.db, new Date(), 20, [w.province.id]);
  let archives = await archivesOf(w.db, w.province.id);
  assert.deepEqual(
    archives.map((a) => a.row_count),
    [20, 10],
    'batches of 20; only the 30 rows older than 180 days',
  );
  assert.equal(archives[1].prev_hash, archives[0].head_hash, 'the second file continues the first one’s chain');
  for (const a of archives) assert.ok(verifyArchiveFile(a.file, { fileSha256: a.file_sha256, prevHash: a.prev_hash }).ok);
  const after = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND action <> 'audit.archive'`,
  );
  assert.equal(after[0].n, before[0].n, 'archiving never deletes');
  const logged = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'audit.archive'`,
  );
  assert.equal(logged[0].n, 2, 'each archive is audited');
  // A second run finds nothing new; new old rows continue the chain.
  await archiveAuditLog(w.db, new Date(), 20, [w.province.id]);
  assert.equal((await archivesOf(w.db, w.province.id)).length, 2);
  await archiveAuditLog(w.db, new Date(Date.now() + 90 * DAY), 20, [w.province.id]);
  archives = await archivesOf(w.db, w.province.id);
  assert.equal(archives.length, 3);
  assert.equal(archives[2].prev_hash, archives[1].head_hash);
  assert.equal(archives[2].row_count, 5, 'the 5 rows now past the retention');
});

test('issue 21 chain verification detects tampering: a changed, removed or re-hashed row, a swapped file', async () => {
  const w = await scene();
  await oldRows(w.db, w.province.id, 6, 300, 't');
  await archiveAuditLog(w.db, new Date(), 1000, [w.province.id]);
  const [a] = await archivesOf(w.db, w.province.id);
  const good = verifyArchiveFile(a.file, { fileSha256: a.file_sha256, prevHash: a.prev_hash });
  assert.ok(good.ok, good.problems.join());
  assert.equal(good.entries.length, 6);
  const lines = zlib.gunzipSync(a.file).toString().split('\n').filter(Boolean);
  const pack = (ls: string[]) => zlib.gzipSync(Buffer.from(`${ls.join('\n')}\n`));

  const changed = [...lines];
  changed[3] = changed[3].replace('修改账号', '删除账号');
  let r = verifyArchiveFile(pack(changed));
  assert.equal(r.ok, false);
  assert.match(r.problems.join(), /第 3 行.*哈希链不符/);
  assert.equal(verifyArchiveFile(pack(changed), { fileSha256: a.file_sha256 }).problems[0], '文件的 SHA-256 与登记的不符');

  // Re-hashing the changed row itself does not help: the next row's hash no longer follows.
  const rehashed = [...lines];
  const row = JSON.parse(rehashed[2]) as { row: { summary: string }; hash: string };
  const prev = (JSON.parse(rehashed[1]) as { hash: string }).hash;
  row.row.summary = '篡改';
  const crypto = await import('node:crypto');
  row.hash = crypto
    .createHash('sha256')
    .update(`${prev}\n${JSON.stringify(row.row)}`)
    .digest('hex');
  rehashed[2] = JSON.stringify(row);
  r = verifyArchiveFile(pack(rehashed));
  assert.match(r.problems.join(), /第 3 行/);

  const removed = lines.filter((_, i) => i !== 4);
  assert.match(verifyArchiveFile(pack(removed)).problems.join(), /第 4 行/);
  // The last row cut off: the chain holds but the manifest's count and head do not.
  assert.match(verifyArchiveFile(pack(lines.slice(0, -1))).problems.join(), /记录数 5 与清单的 6 不符/);
  // A genuine file of another chain position is refused by its start.
  assert.match(verifyArchiveFile(a.file, { prevHash: 'f'.repeat(64) }).problems.join(), /链起点/);
});

test('issue 21 the auditor searches the archive (files verified); a city auditor only its own scope', async () => {
  const w = await scene();
  await oldRows(w.db, w.province.id, 8, 400, 'search-');
  await archiveAuditLog(w.db, new Date(), 1000, [w.province.id]);
  const from = new Date(Date.now() - 401 * DAY).toISOString();
  const to = new Date(Date.now() - 399 * DAY).toISOString();
  const r = await call(w.app, w.auditor, { method: 'GET', url: `/api/audit/archive?from=${from}&to=${to}&action=user&pageSize=5` });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.equal(body.total, 8);
  assert.equal(body.items.length, 5);
  assert.ok(body.archives.length >= 1 && body.archives.every((a: { ok: boolean }) => a.ok));
  assert.match(body.items[0].entityId, /^search-/);
  const list = await call(w.app, w.auditor, { method: 'GET', url: '/api/audit/archives' });
  assert.equal(list.statusCode, 200, list.body);
  assert.equal(list.json().retentionDays, 180);
  assert.equal(list.json().items[0].rowCount, 8);
  // Only the auditor (三权分立) reads archives.
  assert.equal((await call(w.app, w.sys, { method: 'GET', url: '/api/audit/archive' })).statusCode, 403);
  const cityAuditor = await createUser(w.db, w.city.id, { roles: ['auditor'], unitId: null });
  const other = await call(w.app, cityAuditor, { method: 'GET', url: `/api/audit/archive?tenant=${w.province.code}` });
  assert.equal(other.statusCode, 403);
  const own = await call(w.app, cityAuditor, { method: 'GET', url: '/api/audit/archive' });
  assert.equal(own.json().total, 0);
});

test('issue 21 等保 protection kept: only the documented purge step deletes archived rows, as the owner, after verification', async () => {
  const w = await scene();
  await oldRows(w.db, w.province.id, 4, 500, 'purge-');
  await oldRows(w.db, w.province.id, 2, 10, 'keep-');
  await archiveAuditLog(w.db, new Date(), 1000, [w.province.id]);
  const count = async (db: DbOrTx, like: string) =>
    (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND entity_id LIKE ${like}`))[0].n;
  // The app role: no DELETE at all, even with the purge setting.
  await assert.rejects(
    w.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('zqt.audit_purge', 'archived', true)`);
      await tx.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${w.province.id}`);
    }),
  );
  await assert.rejects(w.db.execute(sql`UPDATE audit_archives SET row_count = 0 WHERE tenant_id = ${w.province.id}`));
  await asOwner(async (owner) => {
    // The owner without the step: refused by the trigger; with it, only archived rows go.
    await assert.rejects(owner.db.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${w.province.id} AND entity_id LIKE 'purge-%'`), appendOnly);
    await assert.rejects(
      owner.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('zqt.audit_purge', 'archived', true)`);
        await tx.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${w.province.id} AND entity_id LIKE 'keep-%'`);
      }),
      appendOnly,
    );
    await assert.rejects(owner.db.execute(sql`DELETE FROM audit_archives WHERE tenant_id = ${w.province.id}`), appendOnly);
    const dry = await purgeArchived(owner.db, { dryRun: true, actorName: '运维', only: [w.province.id] });
    assert.ok(dry.ok);
    assert.equal(dry.purged, 4);
    assert.equal(await count(owner.db, 'purge-%'), 4);
    const r = await purgeArchived(owner.db, { dryRun: false, actorName: '运维', only: [w.province.id] });
    assert.ok(r.ok, r.problems.join());
    assert.equal(await count(owner.db, 'purge-%'), 0);
    assert.equal(await count(owner.db, 'keep-%'), 2);
    const logged = await queryRows<{ summary: string }>(
      owner.db,
      sql`SELECT summary FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'audit.purge_archived'`,
    );
    assert.equal(logged.length, 1);
    assert.match(logged[0].summary, /已归档记录 4 条/);
  });
  // Still searchable in the archive.
  const r = await call(w.app, w.auditor, { method: 'GET', url: '/api/audit/archive?entityId=purge-1' });
  assert.equal(r.json().total, 1);
});
