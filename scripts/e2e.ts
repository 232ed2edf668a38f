// The browser tests (`npm run test:e2e`): builds the web app if it is stale, then runs each file of
// test/e2e in its own `node --test` process, E2E_CONCURRENCY at a time, the longest first. Default 2
// (1 on a one-core machine): one file keeps about one core busy — Chromium, the embedded app and the
// test process take turns waiting for each other — so on 2 cores two files side by side each take
// ≈ 1.3× as long and the run ≈ 0.75× (measured 2026-12-05 on the idle machine, all 24 files: 6.5 min
// against 8.8 one at a time; three at a time 6.4 min, the page walk then the last to end). Each file's
// app starts on a copy of one data folder prepared at the start of the run (the demo data loaded; see below).
//
// A file that fails is run once more, alone, after the others. If it passes then, the run passes but
// the summary names it as 不稳定 (flaky) with the first run's failure, so it is seen and fixed rather
// than hidden; a file that fails twice fails the run. E2E_RETRIES=0 turns the second run off.
// Arguments narrow the files: `npm run test:e2e -- roundtables pages`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTemplateDataDir, TEMPLATE_ENV } from '../test/e2e/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'test/e2e');

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const filters = process.argv.slice(2);
// The slowest files first (with E2E_CONCURRENCY > 1 the last to finish is then a short one; measured:
// the pages tests take minutes, the others about one).
const FIRST = ['pages-staff.test.ts', 'pages.test.ts', 'appeals.test.ts', 'proposals.test.ts'];
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.test.ts') && (!filters.length || filters.some((x) => f.includes(x))))
  .sort((a, b) => rank(a) - rank(b) || fs.statSync(path.join(DIR, b)).size - fs.statSync(path.join(DIR, a)).size);
function rank(f: string) {
  const i = FIRST.indexOf(f);
  return i < 0 ? FIRST.length : i;
}
if (!files.length) {
  console.error(`没有匹配的浏览器测试文件: ${filters.join(' ')}`);
  process.exit(1);
}

// One data folder with the demo data loaded, copied for every file's app (test/e2e/harness.ts): the
// first start's initdb, migrations and seed once per run instead of once per file. Skipped for a
// single file (nothing to share) and with E2E_TEMPLATE=0 (each app starts from an empty folder).
let template: string | undefined;
if (files.length > 1 && process.env.E2E_TEMPLATE !== '0') {
  const t = Date.now();
  template = await makeTemplateDataDir();
  process.env[TEMPLATE_ENV] = template;
  console.log(`演示数据模板: ${template} (${Math.round((Date.now() - t) / 1000)}s)`);
}
process.on('exit', () => {
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? Math.min(2, os.availableParallelism())) || 1);
const retries = Math.max(0, Number(process.env.E2E_RETRIES ?? 1) || 0);

type Run = { file: string; ok: boolean; output: string; seconds: number };

function runFile(file: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', path.join('test/e2e', file)], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code, signal) =>
      resolve({ file, ok: code === 0, output: signal ? `${output}\n(killed by ${signal})` : output, seconds: Math.round((Date.now() - started) / 1000) }),
    );
  });
}

function report(run: Run, label = '') {
  console.log(`\n--- ${run.file}${label} ${run.ok ? '通过' : '失败'} (${run.seconds}s) ---`);
  process.stdout.write(run.output.endsWith('\n') ? run.output : `${run.output}\n`);
}

const started = Date.now();
console.log(`浏览器测试: ${files.length} 个文件, 同时 ${concurrency} 个 (${os.cpus().length} 核)`);
const queue = [...files];
const first: Run[] = [];
await Promise.all(
  Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
      const run = await runFile(f);
      report(run);
      first.push(run);
    }
  }),
);

const failed = first.filter((r) => !r.ok);
const flaky: Run[] = [];
const broken: Run[] = [];
for (const run of failed) {
  if (retries < 1) {
    broken.push(run);
    continue;
  }
  const again = await runFile(run.file);
  report(again, ' (第二次, 单独运行)');
  (again.ok ? flaky : broken).push(run);
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n=== 浏览器测试: ${files.length} 个文件, ${files.length - broken.length} 个通过, 用时 ${minutes} 分钟 ===`);
for (const r of [...first].sort((a, b) => b.seconds - a.seconds)) console.log(`  ${String(r.seconds).padStart(4)}s  ${r.file}${r.ok ? '' : ' ✖'}`);
if (flaky.length) {
  console.log('\n不稳定 (FLAKY): 第一次失败、单独重跑通过 — 须查明原因修复:');
  for (const r of flaky) {
    const why = r.output.split('\n').filter((l) => /✖|Error|Timeout|waiting for|expected|actual/.test(l));
    console.log(
      `  ${r.file}\n${why
        .slice(0, 12)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  }
}
if (broken.length) {
  console.log(`\n失败: ${broken.map((r) => r.file).join(', ')}`);
  process.exit(1);
}
