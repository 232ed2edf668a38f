// Issue 18: integration clients and their API tokens, managed by the tenant's sysadmin (page 集成接入).
// A token is 256 random bits shown once at issue; only its sha256 is stored, with a prefix to tell
// tokens apart, its scopes, its expiry, its revocation and its last use. Every change is audited.
import { APPEAL_CHANNEL_LABELS, type AppealChannel } from '../../../../shared/appeals.ts';
import type { IntegrationClient, IntegrationToken, IssuedToken } from '../../../../shared/api/integrations.ts';
import { TOKEN_MAX_DAYS, TOKEN_SCOPE_LABELS, type TokenScope, type TokenState } from '../../../../shared/integrations.ts';
import type { DbOrTx } from '../../db/client.ts';
import { integrationClients } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { iso } from '../../lib/format.ts';
import { TOKEN_PREFIX, allowEntryProblem } from './integrations.auth.ts';
import * as repo from './integrations.repository.ts';

const tokenState = (t: repo.TokenRow, now: number): TokenState => (t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active');

export function presentToken(t: repo.TokenRow, now = Date.now()): IntegrationToken {
  return {
    id: t.id,
    prefix: t.prefix,
    scopes: t.scopes as TokenScope[],
    expiresAt: iso(t.expiresAt)!,
    revokedAt: iso(t.revokedAt),
    lastUsedAt: iso(t.lastUsedAt),
    lastUsedIp: t.lastUsedIp,
    state: tokenState(t, now),
    createdAt: iso(t.createdAt)!,
  };
}

function presentClient(c: repo.ClientRow, tokens: repo.TokenRow[], workOrderCount: number): IntegrationClient {
  const now = Date.now();
  return {
    id: c.id,
    name: c.name,
    channel: c.channel as AppealChannel,
    rateLimitPerMinute: c.rateLimitPerMinute,
    ipAllowList: c.ipAllowList,
    autoDispatch: c.autoDispatch,
    note: c.note,
    disabled: Boolean(c.disabledAt),
    workOrderCount,
    tokens: tokens.map((t) => presentToken(t, now)),
    version: c.version,
    createdAt: iso(c.createdAt)!,
  };
}

export const clientOwner = (db: DbOrTx, id: string) => repo.clientOwner(db, id);
export const tokenOwner = (db: DbOrTx, id: string) => repo.tokenOwner(db, id);

export async function listClients(ctx: AuthedCtx) {
  const tenantId = ctx.actor.tenantId;
  const clients = await repo.listClients(ctx.db, tenantId);
  const [tokens, counts] = await Promise.all([
    repo.tokensOf(
      ctx.db,
      tenantId,
      clients.map((c) => c.id),
    ),
    repo.workOrderCounts(ctx.db, tenantId),
  ]);
  const items = clients.map((c) =>
    presentClient(
      c,
      tokens.filter((t) => t.clientId === c.id),
      counts.get(c.id) ?? 0,
    ),
  );
  return { items, total: items.length };
}

async function readClient(db: DbOrTx, tenantId: string, id: string): Promise<IntegrationClient> {
  const c = await repo.getClient(db, tenantId, id);
  if (!c) throw notFound('接入系统');
  const [tokens, counts] = await Promise.all([repo.tokensOf(db, tenantId, [id]), repo.workOrderCounts(db, tenantId)]);
  return presentClient(c, tokens, counts.get(id) ?? 0);
}

export const getClient = (ctx: AuthedCtx, id: string) => readClient(ctx.db, ctx.actor.tenantId, id);

export type ClientInput = { name: string; channel: AppealChannel; rateLimitPerMinute: number; ipAllowList: string[]; autoDispatch: boolean; note?: string };

function checkAllowList(list: string[], fields: Record<string, string>) {
  list.forEach((e, i) => {
    const p = allowEntryProblem(e);
    if (p) fields[`ipAllowList.${i}`] = p;
  });
}

export async function createClient(ctx: AuthedCtx, input: ClientInput) {
  const tenantId = ctx.actor.tenantId;
  const fields: Record<string, string> = {};
  checkAllowList(input.ipAllowList, fields);
  if (await repo.clientNameTaken(ctx.db, tenantId, input.name)) fields.name = '已有同名的接入系统';
  if (Object.keys(fields).length) throw invalid(fields);
  return withTx(ctx, async (tx) => {
    const c = await repo.insertClient(tx, {
      tenantId,
      name: input.name,
      channel: input.channel,
      rateLimitPerMinute: input.rateLimitPerMinute,
      ipAllowList: input.ipAllowList,
      autoDispatch: input.autoDispatch,
      note: input.note ?? '',
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'integration.client_create',
      entity: 'integration_client',
      entityId: c.id,
      summary: `登记接入系统「${c.name}」（渠道：${APPEAL_CHANNEL_LABELS[input.channel]}，每分钟 ${c.rateLimitPerMinute} 次${c.ipAllowList.length ? `，白名单 ${c.ipAllowList.join('、')}` : ''}${c.autoDispatch ? '，自动派单' : ''}）`,
      after: c,
    });
    return readClient(tx, tenantId, c.id);
  });
}

export async function updateClient(ctx: AuthedCtx, id: string, input: Partial<ClientInput> & { version: number; disabled?: boolean }) {
  const tenantId = ctx.actor.tenantId;
  const fields: Record<string, string> = {};
  if (input.ipAllowList) checkAllowList(input.ipAllowList, fields);
  if (input.name && (await repo.clientNameTaken(ctx.db, tenantId, input.name, id))) fields.name = '已有同名的接入系统';
  if (Object.keys(fields).length) throw invalid(fields);
  return withTx(ctx, async (tx) => {
    const set: Record<string, unknown> = {};
    for (const k of ['name', 'channel', 'rateLimitPerMinute', 'ipAllowList', 'autoDispatch', 'note'] as const) if (input[k] !== undefined) set[k] = input[k];
    if (input.disabled !== undefined) set.disabledAt = input.disabled ? new Date() : null;
    const { before, after } = await updateVersioned(tx, integrationClients, { id, tenantId, version: input.version }, set, '接入系统', (row) =>
      readClient(tx, tenantId, row.id),
    );
    await audit(tx, ctx, {
      action: 'integration.client_update',
      entity: 'integration_client',
      entityId: id,
      summary: `修改接入系统「${after.name}」${input.disabled === true ? '（停用）' : input.disabled === false ? '（启用）' : ''}${input.autoDispatch === true ? '（开启自动派单）' : input.autoDispatch === false ? '（关闭自动派单）' : ''}`,
      before,
      after,
    });
    return readClient(tx, tenantId, id);
  });
}

/** Issues a token; the answer is the only place the token ever appears. */
export async function issueToken(ctx: AuthedCtx, clientId: string, input: { scopes: TokenScope[]; expiresInDays: number }): Promise<IssuedToken> {
  const tenantId = ctx.actor.tenantId;
  if (input.expiresInDays > TOKEN_MAX_DAYS) throw invalid({ expiresInDays: `有效期最长 ${TOKEN_MAX_DAYS} 天` });
  return withTx(ctx, async (tx) => {
    const c = await repo.getClient(tx, tenantId, clientId);
    if (!c) throw notFound('接入系统');
    if (c.disabledAt) throw new AppError(ErrorCode.CONFLICT, '接入系统已停用，请先启用再签发令牌');
    const token = `${TOKEN_PREFIX}${randomToken(32)}`;
    const t = await repo.insertToken(tx, {
      tenantId,
      clientId,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      scopes: [...new Set(input.scopes)],
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'integration.token_issue',
      entity: 'integration_token',
      entityId: t.id,
      summary: `为接入系统「${c.name}」签发接口令牌 ${t.prefix}…（${t.scopes.map((s) => TOKEN_SCOPE_LABELS[s as TokenScope]).join('、')}，有效期 ${input.expiresInDays} 天）`,
      after: { ...t, tokenHash: undefined },
    });
    return { token, tokenInfo: presentToken(t) };
  });
}

export async function revokeToken(ctx: AuthedCtx, tokenId: string): Promise<IntegrationToken> {
  const tenantId = ctx.actor.tenantId;
  return withTx(ctx, async (tx) => {
    const t = await repo.getToken(tx, tenantId, tokenId, true);
    if (!t) throw notFound('接口令牌');
    if (t.revokedAt) return presentToken(t);
    const after = await repo.revokeToken(tx, tokenId, ctx.actor.userId);
    const c = await repo.getClient(tx, tenantId, t.clientId);
    await audit(tx, ctx, {
      action: 'integration.token_revoke',
      entity: 'integration_token',
      entityId: t.id,
      summary: `吊销接入系统「${c?.name ?? ''}」的接口令牌 ${t.prefix}…`,
    });
    return presentToken(after);
  });
}
