// Fault suite, embedded mode (issue 12 item 9 and the kill -9 scenario on PGlite): the real server
// process on a data folder of its own.
//   - a second server and a CLI command on the same folder are refused, naming the holder; nothing written
//   - kill -9 under load with idempotent retries; the restart takes the dead holder's lock over;
//     0 acknowledged appeals lost, 0 duplicates
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/src/db/client.ts';
import { appealsByTitle, login, sleep, startLoad, startServer, type Server } from './harness.ts';
import { ZQT } from '../../server/test/helpers/cli.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-faults-'));
const env = { DATABASE_URL: '', DATA_DIR: dataDir, DEMO_DATA: 'true' };
const running: Server[] = [];
let first: (Server & { started: boolean }) | undefined;

after(async () => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('issue 12 item 9 fault: a second server and `zqt user reset-password` on the folder of a running server are refused naming it; nothing changes', {
  timeout: 300_000,
}, async () => {
  first = await startServer(env);
  running.push(first);
  const second = await startServer(env, { expectStart: false });
  running.push(second);
  const { code } = await second.exited;
  assert.equal(code, 1, second.output());
  assert.match(second.output(), new RegExp(`正被另一个进程使用（pid ${first.child.pid}，主机 ${os.hostname()}，自 .* 起，命令 server\\.ts）`));
  assert.match(second.output(), /The data folder .* is in use by another process/);

  const cli = spawnSync(process.execPath, [...ZQT, 'user', 'reset-password', '--username', 'intake'], {
    env: { ...process.env, ...env, MIGRATION_DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(cli.status, 1, cli.stdout + cli.stderr);
  assert.equal(cli.stdout, '', 'no password printed');
  assert.match(cli.stderr, new RegExp(`pid ${first.child.pid}`));
  // The running server was not disturbed: the demo password still works.
  await login(first.base);
  assert.equal((await fetch(`${first.base}/readyz`)).status, 200);
});

test('issue 12 fault (embedded): kill -9 under load with idempotent retries — the restart takes the lock over; 0 acknowledged appeals lost, 0 duplicates', {
  timeout: 300_000,
}, async () => {
  let s = first ?? (await startServer(env));
  if (!first) running.push(s);
  const port = Number(new URL(s.base).port);
  const session = await login(s.base);
  const marker = `e-kill9-${crypto.randomBytes(3).toString('hex')}`;
  const load = startLoad({ base: () => s.base, session, clients: 4, marker, retry: true });
  await sleep(3_000);
  const before = load.acked.size;
  s.child.kill('SIGKILL');
  assert.equal((await s.exited).signal, 'SIGKILL');
  assert.ok(fs.existsSync(path.join(dataDir, 'zqt.lock')), 'the dead process left its lock');
  s = await startServer(env, { port });
  running.push(s);
  await sleep(2_000);
  await load.stop();
  s.child.kill('SIGTERM');
  assert.equal((await s.exited).code, 0, s.output());
  console.log(`# embedded kill -9: ${before} acknowledged before the kill; ${load.tried.size} keys, ${load.acked.size} acknowledged; ${load.tally}`);

  const database = await openDatabase({ dataDir });
  try {
    const byTitle = appealsByTitle(
      await queryRows<{ id: string; title: string }>(database.db, sql`SELECT id, title FROM appeals WHERE title LIKE ${`${marker}-%`}`),
    );
    const lost = [...load.acked].filter(([key, id]) => !byTitle.get(key)?.includes(id));
    const duplicated = [...byTitle].filter(([, ids]) => ids.length > 1);
    console.log(`# embedded kill -9: lost ${lost.length}, duplicated ${duplicated.length}, appeals ${byTitle.size}`);
    assert.ok(before > 10, 'the load did something before the kill');
    assert.equal(lost.length, 0, `acknowledged but missing: ${lost.slice(0, 5).join(' ')}`);
    assert.equal(duplicated.length, 0);
    assert.equal(byTitle.size, load.acked.size);
  } finally {
    await database.close();
  }
});
