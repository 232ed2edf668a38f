// Writes the upgrade fixture (issue 21): the demo data of the current schema as a data-only SQL
// script, test/fixtures/upgrade/demo-<migration level>.sql.gz, read by server/test/ops/upgrade.test.ts
// (which builds the schema up to that level, loads it, migrates to the current schema and runs
// smoke checks). Run it once per release, before the release's first new migration, and commit the
// file (keep the previous one until the next release):
//   psql -h 127.0.0.1 -U postgres -c 'create database zqt_fixture'
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zqt_fixture node scripts/make-upgrade-fixture.ts
// The database must be empty; it needs pg_dump (PostgreSQL 15 client).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openDatabase } from '../server/src/db/client.ts';
import { listMigrations, migrate } from '../server/src/db/migrate.ts';
import { loadDemoData } from '../server/src/seed/demo.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('请设置 DATABASE_URL 为一个空数据库 (set DATABASE_URL to an empty database)');
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: url, poolMax: 2 });
try {
  await migrate(database);
  if (!(await loadDemoData(database.db))) throw new Error('数据库已有演示数据，请使用空数据库 (use an empty database)');
} finally {
  await database.close();
}
const level = listMigrations().at(-1)!.tag;
const dump = spawnSync(
  'pg_dump',
  ['--data-only', '--inserts', '--disable-triggers', '--no-owner', '--no-acl', '--exclude-table-data=schema_migrations', `--dbname=${url}`],
  { maxBuffer: 1 << 30 },
);
if (dump.status !== 0) {
  console.error(dump.stderr.toString());
  process.exit(1);
}
const out = path.resolve(import.meta.dirname, `../test/fixtures/upgrade/demo-${level}.sql.gz`);
const head = `-- Zhengqitong demo data at migration ${level} (scripts/make-upgrade-fixture.ts, ${new Date().toISOString()})\n`;
// pg_dump's psql meta-commands (\\restrict …) are not SQL: the fixture is run as plain SQL.
const body = dump.stdout
  .toString('utf8')
  .split('\n')
  .filter((line) => !line.startsWith('\\'))
  .join('\n');
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(head + body), { level: 9 }));
console.log(`${out}: ${fs.statSync(out).size} bytes`);
