// `node bench/backup.ts` (issue 21): time and size of `zqt backup` / `zqt restore` of a generated
// province, on the PostgreSQL server and on PGlite, each beside its raw baseline measured in the same
// run (server: a bare `pg_dump -Fc` / `pg_restore`; PGlite: `tar czf` of the closed data folder).
//   node bench/backup.ts [--appeals 100000] [--enterprises 10000] [--pglite-appeals 20000] [--only server|pglite]
//   node bench/backup.ts --db-url postgres://…/<a database zqt gen filled>   backup of an existing province (the 1M one: generating
//                        it takes ~10 min); server only, backup and its raw pg_dump baseline; add --restore to time the restores too
// Not part of `npm run bench` (it fills its own databases); BENCH_DATABASE_URL names the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { arg, ROOT, scratchDatabase } from './lib.ts';

const APPEALS = arg('appeals', '100000');
const ENTERPRISES = arg('enterprises', '10000');
const PGLITE_APPEALS = arg('pglite-appeals', '20000');
const DB_URL = arg('db-url', '');
const RESTORE = !DB_URL || process.argv.includes('--restore');
const ONLY = DB_URL ? 'server' : arg('only', '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-backup-'));
const rows: { target: string; ms: number; bytes?: number; note?: string }[] = [];

function run(cmd: string, args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const zqt = (args: string[], env: Record<string, string>) => run(process.execPath, [path.join(ROOT, 'bin/zqt.mjs'), ...args], env);
const size = (f: string) => fs.statSync(f).size;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

try {
  if (!ONLY || ONLY === 'server') {
    const src = DB_URL ? { url: DB_URL, drop: async () => {} } : await scratchDatabase('backup_src');
    const dst = RESTORE ? await scratchDatabase('backup_dst') : null;
    const raw = RESTORE ? await scratchDatabase('backup_raw') : null;
    if (!src || (RESTORE && (!dst || !raw))) throw new Error('no PostgreSQL server at BENCH_DATABASE_URL');
    try {
      if (DB_URL) {
        const c = new pg.Client({ connectionString: DB_URL });
        await c.connect();
        const n = await c.query<{ appeals: string; bytes: string }>(
          'SELECT (SELECT count(*) FROM appeals)::text AS appeals, pg_database_size(current_database())::text AS bytes',
        );
        await c.end();
        rows.push({
          target: `server: existing province, ${Number(n.rows[0]!.appeals).toLocaleString('en-US')} appeals`,
          ms: 0,
          bytes: Number(n.rows[0]!.bytes),
          note: 'database size on disk',
        });
      } else {
        process.stderr.write(`[server] zqt gen --appeals ${APPEALS} --enterprises ${ENTERPRISES} …\n`);
        const g = zqt(['gen', '--appeals', APPEALS, '--enterprises', ENTERPRISES, '--quiet'], { DATABASE_URL: src.url });
        rows.push({ target: `server: zqt gen ${APPEALS} appeals`, ms: g.ms });
      }
      process.stderr.write('[server] zqt backup …\n');
      const file = path.join(tmp, 'server.zqt');
      const b = zqt(['backup', file], { DATABASE_URL: src.url });
      const m = JSON.parse(b.stdout) as { rows: number; tables: number };
      rows.push({ target: 'server: zqt backup', ms: b.ms, bytes: size(file), note: `${m.rows.toLocaleString('en-US')} rows in ${m.tables} tables` });
      const rawFile = path.join(tmp, 'raw.pgcustom');
      process.stderr.write('[server] raw pg_dump -Fc …\n');
      const pd = run('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${rawFile}`, `--dbname=${src.url}`], {});
      rows.push({ target: 'server: raw pg_dump -Fc (baseline)', ms: pd.ms, bytes: size(rawFile) });
      if (dst && raw) {
        process.stderr.write('[server] zqt restore, raw pg_restore …\n');
        const r = zqt(['restore', file], { DATABASE_URL: dst.url });
        rows.push({ target: 'server: zqt restore (checksum, pg_restore, counts, grants)', ms: r.ms });
        const pr = run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${raw.url}`, rawFile], {});
        rows.push({ target: 'server: raw pg_restore (baseline)', ms: pr.ms });
      }
    } finally {
      if (!DB_URL) await src.drop();
      await dst?.drop();
      await raw?.drop();
    }
  }
  if (!ONLY || ONLY === 'pglite') {
    const dir = path.join(tmp, 'pglite');
    process.stderr.write(`[pglite] zqt gen --appeals ${PGLITE_APPEALS} …\n`);
    const g = zqt(['gen', '--appeals', PGLITE_APPEALS, '--enterprises', String(Math.round(Number(ENTERPRISES) / 5)), '--quiet'], {
      DATABASE_URL: '',
      DATA_DIR: dir,
    });
    rows.push({ target: `pglite: zqt gen ${PGLITE_APPEALS} appeals`, ms: g.ms });
    const file = path.join(tmp, 'pglite.zqt');
    const b = zqt(['backup', file], { DATABASE_URL: '', DATA_DIR: dir });
    const m = JSON.parse(b.stdout) as { rows: number; tables: number };
    rows.push({
      target: 'pglite: zqt backup (data folder image)',
      ms: b.ms,
      bytes: size(file),
      note: `${m.rows.toLocaleString('en-US')} rows in ${m.tables} tables`,
    });
    const t = run('tar', ['czf', path.join(tmp, 'raw.tgz'), '-C', dir, '.'], {});
    rows.push({ target: 'pglite: raw tar czf of the closed folder (baseline)', ms: t.ms, bytes: size(path.join(tmp, 'raw.tgz')) });
    const r = zqt(['restore', file], { DATABASE_URL: '', DATA_DIR: path.join(tmp, 'pglite-restored') });
    rows.push({ target: 'pglite: zqt restore (checksum, load, counts)', ms: r.ms });
    const x = run('tar', ['xzf', path.join(tmp, 'raw.tgz'), '-C', fs.mkdtempSync(path.join(tmp, 'x-'))], {});
    rows.push({ target: 'pglite: raw tar xzf (baseline)', ms: x.ms });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n政企通 backup bench — Node ${process.version}, ${os.cpus().length} cores; process start (~1 s) included in every zqt figure`);
console.log(`${'target'.padEnd(62)} ${'time'.padStart(10)} ${'size'.padStart(10)}  note`);
for (const r of rows)
  console.log(
    `${r.target.padEnd(62)} ${(r.ms ? `${(r.ms / 1000).toFixed(1)} s` : '').padStart(10)} ${(r.bytes ? mb(r.bytes) : '').padStart(10)}  ${r.note ?? ''}`,
  );
