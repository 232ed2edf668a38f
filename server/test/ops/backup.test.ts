// Issue 21: the restore drill — fill, back up, restore elsewhere, compare every table's row count and
// one appeal with its timeline and attachments byte for byte — on the mode the suite runs on (PGlite
// by default, the server with DATABASE_URL); and the refusals: damaged file, other version, other
// mode, non-empty target.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { backupPglite, backupPostgres, BACKUP_MAGIC, restorePglite, restorePostgres, verifyBackup, type BackupManifest } from '../../src/db/backup.ts';
import { queryRows } from '../../src/db/client.ts';
import { act, appealIn, ok, world } from '../appeals/helpers.ts';
import { call } from '../helpers/app.ts';
import { ownerDatabaseUrl, testDatabase } from '../helpers/db.ts';
import { samplePdf, samplePng } from '../helpers/files.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-drill-'));
const drillDbs: string[] = [];
// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('backup and restore', () => {
  after(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    const owner = ownerDatabaseUrl();
    if (owner) {
      const c = new pg.Client({ connectionString: owner });
      await c.connect();
      for (const d of drillDbs) await c.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
      await c.end();
    }
  });

  type Q = (text: string) => Promise<Record<string, unknown>[]>;

  /** One appeal as stored: its row, its timeline, its attachments and their bytes, as text (byte for byte). */
  async function appealAsStored(q: Q, id: string) {
    const one = async (text: string) => (await q(text)).map((r) => String(r.j));
    return {
      appeal: await one(`SELECT row_to_json(a)::text AS j FROM appeals a WHERE id = '${id}'`),
      events: await one(`SELECT row_to_json(e)::text AS j FROM appeal_events e WHERE appeal_id = '${id}' ORDER BY id`),
      attachments: await one(`SELECT row_to_json(t)::text AS j FROM appeal_attachments t WHERE appeal_id = '${id}' ORDER BY id`),
      bytes: await one(
        `SELECT encode(d.data, 'hex') AS j FROM appeal_attachment_data d JOIN appeal_attachments t ON t.id = d.attachment_id WHERE t.appeal_id = '${id}' ORDER BY t.id`,
      ),
    };
  }

  async function tableCounts(q: Q) {
    const names = (await q(`SELECT tablename AS j FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => String(r.j));
    const out: Record<string, number> = {};
    for (const n of names) out[n] = Number((await q(`SELECT count(*) AS j FROM "${n}"`))[0].j);
    return out;
  }

  /** An appeal with a full timeline and two attachments (a PNG and a PDF). */
  async function filledAppeal() {
    const w = await world();
    const id = await appealIn(w, 'handling');
    for (const [name, body] of [
      ['现场.png', samplePng(7)],
      ['整改报告.pdf', samplePdf('drill')],
    ] as const) {
      const head = Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      const r = await call(w.app, w.users.leadStaff, {
        method: 'POST',
        url: `/api/appeals/${id}/attachments`,
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
        payload: Buffer.concat([head, body, Buffer.from('\r\n--B--\r\n')]),
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系企业' });
    assert.equal((await act(w, w.users.leadStaff, id, 'opinion', { text: '初步意见：可按规定申请延期' })).statusCode, 200);
    return { w, id };
  }

  let shared: { file: string; manifest: BackupManifest; id: string } | undefined;

  /** Backs up the test database once (in the suite's mode). */
  async function backupOnce() {
    if (shared) return shared;
    const { id } = await filledAppeal();
    const database = await testDatabase();
    const file = path.join(tmp, 'drill.zqt');
    const started = performance.now();
    const manifest = database.kind === 'pglite' ? await backupPglite(database.pglite!, file) : await backupPostgres(ownerDatabaseUrl()!, file);
    console.log(`# backup (${database.kind}): ${Math.round(performance.now() - started)} ms, ${fs.statSync(file).size} bytes`);
    shared = { file, manifest, id };
    return shared;
  }

  const sourceQ: Q = async (text) => queryRows<Record<string, unknown>>((await testDatabase()).db, sql.raw(text));

  /** A new empty database on the server (owner URL, app URL). */
  async function newServerDatabase() {
    const owner = ownerDatabaseUrl()!;
    const name = `zqt_drill_${process.pid}_${drillDbs.length}`;
    const c = new pg.Client({ connectionString: owner });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    drillDbs.push(name);
    const ownerUrl = new URL(owner);
    ownerUrl.pathname = `/${name}`;
    const appUrl = new URL(process.env.DATABASE_URL!);
    appUrl.pathname = `/${name}`;
    return { ownerUrl: ownerUrl.toString(), appUrl: appUrl.toString() };
  }

  test('issue 21 restore drill: every table has its row count and the appeal, its timeline and attachments are identical byte for byte', async () => {
    const { file, manifest, id } = await backupOnce();
    const database = await testDatabase();
    assert.equal(manifest.kind, database.kind);
    assert.ok(manifest.tables.appeals >= 1 && manifest.tables.appeal_attachment_data >= 2);
    assert.equal(fs.readFileSync(file).subarray(0, BACKUP_MAGIC.length).toString(), BACKUP_MAGIC);
    const before = await appealAsStored(sourceQ, id);
    assert.equal(before.bytes.length, 2);
    assert.ok(before.bytes.includes(samplePng(7).toString('hex')) && before.bytes.includes(samplePdf('drill').toString('hex')));
    assert.ok(before.events.length >= 4);

    let restoredQ: Q;
    let close: () => Promise<void>;
    const started = performance.now();
    if (database.kind === 'pglite') {
      const dir = path.join(tmp, 'restored');
      const r = await restorePglite(file, dir);
      assert.deepEqual(r.tables, manifest.tables);
      const client = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
      restoredQ = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
      close = () => client.close();
    } else {
      const { ownerUrl, appUrl } = await newServerDatabase();
      const r = await restorePostgres(file, ownerUrl, appUrl);
      assert.deepEqual(r.tables, manifest.tables);
      // The app role reads the restored database (its grants were applied).
      const client = new pg.Client({ connectionString: appUrl });
      await client.connect();
      restoredQ = async (text) => (await client.query(text)).rows;
      close = () => client.end();
    }
    console.log(`# restore (${database.kind}): ${Math.round(performance.now() - started)} ms`);
    try {
      // Every table, counted in the restored database itself, equals the manifest's count.
      const counts = await tableCounts(restoredQ);
      assert.deepEqual(counts, manifest.tables);
      console.log(`# drill: ${Object.keys(counts).length} tables, ${Object.values(counts).reduce((a, b) => a + b, 0)} rows compared`);
      assert.deepEqual(await appealAsStored(restoredQ, id), before);
    } finally {
      await close();
    }
  });

  test('issue 21 restore refuses a damaged file (checksum, truncated, unreadable manifest) with a clear message', async () => {
    const { file, manifest } = await backupOnce();
    const bytes = fs.readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100] ^= 0xff;
    fs.writeFileSync(path.join(tmp, 'flipped.zqt'), flipped);
    await assert.rejects(verifyBackup(path.join(tmp, 'flipped.zqt')), /备份文件已损坏：校验和（SHA-256）不符/);
    fs.writeFileSync(path.join(tmp, 'short.zqt'), bytes.subarray(0, bytes.length - 10));
    await assert.rejects(verifyBackup(path.join(tmp, 'short.zqt')), /备份文件已损坏：数据部分应为/);
    const nl = bytes.indexOf(10, BACKUP_MAGIC.length + 1);
    fs.writeFileSync(path.join(tmp, 'manifest.zqt'), Buffer.concat([bytes.subarray(0, 20), Buffer.from('#'), bytes.subarray(21)]));
    await assert.rejects(verifyBackup(path.join(tmp, 'manifest.zqt')), /清单无法读取/);
    fs.writeFileSync(path.join(tmp, 'other.zqt'), 'hello');
    await assert.rejects(verifyBackup(path.join(tmp, 'other.zqt')), /不是政企通备份文件/);
    assert.ok(nl > 0);
    // Restore itself refuses too, and leaves the target empty.
    const dir = path.join(tmp, 'not-restored');
    if (manifest.kind === 'pglite') {
      await assert.rejects(restorePglite(path.join(tmp, 'flipped.zqt'), dir), /校验和/);
      assert.deepEqual(fs.existsSync(dir) ? fs.readdirSync(dir) : [], []);
    } else {
      const { ownerUrl } = await newServerDatabase();
      await assert.rejects(restorePostgres(path.join(tmp, 'flipped.zqt'), ownerUrl), /校验和/);
      const c = new pg.Client({ connectionString: ownerUrl });
      await c.connect();
      assert.equal(Number((await c.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n), 0);
      await c.end();
    }
    assert.equal((await verifyBackup(file)).payload.sha256, manifest.payload.sha256);
  });

  /** The backup with its manifest edited (and nothing else). */
  function withManifest(file: string, edit: (m: BackupManifest) => void, name: string) {
    const bytes = fs.readFileSync(file);
    const nl1 = bytes.indexOf(10);
    const nl2 = bytes.indexOf(10, nl1 + 1);
    const m = JSON.parse(bytes.subarray(nl1 + 1, nl2).toString()) as BackupManifest;
    edit(m);
    const out = path.join(tmp, name);
    fs.writeFileSync(out, Buffer.concat([bytes.subarray(0, nl1 + 1), Buffer.from(JSON.stringify(m)), bytes.subarray(nl2)]));
    return out;
  }

  test('issue 21 restore refuses another app version or migration level, the other mode, and a non-empty target', async () => {
    const { file, manifest } = await backupOnce();
    await assert.rejects(
      verifyBackup(
        withManifest(
          file,
          (m) => {
            m.appVersion = '0.0.9';
          },
          'old.zqt',
        ),
      ),
      /版本不符：备份来自政企通 0\.0\.9/,
    );
    await assert.rejects(
      verifyBackup(
        withManifest(
          file,
          (m) => {
            m.migrations = m.migrations.slice(0, -1);
            m.migrationLevel = m.migrations.at(-1)!;
          },
          'level.zqt',
        ),
      ),
      /版本不符/,
    );
    if (manifest.kind === 'pglite') {
      await assert.rejects(restorePglite(file, tmp), /不为空：只能恢复到空目录或新目录/);
      await assert.rejects(restorePostgres(file, 'postgres://nobody@127.0.0.1:1/none'), /嵌入式模式.*的备份/);
    } else {
      await assert.rejects(restorePostgres(file, ownerDatabaseUrl()!), /目标数据库不为空/);
      await assert.rejects(restorePglite(file, path.join(tmp, 'x')), /服务器模式.*的备份/);
    }
  });
});
