// Issue 12 item 9: one process per embedded data folder. A second process — the server, any CLI
// command — refuses with a message naming the holder; a lock left by a dead process on this host
// is taken over; of several processes racing for a stale lock exactly one wins.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataDirLockedError, LOCK_FILE, acquireDataDirLock } from '../../src/db/data-dir-lock.ts';
import { ZQT } from '../helpers/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOCK_MODULE = path.join(ROOT, 'server/src/db/data-dir-lock.ts');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-lock-'));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('issue 12 item 9: a second acquire of the folder is refused with the holder named in Chinese and English; release frees it', () => {
  const dir = tmp();
  try {
    const lock = acquireDataDirLock(dir, 'server');
    assert.throws(
      () => acquireDataDirLock(dir, 'zqt user create'),
      (err: Error) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.match(
          err.message,
          new RegExp(`数据目录 .* 正被另一个进程使用（pid ${process.pid}，主机 ${os.hostname()}，自 \\d{4}-\\d\\d-\\d\\dT.*起，命令 server）`),
        );
        assert.match(err.message, new RegExp(`in use by another process \\(pid ${process.pid} on ${os.hostname()} since .*command "server"\\)`));
        return true;
      },
    );
    lock.release();
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
    acquireDataDirLock(dir, 'again').release();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('issue 12 item 9: a stale lock (dead pid, or a reused pid of another start time, same host) is taken over; another host’s lock never is', () => {
  const dir = tmp();
  const file = path.join(dir, LOCK_FILE);
  try {
    fs.writeFileSync(file, JSON.stringify({ pid: deadPid(), host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'server' }));
    const a = acquireDataDirLock(dir, 'after a crash');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid);
    a.release();

    // The parent process is alive, but the lock says it started at another time: the pid was reused.
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'server', procStart: '1' }),
    );
    acquireDataDirLock(dir, 'after pid reuse').release();

    fs.writeFileSync(file, JSON.stringify({ pid: deadPid(), host: 'another-host.example', startedAt: '2026-01-01T00:00:00.000Z', command: 'server' }));
    assert.throws(() => acquireDataDirLock(dir, 'x'), DataDirLockedError);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).host, 'another-host.example', 'left as it was');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('issue 12 item 9: eight processes racing for one stale lock — exactly one wins, the others are refused naming it', async () => {
  const dir = tmp();
  try {
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'server' }),
    );
    const script = `
      import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
      try { const l = acquireDataDirLock(${JSON.stringify(dir)}, 'racer'); console.log('won'); setTimeout(() => l.release(), 5000); }
      catch (e) { console.log(e.name === 'DataDirLockedError' && e.holder?.command === 'racer' ? 'refused' : 'error ' + e.message); }`;
    const outs = await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          new Promise<string>((resolve) => {
            const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
            let out = '';
            c.stdout.on('data', (d) => (out += d));
            c.on('exit', () => resolve(out.trim()));
          }),
      ),
    );
    assert.equal(outs.filter((o) => o === 'won').length, 1, outs.join(','));
    assert.equal(outs.filter((o) => o === 'refused').length, 7, outs.join(','));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('issue 12 item 9: zqt user create against a folder held by another process exits 1 naming the holder and writes nothing; after the holder is killed it works', async () => {
  const dir = tmp();
  let holder: ReturnType<typeof spawn> | undefined;
  try {
    holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)}; acquireDataDirLock(${JSON.stringify(dir)}, 'server'); console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = holder;
    await new Promise<void>((resolve) => started.stdout!.once('data', () => resolve()));
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', MIGRATION_DATABASE_URL: '' };
    const args = [...ZQT, 'user', 'create', '--tenant', '370000', '--username', 'locktest', '--name', '锁测试'];
    const refused = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.equal(refused.stdout, '', 'no password printed');
    assert.match(refused.stderr, new RegExp(`正被另一个进程使用（pid ${started.pid}，`));
    assert.match(refused.stderr, /in use by another process/);
    assert.deepEqual(fs.readdirSync(dir), [LOCK_FILE], 'the folder was not touched');
    started.kill('SIGKILL');
    await new Promise((r) => started.once('exit', r));
    const after = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 300_000 });
    assert.equal(after.status, 0, after.stderr);
    assert.match(after.stdout, /locktest/);
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false, 'released at exit');
  } finally {
    if (holder && holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
