// The one process: API and web pages on one port (started by server.ts). Ctrl-C / SIGTERM: see shutdown below.
import { buildApp } from './app.ts';
import { appRoleWarning, openJobsDatabase, openMigratedDatabase } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from './seed/demo.ts';
import { startBackgroundJobs } from './jobs/tasks.ts';
import { startControlSocket } from './db/control-socket.ts';

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
  const warning = await appRoleWarning(database);
  if (warning) console.error(warning);
  if (config.demoData && (await loadDemoData(database.db))) console.log('已载入演示数据 (demo data loaded)');
  const app = await buildApp({ config, database });
  const jobsDatabase = await openJobsDatabase(config, database);
  // Issue 21: embedded mode — `zqt backup` asks this process over a local socket (it holds the folder).
  const control = database.pglite
    ? await startControlSocket(database.pglite, config.dataDir).catch((err) => {
        console.error(`本机备份控制套接字未能开启，运行中无法 zqt backup (control socket unavailable): ${err instanceof Error ? err.message : err}`);
        return undefined;
      })
    : undefined;
  const jobs = startBackgroundJobs(jobsDatabase.db, { idempotencyRetentionHours: config.idempotencyRetentionHours });

  // Issue 12 item 12: SIGTERM / Ctrl-C — stop accepting, close idle keep-alive sockets, answer 503
  // (app format) to requests arriving on busy ones, let in-flight requests finish (at most
  // SHUTDOWN_TIMEOUT_MS, then their sockets are closed), stop the scheduler after its current run,
  // close the database (PGlite must be closed to reopen cleanly; its folder's lock is released),
  // exit 0. A failure on the way exits 1.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: 正在关闭… (shutting down)`);
    let code = 0;
    const force = setTimeout(() => {
      console.error('关闭超时，强制退出 (shutdown timed out)');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    force.unref();
    const drain = setTimeout(() => app.server.closeAllConnections(), config.shutdownTimeoutMs);
    drain.unref();
    try {
      await Promise.all([app.close(), jobs.stop(), control?.close()]);
    } catch (err) {
      code = 1;
      console.error(`关闭时出错 (error while closing): ${err instanceof Error ? err.message : err}`);
    } finally {
      clearTimeout(drain);
      if (jobsDatabase !== database) await jobsDatabase.close().catch(() => {});
      await database.close().catch((err) => {
        code = 1;
        console.error(`关闭数据库时出错 (error closing the database): ${err instanceof Error ? err.message : err}`);
      });
    }
    console.log(code === 0 ? '已关闭 (closed cleanly)' : '关闭未完成 (closed with errors)');
    process.exit(code);
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
