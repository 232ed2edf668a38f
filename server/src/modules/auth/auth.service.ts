// Login, logout, session loading, password change. Rules: 等保 2.0 level 3 basics — sign-in
// throttling per (IP, username) after N failures for growing periods (security settings), idle
// timeout, forced change of initial passwords, common-password blocklist and password history.
import { eq, sql } from 'drizzle-orm';
import type { Role, Scope } from '../../../../shared/roles.ts';
import { queryPrepared, type Db, type DbOrTx } from '../../db/client.ts';
import { rateLimits, users } from '../../db/schema.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx, type Ctx, type TenantSnapshot } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../../lib/password.ts';
import { loadSecuritySettings, tenantByCode } from '../tenants/index.ts';
import { deleteSession, deleteUserSessions, findSession, insertSession, touchSession } from './session.repository.ts';
import { blockedUntil, clearThrottle, purgeOldThrottles, recentPasswordHashes, recordFailure, rememberPassword } from './signin.repository.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../../../shared/settings.ts';
import { PROVINCE } from '../../seed/tenants.ts';

export const SESSION_COOKIE = 'zqt_sid';
/** Absolute lifetime of a session, whatever the activity. */
const SESSION_MAX_AGE_MS = 12 * 3600_000;
/** last_seen_at is refreshed at most this often, to keep reads from writing on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * What authentication reads from a request and sets on it (the policy plugin passes the Fastify
 * request, which declares these fields): the service itself knows no HTTP framework.
 */
export type SessionCarrier = {
  cookies?: Record<string, string | undefined>;
  sessionId: string | null;
  csrfToken: string | null;
  actor: Actor | null;
  tenantSnapshot: TenantSnapshot | null;
};

/** Loads the actor for the request's session cookie; expired or idle sessions are removed. */
export async function authenticateRequest(db: Db, request: SessionCarrier): Promise<void> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token || token.length > 200) return;
  const sessionId = sha256(token);
  const s = await findSession(db, sessionId);
  if (!s) return;
  const now = Date.now();
  const idleMinutes = s.idleTimeoutMinutes ?? s.parentIdleTimeoutMinutes ?? DEFAULT_SECURITY_SETTINGS.idleTimeoutMinutes;
  if (s.disabled || s.expiresAt.getTime() <= now || now - s.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await deleteSession(db, sessionId);
    return;
  }
  if (now - s.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(db, sessionId);
  request.sessionId = sessionId;
  request.csrfToken = s.csrfToken;
  request.tenantSnapshot = s.tenantSnapshot;
  const roles = s.roles as Role[];
  request.actor = {
    // An enterprise's portal account (role 'enterprise') acts as the enterprise party; every other account is staff.
    kind: roles.includes('enterprise') ? 'enterprise' : 'staff',
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    tenantId: s.tenantId,
    tenantCode: s.tenantCode,
    tenantKind: s.tenantKind,
    unitId: s.unitId,
    roles,
    scope: s.scope as Scope,
    portfolioUnitIds: s.portfolioUnitIds,
    mustChangePassword: s.mustChangePassword,
    enterpriseId: s.enterpriseId,
  } satisfies Actor;
}

/** Fixed one-minute window per key, shared by every instance (R: login rate limit per IP). */
export async function hitRateLimit(db: Db, key: string, limit: number): Promise<void> {
  // Prepared (issue 20): every integration request counts itself here.
  const [{ count, fresh }] = await queryPrepared<{ count: number; fresh: boolean }>(
    db,
    'rate_limit_hit',
    sql`
    INSERT INTO ${rateLimits} (key, window_start, count) VALUES (${key}, date_trunc('minute', now()), 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = ${rateLimits}.count + 1
    RETURNING count, (xmax = 0) AS fresh`,
  );
  if (fresh) await db.execute(sql`DELETE FROM ${rateLimits} WHERE window_start < now() - interval '10 minutes'`);
  if (count > limit) throw new AppError(ErrorCode.RATE_LIMITED, '登录尝试过于频繁，请一分钟后再试');
}

export type LoginResult = { token: string; csrfToken: string; userId: string };

/**
 * The security settings that throttle a username: its tenant's, or for a name no account has, the
 * province's (370000, the settings every city inherits; the defaults where it does not exist), so an
 * unknown name is throttled like a known one.
 */
async function throttleSettings(db: Db, tenantId: string | null) {
  if (tenantId) return (await loadSecuritySettings(db, tenantId)).settings;
  const p = await tenantByCode(db, PROVINCE.code);
  return p ? (await loadSecuritySettings(db, p.id)).settings : DEFAULT_SECURITY_SETTINGS;
}

const heldBack = (until: Date) =>
  new AppError(ErrorCode.ACCOUNT_LOCKED, `登录失败次数过多，本机暂停登录该账号，请于 ${formatTime(until)} 后再试`, {
    details: { lockedUntil: until.toISOString() },
  });

