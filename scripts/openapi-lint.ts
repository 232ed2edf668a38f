// `npm run lint:openapi` (issue 18): the OpenAPI document integrators generate their clients from,
// checked by Redocly's `recommended` rules. Builds the app without listening (embedded, in-memory
// database; nothing migrated — the document is built from the routes), takes /api/openapi.json through
// app.inject, writes it to a temporary file and runs `redocly lint --extends=recommended` on it with
// telemetry and the update check off (no network). Exits with redocly's status: non-zero on any error.
// Extra arguments go to redocly (e.g. `npm run lint:openapi -- --format=summary`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/client.ts';

const root = path.resolve(import.meta.dirname, '..');
const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: '' });
const database = await openDatabase({});
let doc: string;
try {
  const app = await buildApp({ config, database });
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  await app.close();
  if (res.statusCode !== 200) throw new Error(`/api/openapi.json answered ${res.statusCode}`);
  doc = res.body;
} finally {
  await database.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-openapi-'));
const file = path.join(dir, 'openapi.json');
fs.writeFileSync(file, doc);
const redocly = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'redocly.cmd' : 'redocly');
const r = spawnSync(redocly, ['lint', '--extends=recommended', ...process.argv.slice(2), file], {
  stdio: 'inherit',
  cwd: dir, // no redocly.yaml is picked up: the rules are exactly `recommended`
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
fs.rmSync(dir, { recursive: true, force: true });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
