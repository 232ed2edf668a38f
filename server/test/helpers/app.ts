// Builds the real app on the test database; requests go through app.inject (no open ports).
import { after } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { closeTestDatabase, testDatabase } from './db.ts';
import type { TestUser } from './factory.ts';

export type TestApp = { app: FastifyInstance; config: Config };

/**
 * The last warnings and errors the test apps logged, one JSON line each (the console stays silent):
 * a failing test can show what the app saw, such as the reader's own error behind a refused upload.
 */
export const appWarnings: string[] = [];
const warningSink = {
  write(line: string) {
    appWarnings.push(line);
    if (appWarnings.length > 200) appWarnings.shift();
  },
};

// One app per env: a process of scripts/test.ts runs several files, and two of them may ask for different settings.
const apps = new Map<string, Promise<TestApp>>();

/** One app per test process and env; closed after the process's tests. */
export function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const key = JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
  let current = apps.get(key);
  current ??= (async () => {
    const database = await testDatabase();
    // The per-address throttles are raised: a test file calls from one address many times (a test of a throttle sets its own).
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      LOGIN_RATE_PER_MINUTE: '1000',
      INTEGRATION_TOKEN_FAILURES_PER_MINUTE: '1000',
      ...env,
      DATABASE_URL: process.env.DATABASE_URL ?? '',
    });
    const logger = config.logLevel === 'silent' ? { level: 'warn', stream: warningSink } : undefined;
    const app = await buildApp({ config, database, logger });
    await app.ready();
    return { app, config };
  })();
  apps.set(key, current);
  return current;
}

// Registered at import time, so it runs once after all of the process's tests (not after the first): the
// file's, or with --test-isolation=none (scripts/test.ts) those of every file of the batch.
after(async () => {
  const all = [...apps.values()];
  apps.clear();
  for (const a of all) await (await a).app.close();
  await closeTestDatabase();
});

export type Call = Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };

/** Calls the app as a signed-in user (cookie + CSRF header), or anonymously with `as: null`. */
export async function call(app: FastifyInstance, as: TestUser | null, opts: Call): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (as) {
    headers.cookie = `zqt_sid=${as.token}`;
    headers['x-csrf-token'] ??= as.csrfToken;
  }
  return app.inject({ ...opts, headers } as InjectOptions);
}
