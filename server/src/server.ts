// The one process: API and web pages on one port. Ctrl-C / SIGTERM: stop accepting, let
// in-flight requests finish, close the database (PGlite must be closed to reopen cleanly).
import { buildApp } from './app.ts';
import { openMigratedDatabase } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from './seed/demo.ts';
import { startBackgroundJobs } from './jobs/tasks.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const started = performance.now();
  const database = await openMigratedDatabase(config);
  if (config.demoData && (await loadDemoData(database.db))) console.log('已载入演示数据 (demo data loaded)');
  const app = await buildApp({ config, database });
  const jobs = startBackgroundJobs(database.db);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: 正在关闭… (shutting down)`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await jobs.stop();
      await app.close();
    } finally {
      await database.close();
    }
    console.log('已关闭 (closed cleanly)');
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const where = database.kind === 'pglite' ? `嵌入式 PostgreSQL (PGlite) 数据目录 ${config.dataDir}` : 'PostgreSQL 服务器 (DATABASE_URL)';
  console.log(`\n政企通已启动: ${url}   (${where}, ${Math.round(performance.now() - started)} ms)`);
  console.log(`API 文档: ${url}/api/docs`);
  if (config.demoData) {
    console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}）:`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(12)} ${a.roles.join(',').padEnd(20)} ${a.note}`);
    console.log('  sysadmin_370100 … sysadmin_371700  各市应急局系统管理员');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
