// Periodic tasks that run ONCE across every app instance sharing the database (PRODUCT.md: "jobs
// live in PostgreSQL and run once even with several app instances").
//
// Each task has a row in scheduled_tasks. runDueTasks claims the due rows in one short transaction
// (SELECT … FOR UPDATE SKIP LOCKED, then next_run_at moves to the next slot and a lease is taken),
// runs each claimed task OUTSIDE that transaction (PGlite has one connection: a long transaction
// would block the task's own queries), and releases the lease with the outcome. A second instance
// (or a second concurrent call) skips the locked rows or finds next_run_at already in the future.
// A run that crashes leaves its lease, which another instance may take over once it expires.
// Leases are short (default 60 s) and renewed by a heartbeat while the run lasts, so a long run keeps
// its lease and a killed holder blocks its task for at most a minute; a holder on this host whose
// process is gone (an instance killed and restarted) is reclaimed at once (issue 12 item 13).
//
// Started by server.ts (startScheduler), never by buildApp: tests drive runDueTasks themselves.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';

export type TaskContext = {
  db: Db;
  now: Date;
  state: Record<string, unknown>;
  /**
   * The tenants to act on; undefined: every tenant (the app's own runs). A test passes its own
   * tenants (runDueTasks opts) so that the real task, run on the shared test database, never touches
   * another test's tenants. Whole-database tasks honour it; the others keep to their own rows anyway.
   */
  tenantIds?: readonly string[];
};
export type TaskResult = { result?: Record<string, unknown>; state?: Record<string, unknown> } | undefined;

export type TaskDef = {
  name: string;
  intervalSeconds: number;
  /**
   * How long a lease lasts without renewal (default 60 s); a heartbeat renews it every third of
   * that while the run goes on, so it bounds how long a crashed holder blocks the task.
   */
  leaseSeconds?: number;
  run(ctx: TaskContext): Promise<TaskResult>;
};

export type TaskRun = { name: string; ok: boolean; durationMs: number; result?: Record<string, unknown>; error?: string };

const registry = new Map<string, TaskDef>();

/** Registers a task for runDueTasks / startScheduler (the default task list: jobs/tasks.ts). */
export function registerTask(def: TaskDef) {
  registry.set(def.name, def);
}
export const registeredTasks = () => [...registry.values()];

export const DEFAULT_LEASE_SECONDS = 60;

/** This process's start time in clock ticks since boot (Linux /proc); '' elsewhere. Tells a reused pid apart. */
function procStart(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** This process's name in scheduled_tasks.leased_by: host:pid:start:random. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${procStart(process.pid)}:${crypto.randomBytes(3).toString('hex')}`;

/**
 * True when `leasedBy` names a process of this host that is gone (dead pid, or the pid now belongs
 * to a process started at another time). Another host's holder is never judged from here.
 */
export function holderIsGone(leasedBy: string): boolean {
  const [host, pidText, start] = leasedBy.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || start === undefined) return false;
  if (pid === process.pid) return leasedBy !== INSTANCE_ID && start !== procStart(pid);
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
  return start !== '' && procStart(pid) !== '' && procStart(pid) !== start;
}

/** Slots are aligned to the interval (a minute task runs at :00 of each minute). */
export function nextSlot(now: Date, intervalSeconds: number): Date {
  const step = intervalSeconds * 1000;
  return new Date(Math.floor(now.getTime() / step) * step + step);
}

/** Makes sure every task has its row; a new task is due at once. */
export async function ensureTasks(db: Db, tasks: readonly TaskDef[], now: Date) {
  if (!tasks.length) return;
  const rows = JSON.stringify(tasks.map((t) => ({ name: t.name, interval_seconds: t.intervalSeconds })));
  await db.execute(sql`
    INSERT INTO scheduled_tasks (name, interval_seconds, next_run_at)
    SELECT x.name, x.interval_seconds, ${now} FROM jsonb_to_recordset(${rows}::jsonb) AS x(name text, interval_seconds int)
    ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds
      WHERE scheduled_tasks.interval_seconds <> EXCLUDED.interval_seconds`);
}

type Claimed = { name: string; state: Record<string, unknown> };

