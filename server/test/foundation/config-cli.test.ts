// Configuration validated once at start; the `zqt` CLI for migrations and accounts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { zqt } from '../helpers/cli.ts';

test('config: defaults, and a bad value names the variable', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.demoData, true);
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'maybe' }), /TRUST_PROXY/);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).cookieSecure, true);
});

test('zqt migrate, user create and user reset-password on an embedded data folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-cli-'));
  const env = { DATA_DIR: dir, DATABASE_URL: '' };
  try {
    const m = zqt(['migrate'], env);
    assert.equal(m.code, 0, m.err);
    assert.ok(JSON.parse(m.out).applied.length >= 1);
    assert.deepEqual(JSON.parse(zqt(['migrate'], env).out).applied, [], 'a second run applies nothing');

    const c = zqt(['user', 'create', '--tenant', '370000', '--username', 'first_admin', '--name', '首位管理员', '--role', 'sysadmin'], env);
    assert.equal(c.code, 0, c.err);
    const created = JSON.parse(c.out);
    assert.equal(created.username, 'first_admin');
    assert.ok(created.initialPassword.length >= 12);
    const dup = zqt(['user', 'create', '--tenant', '370000', '--username', 'FIRST_ADMIN', '--name', 'x'], env);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /已存在/);
    const bad = zqt(['user', 'create', '--tenant', '370000', '--username', 'y', '--name', 'y', '--role', 'king'], env);
    assert.equal(bad.code, 1);
    const r = zqt(['user', 'reset-password', '--username', 'first_admin'], env);
    assert.equal(r.code, 0, r.err);
    assert.notEqual(JSON.parse(r.out).initialPassword, created.initialPassword);
    assert.equal(zqt(['nonsense'], env).code, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
