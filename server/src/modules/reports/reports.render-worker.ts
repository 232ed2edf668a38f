// The worker thread that turns a report's data into its files (charts, .docx, .xlsx): seconds of CPU
// that would otherwise block the app's event loop — every other request, and with the embedded
// database every query, waits while a report is packed. One long-lived worker per process, started on
// first use; jobs are answered in order.
import { parentPort } from 'node:worker_threads';
import type { ReportData } from './reports.content.ts';
import { reportDocx } from './reports.docx.ts';
import { reportXlsx } from './reports.xlsx.ts';

parentPort?.on('message', async (msg: { id: number; data: ReportData }) => {
  try {
    const docx = await reportDocx(msg.data);
    const xlsx = await reportXlsx(msg.data);
    const d = new Uint8Array(docx);
    const x = new Uint8Array(xlsx);
    parentPort!.postMessage({ id: msg.id, docx: d, xlsx: x }, [d.buffer, x.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
