// `npm start`'s process: starts on a data folder, loads demo data once, serves, and on SIGTERM
// finishes and closes PGlite so the folder reopens; a second start duplicates nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function runServer(env: Record<string, string>, whileUp: (base: string) => Promise<void>) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'server/src/server.ts')], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('政企通已启动')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await whileUp(`http://127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await exited;
  return { code, out };
}

test('start, serve, SIGTERM closes cleanly; a second start reopens the data folder and duplicates nothing', { timeout: 240_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-start-'));
  const env = { DATA_DIR: dir, DATABASE_URL: '' };
  try {
    let firstCount = 0;
    const first = await runServer(env, async (base) => {
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sysadmin', password: 'Zqt@2026demo' }),
      });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const units = await (await fetch(`${base}/api/units`, { headers: { cookie } })).json();
      firstCount = units.total;
      assert.equal(firstCount, 12, 'the 12 provincial units of the seed document');
      // The demo enterprise account sees its own enterprise's appeals in the portal.
      const ent = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'enterprise', password: 'Zqt@2026demo' }),
      });
      const entCookie = ent.headers.get('set-cookie')!.split(';')[0];
      const mine = await (await fetch(`${base}/api/portal/appeals`, { headers: { cookie: entCookie } })).json();
      assert.ok(mine.total > 0, 'the demo enterprise has appeals');
    });
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /已载入演示数据/);
    assert.match(first.out, /演示账号/);
    assert.match(first.out, /已关闭/);

    const second = await runServer(env, async (base) => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sysadmin', password: 'Zqt@2026demo' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const units = await (await fetch(`${base}/api/units`, { headers: { cookie } })).json();
      assert.equal(units.total, firstCount);
    });
    assert.equal(second.code, 0, second.out);
    assert.doesNotMatch(second.out, /已载入演示数据/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
