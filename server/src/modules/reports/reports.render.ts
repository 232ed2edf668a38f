// Renders a report's files off the main thread (reports.render-worker.ts). The worker is started on
// first use and kept (unref'd: it never keeps the process alive); if it dies, the next report starts
// a new one. Set ZQT_REPORT_WORKER=0 to render in-process (debugging).
import { Worker } from 'node:worker_threads';
import type { ReportData } from './reports.content.ts';
import { reportDocx } from './reports.docx.ts';
import { reportXlsx } from './reports.xlsx.ts';

type Pending = { resolve: (v: { docx: Buffer; xlsx: Buffer }) => void; reject: (e: Error) => void };
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./reports.render-worker.ts', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; docx?: Uint8Array; xlsx?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(`报告文件生成失败：${m.error}`));
    else p.resolve({ docx: Buffer.from(m.docx!), xlsx: Buffer.from(m.xlsx!) });
    if (!pending.size) w.unref();
  });
  const fail = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    if (worker === w) worker = null;
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`报告生成线程退出（${code}）`)));
  worker = w;
  return w;
}

/** The .docx and .xlsx of a report's data. */
export async function renderReportFiles(data: ReportData): Promise<{ docx: Buffer; xlsx: Buffer }> {
  if (process.env.ZQT_REPORT_WORKER === '0') return { docx: await reportDocx(data), xlsx: await reportXlsx(data) };
  const w = getWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // While a job runs the worker keeps the process alive (a report being stored is not dropped at exit).
    w.ref();
    w.postMessage({ id, data });
  });
}
