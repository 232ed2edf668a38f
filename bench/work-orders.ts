// Issue 18: work orders in through the token API at 16 clients (one token each, as 16 source
// platforms would), beside the raw intake baseline of the same run (bench/intake.ts: the intake
// statements replayed directly). A work order is an intake plus its idempotency row and the token
// check, so the same ≥ 50% of raw target applies.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../server/src/db/client.ts';
import { queryRows } from '../server/src/db/client.ts';
import { concurrent, post, type Row } from './lib.ts';

/** `count` integration clients of the province, each with a token of its own (raw tokens returned). */
export async function workOrderTokens(db: Db, count: number): Promise<string[]> {
  const [{ id: tenantId }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tenants WHERE code = '370000'`);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = crypto.randomUUID();
    await db.execute(sql`INSERT INTO integration_clients (id, tenant_id, name, channel, rate_limit_per_minute)
      VALUES (${clientId}, ${tenantId}, ${`压测接入系统 ${i + 1}-${clientId.slice(0, 6)}`}, 'hotline_12345', 1000000)`);
    const token = `zqt_${crypto.randomBytes(32).toString('base64url')}`;
    await db.execute(sql`INSERT INTO integration_tokens (tenant_id, client_id, token_hash, prefix, scopes, expires_at)
      VALUES (${tenantId}, ${clientId}, ${crypto.createHash('sha256').update(token).digest('hex')}, ${token.slice(0, 10)}, '["work_orders:write"]'::jsonb, now() + interval '1 day')`);
    tokens.push(token);
  }
  return tokens;
}

const body = (externalId: string, i: number) =>
  JSON.stringify({
    externalId,
    title: `12345 转办：危险化学品经营许可证延期咨询（压测${i}）`,
    content: '企业询问危险化学品经营许可证延期所需材料、办理时限以及能否网上提交。',
    category: 'licensing',
    contactName: '王建国',
    contactPhone: '13800138000',
    enterpriseName: '济南鲁丰化工有限公司',
  });

export async function workOrdersHttp(url: string, tokens: string[], seconds: number) {
  let errors = 0;
  const r = await concurrent(tokens.length, seconds, async (w, i) => {
    const res = await post(
      `${url}/api/integrations/v1/work-orders`,
      { authorization: `Bearer ${tokens[w]}`, 'content-type': 'application/json' },
      body(`BENCH-${process.pid}-${w}-${i}`, i),
    );
    if (res.status !== 201) errors++;
  });
  if (errors) throw new Error(`work orders: ${errors} requests did not answer 201`);
  return r;
}

export function workOrdersRow(label: string, clients: number, app: { p50: number; p95: number; rate: number }, base: { rate: number } | null): Row {
  const ratio = base ? app.rate / base.rate : NaN;
  return {
    scenario: `work orders in POST /api/integrations/v1/work-orders (${clients} clients)`,
    database: label,
    p50: app.p50,
    p95: app.p95,
    throughput: app.rate,
    unit: 'req/s',
    baseline: base ? `${Math.round(base.rate).toLocaleString('en-US')} tx/s (raw intake)` : 'n/a',
    ratio: base ? `${Math.round(ratio * 100)}% of raw` : '',
    target: '≥ 50% of raw',
    ok: base ? ratio >= 0.5 : null,
  };
}
