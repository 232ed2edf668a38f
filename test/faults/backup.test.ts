// Fault suite, issue 21: `zqt backup` taken while the app is under write load, in both modes (embedded:
// through the running server's control socket; server: pg_dump on an exported snapshot). Each backup
// is restored elsewhere; the restore itself checks every table's row count against the manifest
// (taken in the same snapshot as the image), and every appeal acknowledged before the backup began is
// in the restored copy, none twice.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/src/db/client.ts';
import { appealsByTitle, login, scratchDatabase, serverUrls, sleep, startLoad, startServer, type Server } from './harness.ts';
import { zqt } from '../../server/test/helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-faults-backup-'));
const running: Server[] = [];
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const d of drops) await d();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs `zqt backup` three times under load; returns each file with the keys acknowledged before it began. */
async function backupsUnderLoad(s: Server, env: Record<string, string>, label: string) {
  const session = await login(s.base);
  const marker = `bk-${label}-${crypto.randomBytes(3).toString('hex')}`;
  const load = startLoad({ base: () => s.base, session, clients: 4, marker, retry: true });
  const taken: { file: string; ackedBefore: Map<string, string>; ms: number; via: string }[] = [];
  await sleep(2_000);
  for (let i = 0; i < 3; i++) {
    const ackedBefore = new Map(load.acked);
    const file = path.join(tmp, `${label}-${i}.zqt`);
    const r = zqt(['backup', file], env);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { ms: number; via: string };
    taken.push({ file, ackedBefore, ms: out.ms, via: out.via });
    await sleep(1_000);
  }
  await load.stop();
  console.log(
    `# ${label}: ${load.acked.size} appeals acknowledged during the run; backups in ${taken.map((t) => `${t.ms} ms`).join(', ')} (${taken[0].via}); ${load.tally}`,
  );
  assert.ok(taken[2].ackedBefore.size > taken[0].ackedBefore.size, 'the load went on between the backups');
  return { marker, taken };
}

function checkRestored(rows: { id: string; title: string }[], ackedBefore: Map<string, string>) {
  const byTitle = appealsByTitle(rows);
  const missing = [...ackedBefore].filter(([key, id]) => !byTitle.get(key)?.includes(id));
  const duplicated = [...byTitle].filter(([, ids]) => ids.length > 1);
  assert.equal(missing.length, 0, `acknowledged before the backup but missing: ${missing.slice(0, 5).join(' ')}`);
  assert.equal(duplicated.length, 0);
  return byTitle.size;
}

test('issue 21 fault (embedded): zqt backup through the running server under write load; every copy restores with matching counts and every earlier acknowledged appeal', {
  timeout: 300_000,
}, async () => {
  const dataDir = path.join(tmp, 'embedded');
  const env = { DATABASE_URL: '', DATA_DIR: dataDir, DEMO_DATA: 'true' };
  const s = await startServer(env);
  running.push(s);
  const { marker, taken } = await backupsUnderLoad(s, env, 'embedded');
  s.child.kill('SIGTERM');
  assert.equal((await s.exited).code, 0, s.output());
  assert.ok(taken.every((t) => t.via === 'server'));
  for (const [i, t] of taken.entries()) {
    const dir = path.join(tmp, `embedded-restored-${i}`);
    const r = zqt(['restore', t.file], { DATABASE_URL: '', DATA_DIR: dir });
    assert.equal(r.code, 0, r.err);
    const database = await openDatabase({ dataDir: dir });
    try {
      const n = checkRestored(await queryRows(database.db, sql`SELECT id, title FROM appeals WHERE title LIKE ${`${marker}-%`}`), t.ackedBefore);
      console.log(`# embedded backup ${i}: ${t.ackedBefore.size} acknowledged before it, ${n} in the copy, counts equal the manifest`);
    } finally {
      await database.close();
    }
  }
});

test('issue 21 fault (server): zqt backup under write load; every copy restores into an empty database with matching counts and every earlier acknowledged appeal', {
  timeout: 300_000,
  skip: !serverUrls() && 'needs DATABASE_URL (the PostgreSQL server)',
}, async () => {
  const source = await scratchDatabase();
  drops.push(source.drop);
  const env = { DATABASE_URL: source.app, MIGRATION_DATABASE_URL: source.owner, DEMO_DATA: 'true' };
  const s = await startServer(env);
  running.push(s);
  const { marker, taken } = await backupsUnderLoad(s, env, 'server');
  s.child.kill('SIGTERM');
  assert.equal((await s.exited).code, 0, s.output());
  for (const [i, t] of taken.entries()) {
    const target = await scratchDatabase();
    drops.push(target.drop);
    const r = zqt(['restore', t.file], { DATABASE_URL: target.app, MIGRATION_DATABASE_URL: target.owner });
    assert.equal(r.code, 0, r.err);
    const database = await openDatabase({ databaseUrl: target.app, poolMax: 1 });
    try {
      const n = checkRestored(await queryRows(database.db, sql`SELECT id, title FROM appeals WHERE title LIKE ${`${marker}-%`}`), t.ackedBefore);
      console.log(`# server backup ${i}: ${t.ackedBefore.size} acknowledged before it, ${n} in the copy, counts equal the manifest`);
    } finally {
      await database.close();
    }
  }
});
