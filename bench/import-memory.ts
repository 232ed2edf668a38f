// Issue 12 item 6: the peak memory of reading the import's .xlsx (the app's readWorkbook: the zip-bomb
// check, then the rows) against the raw baseline — exceljs loading the same file alone — each in a
// fresh process of its own, measured in the same run. Peak RSS is the kernel's high-water mark
// (process.resourceUsage().maxRSS); the heap high-water is sampled every 2 ms.
//   node bench/import-memory.ts <file.xlsx> app|raw     (one measurement; prints JSON)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from './lib.ts';

type Peak = { rssMb: number; heapMb: number; ms: number; rows: number };

async function measure(file: string, mode: 'app' | 'raw'): Promise<Peak> {
  const buf = fs.readFileSync(file);
  let heap = 0;
  const timer = setInterval(() => {
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }, 2);
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'app') {
    const { readWorkbook } = await import('../server/src/modules/enterprises/enterprises.excel.ts');
    rows = (await readWorkbook(buf)).rows.length;
  } else {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    rows = wb.worksheets[0].actualRowCount - 1;
  }
  const ms = performance.now() - t0;
  heap = Math.max(heap, process.memoryUsage().heapUsed);
  clearInterval(timer);
  return { rssMb: process.resourceUsage().maxRSS / 1024, heapMb: heap / 2 ** 20, ms, rows };
}

/** Both measurements for this file, each in a new process, as bench rows. */
export function importMemoryRows(file: Buffer, label: string, n: number): Row[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-import-mem-'));
  try {
    const at = path.join(dir, 'import.xlsx');
    fs.writeFileSync(at, file);
    const run = (mode: 'app' | 'raw'): Peak => {
      const r = spawnSync(process.execPath, [import.meta.filename, at, mode], { encoding: 'utf8', env: process.env });
      if (r.status !== 0) throw new Error(`import memory (${mode}) exited ${r.status}: ${r.stderr.slice(-500)}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as Peak;
    };
    const raw = run('raw');
    const app = run('app');
    if (app.rows !== n || raw.rows !== n) throw new Error(`import memory: read ${app.rows} / ${raw.rows} rows of ${n}`);
    return [
      {
        scenario: `enterprise import, ${n.toLocaleString('en-US')} rows: peak memory of reading the .xlsx`,
        database: label,
        p50: app.ms,
        throughput: app.rssMb,
        unit: 'MB peak RSS',
        baseline: `${Math.round(raw.rssMb)} MB RSS, heap ${Math.round(raw.heapMb)} MB (exceljs load alone, ${(raw.ms / 1000).toFixed(1)} s)`,
        ratio: `${(app.rssMb / raw.rssMb).toFixed(2)}×`,
        target: '—',
        ok: null,
        note: `app: heap high-water ${Math.round(app.heapMb)} MB (file ${(file.length / 1e6).toFixed(1)} MB; zip checked, rows streamed)`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const [file, mode] = process.argv.slice(2);
  console.log(JSON.stringify(await measure(file, mode === 'raw' ? 'raw' : 'app')));
}