async function claim(db: Db, tasks: readonly TaskDef[], now: Date, instance: string): Promise<Claimed[]> {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const names = sql.join(
    [...byName.keys()].map((n) => sql`${n}`),
    sql`, `,
  );
  // Leases held by processes of this host that are gone are free now, not when they expire.
  const held = await queryRows<{ name: string; leased_by: string }>(
    db,
    sql`SELECT name, leased_by FROM scheduled_tasks WHERE name IN (${names}) AND lease_until >= ${now} AND leased_by IS NOT NULL`,
  );
  const orphaned = held.filter((h) => holderIsGone(h.leased_by));
  const reclaim = orphaned.length
    ? sql` OR (name, leased_by) IN (${sql.join(
        orphaned.map((o) => sql`(${o.name}, ${o.leased_by})`),
        sql`, `,
      )})`
    : sql``;
  return db.transaction(async (tx) => {
    const due = await queryRows<{ name: string; state: Record<string, unknown> }>(
      tx,
      sql`
      SELECT name, state FROM scheduled_tasks
      WHERE name IN (${names})
        AND next_run_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now}${reclaim})
      ORDER BY name
      FOR UPDATE SKIP LOCKED`,
    );
    for (const d of due) {
      const t = byName.get(d.name)!;
      await tx.execute(sql`
        UPDATE scheduled_tasks SET next_run_at = ${nextSlot(now, t.intervalSeconds)},
          lease_until = ${new Date(now.getTime() + (t.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000)}, leased_by = ${instance},
          last_started_at = ${now}, updated_at = now()
        WHERE name = ${d.name}`);
    }
    return due.map((d) => ({ name: d.name, state: d.state ?? {} }));
  });
}

/**
 * Runs every task that is due at `now` and not being run elsewhere; returns what ran. Tests call it
 * with a chosen `now` and (to stay independent on a shared database) their own task list.
 */
export async function runDueTasks(
  db: Db,
  now: Date = new Date(),
  opts: { tasks?: readonly TaskDef[]; instance?: string; tenantIds?: readonly string[] } = {},
): Promise<TaskRun[]> {
  const tasks = opts.tasks ?? registeredTasks();
  if (!tasks.length) return [];
  const instance = opts.instance ?? INSTANCE_ID;
  await ensureTasks(db, tasks, now);
  const claimed = await claim(db, tasks, now, instance);
  const runs: TaskRun[] = [];
  for (const c of claimed) {
    const def = tasks.find((t) => t.name === c.name)!;
    const started = performance.now();
    let run: TaskRun;
    let state = c.state;
    const heartbeat = startHeartbeat(db, c.name, instance, now, started, def.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
    try {
      const out = (await def.run({ db, now, state: c.state, tenantIds: opts.tenantIds })) ?? {};
      if (out.state) state = out.state;
      run = { name: c.name, ok: true, durationMs: Math.round(performance.now() - started), result: out.result };
    } catch (err) {
      run = { name: c.name, ok: false, durationMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
    } finally {
      await heartbeat.stop();
    }
    await db.execute(sql`
      UPDATE scheduled_tasks SET lease_until = NULL, leased_by = NULL, last_finished_at = now(), last_ok = ${run.ok},
        last_error = ${run.error ?? null}, last_duration_ms = ${run.durationMs}, last_result = ${JSON.stringify(run.result ?? null)}::jsonb,
        run_count = run_count + 1, state = ${JSON.stringify(state)}::jsonb, updated_at = now()
      WHERE name = ${c.name} AND leased_by = ${instance}`);
    runs.push(run);
  }
  return runs;
}

/**
 * Renews the lease every third of its length while the run goes on. Times are the run's `now` plus
 * the real time elapsed, so a test's chosen clock and the lease agree.
 */
function startHeartbeat(db: Db, name: string, instance: string, now: Date, startedMs: number, leaseSeconds: number) {
  let beat: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      const until = new Date(now.getTime() + (performance.now() - startedMs) + leaseSeconds * 1000);
      beat = db
        .execute(sql`UPDATE scheduled_tasks SET lease_until = ${until}, updated_at = now() WHERE name = ${name} AND leased_by = ${instance}`)
        .catch(() => {}); // a missed beat only shortens the lease; the next one retries
    },
    Math.max(1_000, (leaseSeconds * 1000) / 3),
  );
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await beat;
    },
  };
}

export type Scheduler = { stop(): Promise<void> };

/**
 * Polls every `tickMs` and runs the due tasks. stop() waits for a run in progress, so the caller
 * can close the database afterwards.
 */
export function startScheduler(db: Db, opts: { tickMs?: number; log?: (msg: string) => void; tasks?: readonly TaskDef[] } = {}): Scheduler {
  const tickMs = opts.tickMs ?? 5_000;
  const log = opts.log ?? ((m: string) => console.error(m));
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    current = runDueTasks(db, new Date(), { tasks: opts.tasks })
      .then((runs) => {
        for (const r of runs) if (!r.ok) log(`定时任务 ${r.name} 失败 (scheduled task failed): ${r.error}`);
      })
      .catch((err) => log(`定时任务调度出错 (scheduler error): ${err instanceof Error ? err.message : err}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, tickMs);
      });
  };
  timer = setTimeout(tick, Math.min(tickMs, 1_000));
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
