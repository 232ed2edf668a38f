// Webhook fixtures (resource type 'webhook' of the authorization matrix, and the webhooks tests), plus a
// real local HTTP receiver on loopback that answers with the status codes it is given.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';

export async function webhookFixture(db: Db, tenantId: string): Promise<string> {
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret)
        VALUES (${tenantId}, '矩阵测试推送', 'http://127.0.0.1:9/hook', '["appeal.created"]'::jsonb, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id`,
  );
  return r.id;
}

export type Received = { headers: http.IncomingHttpHeaders; body: string; status: number };

/**
 * A receiver on 127.0.0.1: answers each request with the next status of `plan` (the last one repeats),
 * recording headers and body.
 */
export async function receiver(plan: number[]) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = plan[Math.min(got.length, plan.length - 1)];
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'fail');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
