// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, and prints
// their figures. Compare with ../shared/PERFORMANCE.md (what this machine itself can do).
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server used to
// create throw-away databases for the server-mode scenarios; `--only name` runs one file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, [path.join(dir, f)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} exited with ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
