// Issue 18: who calls a token route. The bearer token names one client of one tenant; it must be
// unrevoked, unexpired, carry the route's scope, come from an allowed address, and stay within the
// client's per-minute limit. Every use of a known token — refused ones too — is audited; a token
// nobody issued is refused without naming anything. No HTTP here: the caller passes plain values.
import { BlockList, isIP } from 'node:net';
import { TOKEN_SCOPE_LABELS, type TokenScope } from '../../../../shared/integrations.ts';
import type { Db } from '../../db/client.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { audit, withTx, type IntegrationActor, type TenantSnapshot } from '../../lib/context.ts';
import { sha256 } from '../../lib/crypto.ts';
import { hitRateLimit } from '../auth/index.ts';
import * as repo from './integrations.repository.ts';

export const TOKEN_PREFIX = 'zqt_';
/** How fresh a token's recorded last use is kept (integrations page: to the minute). */
const TOKEN_USE_RESOLUTION_MS = 60_000;
const TOKEN_SHAPE = /^zqt_[A-Za-z0-9_-]{20,100}$/;

/** Is this address in the list of addresses and CIDR blocks? (An empty list allows every address.) */
export function ipAllowed(list: readonly string[], ip: string): boolean {
  if (!list.length) return true;
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const kind = isIP(plain);
  if (!kind) return false;
  const block = new BlockList();
  for (const entry of list) {
    const [addr, bits] = entry.split('/');
    const k = isIP(addr);
    if (!k) continue;
    if (bits !== undefined) block.addSubnet(addr, Number(bits), k === 4 ? 'ipv4' : 'ipv6');
    else block.addAddress(addr, k === 4 ? 'ipv4' : 'ipv6');
  }
  return block.check(plain, kind === 4 ? 'ipv4' : 'ipv6');
}

/** Problems of an allow-list entry (an address or a CIDR block), or null. */
export function allowEntryProblem(entry: string): string | null {
  const [addr, bits, extra] = entry.split('/');
  const k = isIP(addr);
  if (!k || extra !== undefined) return '须为 IP 地址或 CIDR 网段（如 10.1.2.0/24）';
  if (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > (k === 4 ? 32 : 128))) return '网段前缀长度不正确';
  return null;
}

/** Issue 18: unknown or missing tokens allowed per client address per minute (INTEGRATION_TOKEN_FAILURES_PER_MINUTE). */
export const DEFAULT_TOKEN_FAILURES_PER_MINUTE = 10;

type Call = { db: Db; authorization: string | undefined; ip: string; requestId: string; failuresPerMinute?: number };

/** Seconds until the current one-minute window of the rate limiter ends. */
const secondsToNextMinute = () => Math.max(1, 60 - Math.floor((Date.now() / 1000) % 60));

/**
 * Issue 18: a request without a token, or with a token nobody issued, counts against its address; past
 * the limit in the current minute the answer is 429 with Retry-After instead of 401, so an address
 * cannot try tokens at speed. Known tokens never count and are never held back by it (a caller behind
 * the same address as a guesser keeps working; a guess succeeding is hopeless anyway: 256 random bits).
 */
async function unknownToken(call: Call, message: string): Promise<never> {
  const limit = call.failuresPerMinute ?? DEFAULT_TOKEN_FAILURES_PER_MINUTE;
  try {
    await hitRateLimit(call.db, `integration-token-failure:${call.ip}`, limit);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== ErrorCode.RATE_LIMITED) throw err;
    const wait = secondsToNextMinute();
    throw new AppError(ErrorCode.RATE_LIMITED, `接口令牌错误次数过多：每个地址每分钟最多 ${limit} 次，请 ${wait} 秒后再试`, {
      details: { retryAfterSeconds: wait },
    });
  }
  throw new AppError(ErrorCode.UNAUTHENTICATED, message);
}

/** The client of a valid token, and its tenant's settings and calendar revision read with it (issue 20). */
export async function authenticateToken(call: Call, scope: TokenScope): Promise<{ actor: IntegrationActor; tenantSnapshot: TenantSnapshot }> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(call.authorization ?? '');
  if (!m) return unknownToken(call, '缺少接口令牌：请在 Authorization 请求头中提供 Bearer 令牌');
  const token = m[1];
  const found = TOKEN_SHAPE.test(token) ? await repo.tokenByHash(call.db, sha256(token)) : null;
  if (!found) return unknownToken(call, '接口令牌无效');
  const { token: t, client, tenantCode, tenantSnapshot } = found;
  const actor: IntegrationActor = {
    kind: 'integration',
    tenantId: client.tenantId,
    tenantCode,
    clientId: client.id,
    clientName: client.name,
    channel: client.channel,
    tokenId: t.id,
  };
  const ctx = { db: call.db, actor, ip: call.ip, requestId: call.requestId };
  const refuse = async (err: AppError, reason: string) => {
    await withTx(ctx, (tx) =>
      audit(tx, ctx, { action: 'integration.refused', entity: 'integration_token', entityId: t.id, summary: `接口调用被拒绝（令牌 ${t.prefix}…）：${reason}` }),
    );
    throw err;
  };
  if (t.revokedAt) return refuse(new AppError(ErrorCode.UNAUTHENTICATED, '接口令牌已吊销'), '令牌已吊销');
  if (t.expiresAt.getTime() <= Date.now()) return refuse(new AppError(ErrorCode.UNAUTHENTICATED, '接口令牌已过期'), '令牌已过期');
  if (client.disabledAt) return refuse(new AppError(ErrorCode.UNAUTHENTICATED, '该接入系统已停用'), '接入系统已停用');
  if (!ipAllowed(client.ipAllowList, call.ip))
    return refuse(new AppError(ErrorCode.FORBIDDEN, '调用地址不在该接入系统的 IP 白名单内'), `地址 ${call.ip} 不在白名单内`);
  if (!t.scopes.includes(scope))
    return refuse(new AppError(ErrorCode.FORBIDDEN, `该令牌无权${TOKEN_SCOPE_LABELS[scope]}（缺少权限范围 ${scope}）`), `缺少权限范围 ${scope}`);
  try {
    await hitRateLimit(call.db, `integration:${client.id}`, client.rateLimitPerMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED)
      return refuse(
        new AppError(ErrorCode.RATE_LIMITED, `调用过于频繁：该接入系统每分钟最多 ${client.rateLimitPerMinute} 次请求`, {
          details: { retryAfterSeconds: secondsToNextMinute() },
        }),
        '超过每分钟调用上限',
      );
    throw err;
  }
  // The token's last use (shown to administrators to the minute) is written at most once a minute per
  // address: a client pushing orders in a batch does not write the token's row on every request (issue 20).
  const last = t.lastUsedAt?.getTime() ?? null;
  if (last === null || t.lastUsedIp !== call.ip || Date.now() - last >= TOKEN_USE_RESOLUTION_MS) await repo.markTokenUsed(call.db, t.id, call.ip);
  return { actor, tenantSnapshot };
}