/**
 * Sign-in (等保 2.0 level 3, issue 12). Every refusal is one of two answers that say nothing about
 * whether the username exists or the account is disabled:
 * - 401 INVALID_CREDENTIALS for an unknown name, a wrong password, or a disabled account (right or
 *   wrong password alike; an argon2 verification is always made, against a dummy hash when there is
 *   no account, so the time is the same too);
 * - 423 ACCOUNT_LOCKED once this address failed `lockThreshold` times for this name within
 *   `lockMinutes`, known or unknown name alike. The hold-back is per (IP, username) and grows
 *   (lockMinutes, ×2 each further time, at most a day): nobody can lock an administrator out from
 *   another address. Unlock (secadmin) and a password reset end every address's hold-back.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent: string | null },
  opts: { ratePerMinute: number },
): Promise<LoginResult> {
  await hitRateLimit(ctx.db, `login:${ctx.ip}`, opts.ratePerMinute);
  const name = input.username.toLowerCase();
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.username}) = ${name}`);
  const sec = await throttleSettings(ctx.db, user?.tenantId ?? null);
  const until = await blockedUntil(ctx.db, ctx.ip, name);
  if (until) throw heldBack(until);
  const verified = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !verified || user.disabled) {
    const blocked = await withTx(ctx, async (tx) => {
      const b = await recordFailure(tx, ctx.ip, name, sec.lockThreshold, sec.lockMinutes);
      if (!user) {
        // No tenant: the province's auditor reads these (GET /api/audit?tenant=none).
        await audit(tx, ctx, {
          tenantId: null,
          actorId: null,
          actorName: input.username,
          action: 'auth.login_failed',
          entity: 'user',
          summary: '用户名不存在',
        });
      } else {
        const who = { tenantId: user.tenantId, actorId: user.id, actorName: `${user.displayName}（${user.username}）`, entity: 'user', entityId: user.id };
        await audit(tx, ctx, { ...who, action: 'auth.login_failed', summary: user.disabled ? '账号已停用' : '密码错误' });
        if (b) {
          await audit(tx, ctx, {
            ...who,
            action: 'auth.locked',
            summary: `同一地址（${ctx.ip}）连续${sec.lockThreshold}次登录失败，该地址暂停登录至 ${formatTime(b)}`,
          });
        }
      }
      return b;
    });
    if (Math.random() < 0.01) await purgeOldThrottles(ctx.db);
    if (blocked) throw heldBack(blocked);
    throw new AppError(ErrorCode.INVALID_CREDENTIALS);
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const who = { tenantId: user.tenantId, actorId: user.id, actorName: `${user.displayName}（${user.username}）`, entity: 'user', entityId: user.id };
  await withTx(ctx, async (tx) => {
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    await clearThrottle(tx, ctx.ip, name);
    await insertSession(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_MS),
      ip: ctx.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await audit(tx, ctx, { ...who, action: 'auth.login', summary: '登录成功' });
  });
  return { token, csrfToken, userId: user.id };
}

export async function logout(ctx: AuthedCtx, sessionId: string) {
  await withTx(ctx, async (tx) => {
    await deleteSession(tx, sessionId);
    await audit(tx, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.userId, summary: '退出登录' });
  });
}

/** The password rules for a new password the holder chose: complexity and blocklist, then history (last N, argon2 hashes). */
export async function newPasswordProblem(db: DbOrTx, user: { id: string; username: string; tenantId: string; passwordHash: string }, password: string) {
  const sec = (await loadSecuritySettings(db, user.tenantId)).settings;
  const problem = passwordProblem(password, sec.passwordMinLength, user.username);
  if (problem) return problem;
  if (await verifyPassword(user.passwordHash, password)) return '新密码不能与当前密码相同';
  for (const h of await recentPasswordHashes(db, user.id, sec.passwordHistory)) {
    if (await verifyPassword(h, password)) return `新密码不能与最近${sec.passwordHistory}次使用过的密码相同`;
  }
  return null;
}

export async function changePassword(ctx: AuthedCtx, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid({ currentPassword: '当前密码不正确' });
  }
  const problem = await newPasswordProblem(ctx.db, user, input.newPassword);
  if (problem) throw invalid({ newPassword: problem });
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(ctx, async (tx) => {
    await rememberPassword(tx, user.id, user.passwordHash);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await deleteUserSessions(tx, user.id, sessionId);
    await audit(tx, ctx, { action: 'user.password_changed', entity: 'user', entityId: user.id, summary: '修改密码' });
  });
}

function formatTime(d: Date) {
  // Business time zone is Asia/Shanghai whatever TZ the process has.
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(d)
    .replaceAll('/', '-');
}
