// Integration fixtures (issue 18): a client with a token, made the way sysadmin makes them (the
// service), and the authorization matrix's resource fixtures.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { sha256 } from '../../src/lib/crypto.ts';

/** Matrix fixture 'integrationClient'. */
export async function integrationClientFixture(db: Db, tenantId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.execute(sql`INSERT INTO integration_clients (id, tenant_id, name, channel, rate_limit_per_minute)
    VALUES (${id}, ${tenantId}, ${`矩阵接入系统 ${id.slice(0, 8)}`}, 'hotline_12345', 100)`);
  return id;
}

/** Matrix fixture 'integrationToken'. */
export async function integrationTokenFixture(db: Db, tenantId: string): Promise<string> {
  const clientId = await integrationClientFixture(db, tenantId);
  const id = crypto.randomUUID();
  await db.execute(sql`INSERT INTO integration_tokens (id, tenant_id, client_id, token_hash, prefix, scopes, expires_at)
    VALUES (${id}, ${tenantId}, ${clientId}, ${sha256(id)}, 'zqt_xxxxxx', '["work_orders:write"]'::jsonb, now() + interval '30 days')`);
  return id;
}

/** A client of the tenant with a token of every scope and a high rate limit: the raw token, for token routes in the foundation tests. */
export async function integrationBearer(db: Db, tenantId: string): Promise<string> {
  const clientId = crypto.randomUUID();
  await db.execute(sql`INSERT INTO integration_clients (id, tenant_id, name, channel, rate_limit_per_minute)
    VALUES (${clientId}, ${tenantId}, ${`测试接入系统 ${clientId.slice(0, 8)}`}, 'hotline_12345', 6000)`);
  const token = `zqt_${crypto.randomBytes(32).toString('base64url')}`;
  await db.execute(sql`INSERT INTO integration_tokens (tenant_id, client_id, token_hash, prefix, scopes, expires_at)
    VALUES (${tenantId}, ${clientId}, ${sha256(token)}, ${token.slice(0, 10)}, '["work_orders:write","work_orders:read"]'::jsonb, now() + interval '30 days')`);
  return token;
}
