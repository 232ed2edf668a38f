// Configuration from environment variables, validated once at start. A bad value stops the
// process with a message naming the variable (see server.ts / cli).
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  TRUST_PROXY: bool.default(false),
  /** Marks the session cookie Secure; on by default behind TRUST_PROXY. */
  COOKIE_SECURE: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Per-IP login attempts allowed per minute (shared across instances, stored in PostgreSQL). */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(20),
  /** Load demo data on first start (embedded mode default true, server mode default false). */
  DEMO_DATA: bool.optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * The owner's connection (server mode) for migrations and the app role's grants; the app itself
   * connects with DATABASE_URL as a role that owns nothing (docs/ARCHITECTURE.md "Database roles").
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Opening a connection, and waiting for a free one in the pool (server mode). */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3_000),
  /** Server-side statement_timeout of the app's connections (0 = none). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  /** Client-side limit on one query's round trip, catches a frozen network (0 = none; default statement timeout + 2 s). */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
  /** Server-side idle_in_transaction_session_timeout (0 = none). */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(15_000),
  /** Statement timeout of the background tasks' own small pool (0 = none): the first figures roll-up at 1M appeals is long. */
  DB_JOBS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** How long SIGTERM waits for in-flight requests before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(7_000),
  /** How long an Idempotency-Key is kept (the guarantee holds for a retry within this many hours). */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  /** Base of absolute links sent to people outside the app (evaluation links in SMS); default http://127.0.0.1:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be an http(s) URL without query or fragment')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Issue 18: the HTTP SMS gateway (docs/INTEGRATIONS.md). Unset: SMS stay pending in the outbox, nothing is claimed as sent. */
  SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMS_GATEWAY_ACCOUNT: z.string().default(''),
  /** Key of the request signature (x-sms-signature: hex HMAC-SHA256). */
  SMS_GATEWAY_SECRET: z.string().default(''),
  /** The SMS sign name (短信签名) put before every text, e.g. 山东省应急管理厅. */
  SMS_SIGN_NAME: z.string().default(''),
  /** Issue 18: e-mail through SMTP. Unset SMTP_HOST: no e-mail is sent (preferences still stored). */
  SMTP_HOST: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  /** Implicit TLS (port 465). */
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().default(''),
  SMTP_PASSWORD: z.string().default(''),
  SMTP_FROM: z.string().default('zhengqitong@localhost'),
  /**
   * Issue 18: webhook URLs may point into private networks (loopback, RFC 1918, CGNAT, unique-local
   * IPv6). Default false: refused at save and at delivery (SSRF guard, lib/net-guard.ts). Link-local
   * (cloud metadata 169.254.169.254), 0.0.0.0 and multicast stay refused either way.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  /** Issue 18: requests with a missing or unknown API token allowed per client address per minute; then 429 with Retry-After. */
  INTEGRATION_TOKEN_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  trustProxy: boolean;
  cookieSecure: boolean;
  logLevel: string;
  loginRatePerMinute: number;
  demoData: boolean;
  dbPoolMax: number;
  migrationDatabaseUrl: string | undefined;
  dbTimeouts: DbTimeouts;
  dbJobsStatementTimeoutMs: number;
  shutdownTimeoutMs: number;
  idempotencyRetentionHours: number;
  /** No trailing slash. */
  publicUrl: string;
  /** Issue 18: null when SMS_GATEWAY_URL is unset. */
  sms: SmsGatewayConfig | null;
  /** Issue 18: null when SMTP_HOST is unset. */
  smtp: SmtpConfig | null;
  /** Issue 18: WEBHOOK_ALLOW_PRIVATE_NETWORKS (default false). */
  webhookAllowPrivateNetworks: boolean;
  /** Issue 18: INTEGRATION_TOKEN_FAILURES_PER_MINUTE (default 10). */
  integrationTokenFailuresPerMinute: number;
};

export type SmsGatewayConfig = { url: string; account: string; secret: string; signName: string };
export type SmtpConfig = { host: string; port: number; secure: boolean; user: string; password: string; from: string };

/** Timeouts of a server-mode connection pool, in milliseconds; 0 switches one off. */
export type DbTimeouts = { connectMs: number; statementMs: number; queryMs: number; idleInTransactionMs: number };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    demoData: e.DEMO_DATA ?? !e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dbTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      queryMs: e.DB_QUERY_TIMEOUT_MS ?? (e.DB_STATEMENT_TIMEOUT_MS ? e.DB_STATEMENT_TIMEOUT_MS + 2_000 : 0),
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    dbJobsStatementTimeoutMs: e.DB_JOBS_STATEMENT_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    idempotencyRetentionHours: e.IDEMPOTENCY_RETENTION_HOURS,
    publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, ''),
    sms: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, account: e.SMS_GATEWAY_ACCOUNT, secret: e.SMS_GATEWAY_SECRET, signName: e.SMS_SIGN_NAME } : null,
    smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM } : null,
    webhookAllowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    integrationTokenFailuresPerMinute: e.INTEGRATION_TOKEN_FAILURES_PER_MINUTE,
  };
}
