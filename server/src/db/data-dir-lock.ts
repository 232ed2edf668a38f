// One process per embedded data folder (issue 12 item 9). PGlite has no postmaster.pid of its own:
// two processes on one DATA_DIR each run their own PostgreSQL over the same files, and the second
// one's writes (and later the first one's) are lost. Every entry point that opens the folder — the
// server, every CLI command, gen, bench — goes through openDatabase → acquireDataDirLock.
//
// The lock is the file <DATA_DIR>/zqt.lock, created with O_EXCL (atomic on a local filesystem),
// holding { pid, host, startedAt, command, procStart }. A second process finds it and refuses,
// naming the holder. A lock whose holder is gone (same host, pid not alive, or alive but a
// different process — its start time in /proc differs: the pid was reused) is stale: it is taken
// over under a short O_EXCL "takeover" file, so two processes that both find the same stale lock
// cannot both win. A lock from another host is never taken over (the folder may be shared).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'zqt.lock';
const TAKEOVER_FILE = 'zqt.lock.takeover';
/** A takeover file older than this was left by a process that died mid-takeover (a takeover takes milliseconds). */
const TAKEOVER_STALE_MS = 10_000;

export type LockHolder = { pid: number; host: string; startedAt: string; command: string; procStart?: string };

export class DataDirLockedError extends Error {
  readonly holder: LockHolder | null;
  constructor(dir: string, holder: LockHolder | null) {
    const who = holder ? `pid ${holder.pid}，主机 ${holder.host}，自 ${holder.startedAt} 起，命令 ${holder.command}` : '持有者信息无法读取 (holder unreadable)';
    const whoEn = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.startedAt}, command "${holder.command}"` : 'holder unreadable';
    super(
      `数据目录 ${dir} 正被另一个进程使用（${who}）。同一数据目录同时只能由一个进程打开：请先停止该进程，或通过运行中的服务操作。\n` +
        `The data folder ${dir} is in use by another process (${whoEn}). Stop it first, or work through the running server. ` +
        `If that process is gone on another host, remove ${path.join(dir, LOCK_FILE)} by hand.`,
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot (Linux); undefined elsewhere. */
function procStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

/** True when the holder is certainly gone: same host and its pid is dead or now another process. */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return false;
  if (!pidAlive(holder.pid)) return true;
  const now = procStart(holder.pid);
  return holder.procStart !== undefined && now !== undefined && now !== holder.procStart;
}

function writeExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

export type DataDirLock = { file: string; holder: LockHolder; release(): void };

/**
 * Takes the folder's lock or throws DataDirLockedError. `command` names what holds it (shown to a
 * second process). The lock is released by release(); a crash leaves it, and the next process on
 * this host takes it over as stale.
 */
export function acquireDataDirLock(dir: string, command: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const takeover = path.join(dir, TAKEOVER_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command, procStart: procStart(process.pid) };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (writeExclusive(file, content)) return lockOf(file, me);
    const holder = readHolder(file);
    if (holder && !isStale(holder)) throw new DataDirLockedError(dir, holder);
    if (!holder) {
      // Being written right now (created, content not yet there), or garbage left by a crash at that
      // instant: give a writer a moment, then treat an unreadable file that stays unreadable as stale.
      const age = Date.now() - safeMtime(file);
      if (age < 2_000) {
        sleepSync(50);
        continue;
      }
    }
    // Stale: take it over under the takeover file, re-checking inside it.
    if (!writeExclusive(takeover, content)) {
      if (Date.now() - safeMtime(takeover) > TAKEOVER_STALE_MS) fs.rmSync(takeover, { force: true });
      sleepSync(50);
      continue;
    }
    try {
      const again = readHolder(file);
      if (again && !isStale(again)) throw new DataDirLockedError(dir, again);
      if (again && holder && (again.pid !== holder.pid || again.startedAt !== holder.startedAt)) continue; // changed under us: look again
      fs.rmSync(file, { force: true });
      if (writeExclusive(file, content)) return lockOf(file, me);
    } finally {
      fs.rmSync(takeover, { force: true });
    }
  }
  throw new DataDirLockedError(dir, readHolder(file));
}

function lockOf(file: string, me: LockHolder): DataDirLock {
  let released = false;
  return {
    file,
    holder: me,
    release() {
      if (released) return;
      released = true;
      // Remove it only while it is still ours.
      const h = readHolder(file);
      if (h && h.pid === me.pid && h.startedAt === me.startedAt && h.host === me.host) fs.rmSync(file, { force: true });
    },
  };
}

function safeMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
