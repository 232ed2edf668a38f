// The import worker: a loop in every app process. It claims one job at a time with
// FOR UPDATE SKIP LOCKED, so several instances share the queue and never run a job twice. A job
// whose worker died (lock older than STALE) is picked up again: validation is repeatable and the
// import is one transaction, so a half-done attempt left nothing behind.
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { runCommit, runValidation } from './enterprises.import.ts';

const IDLE_MS = 1000;
const STALE = '10 minutes';
const MAX_ATTEMPTS = 3;

type Claimed = { id: string; status: 'validating' | 'importing'; attempts: number };

export async function claimJob(database: Database, workerId: string): Promise<Claimed | null> {
  const [job] = await queryRows<Claimed>(
    database.db,
    sql`UPDATE import_jobs j
           SET status = CASE WHEN j.status IN ('uploaded', 'validating') THEN 'validating' ELSE 'importing' END,
               locked_by = ${workerId}, locked_at = now(), attempts = j.attempts + 1, updated_at = now()
         WHERE j.id = (
           SELECT id FROM import_jobs
            WHERE kind = 'enterprises'
              AND (status IN ('uploaded', 'queued')
                   OR (status IN ('validating', 'importing') AND locked_at < now() - ${STALE}::interval))
            ORDER BY created_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING j.id, j.status, j.attempts`,
  );
  return job ?? null;
}

/** Runs one claimed job to its end state. */
/** Where the worker reports failures (the app passes its logger). */
export type WorkerLog = {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
};

export async function runJob(database: Database, job: Claimed, log?: WorkerLog) {
  if (job.attempts > MAX_ATTEMPTS) {
    await database.db.execute(
      sql`UPDATE import_jobs SET status = ${job.status === 'validating' ? 'rejected' : 'failed'},
            message = '多次尝试均未完成，已停止。未写入任何数据，请重新上传。', rows = NULL, file = NULL,
            locked_by = NULL, locked_at = NULL, finished_at = now(), updated_at = now()
          WHERE id = ${job.id}`,
    );
    return;
  }
  if (job.status === 'validating') {
    try {
      const { unreadable } = await runValidation(database.db, job.id);
      if (unreadable !== undefined) log?.warn({ err: unreadable, jobId: job.id }, 'import file refused as unreadable');
    } catch (err) {
      log?.error({ err, jobId: job.id }, 'import validation failed');
      await database.db.execute(
        sql`UPDATE import_jobs SET status = 'rejected', message = '校验文件时出错，请检查文件后重新上传', file = NULL,
              locked_by = NULL, locked_at = NULL, finished_at = now(), updated_at = now() WHERE id = ${job.id}`,
      );
    }
  } else {
    // Progress rows can be written from outside the import transaction only with a server pool;
    // PGlite runs one statement at a time, so there the progress jumps at the end.
    const r = await runCommit(database.db, job.id, database.kind === 'postgres' ? database.db : null);
    if (r.failed) log?.error({ err: r.error, jobId: job.id }, 'enterprise import failed (rolled back)');
  }
}

/** Claims and runs jobs until none is left (the CLI and tests use it directly). */
export async function drainJobs(database: Database, workerId = `drain:${process.pid}`) {
  let n = 0;
  for (let job = await claimJob(database, workerId); job; job = await claimJob(database, workerId)) {
    await runJob(database, job);
    n++;
  }
  return n;
}

export type ImportWorker = { start(): void; kick(): void; stop(): Promise<void> };

export function createImportWorker(database: Database, log?: WorkerLog): ImportWorker {
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  let stopped = true;
  let wake: (() => void) | null = null;
  let running: Promise<void> | null = null;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, IDLE_MS);
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function loop() {
    while (!stopped) {
      let job: Claimed | null = null;
      try {
        job = await claimJob(database, workerId);
        if (job) await runJob(database, job, log);
      } catch (err) {
        if (stopped) break;
        log?.error({ err }, 'import worker error');
      }
      if (!job && !stopped) await sleep();
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    kick() {
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
