// Login, logout, session loading, password change. Rules: 等保 2.0 level 3 basics — lockout after
// N failures for M minutes (security settings), idle timeout, forced change of initial passwords.
import { eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Role, Scope } from '../../../../shared/roles.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { rateLimits, users } from '../../db/schema.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../../lib/password.ts';
import { loadSecuritySettings } from '../tenants/settings.ts';
import { deleteSession, deleteUserSessions, findSession, insertSession, touchSession } from './session.repository.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../../../shared/settings.ts';

export const SESSION_COOKIE = 'zqt_sid';
/** Absolute lifetime of a session, whatever the activity. */
const SESSION_MAX_AGE_MS = 12 * 3600_000;
/** last_seen_at is refreshed at most this often, to keep reads from writing on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Loads the actor for the request's session cookie; expired or idle sessions are removed. */
export async function authenticateRequest(db: Db, request: FastifyRequest): Promise<void> {
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
  request.actor = {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    tenantId: s.tenantId,
    tenantCode: s.tenantCode,
    tenantKind: s.tenantKind,
    unitId: s.unitId,
    roles: s.roles as Role[],
    scope: s.scope as Scope,
    portfolioUnitIds: s.portfolioUnitIds,
    mustChangePassword: s.mustChangePassword,
    enterpriseId: s.enterpriseId,
  } satisfies Actor;
}

/** Fixed one-minute window per key, shared by every instance (R: login rate limit per IP). */
export async function hitRateLimit(db: Db, key: string, limit: number): Promise<void> {
  const [{ count, fresh }] = await queryRows<{ count: number; fresh: boolean }>(db, sql`
    INSERT INTO ${rateLimits} (key, window_start, count) VALUES (${key}, date_trunc('minute', now()), 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = ${rateLimits}.count + 1
    RETURNING count, (xmax = 0) AS fresh`);
  if (fresh) await db.execute(sql`DELETE FROM ${rateLimits} WHERE window_start < now() - interval '10 minutes'`);
  if (count > limit) throw new AppError(ErrorCode.RATE_LIMITED, '登录尝试过于频繁，请一分钟后再试');
}

export type LoginResult = { token: string; csrfToken: string; userId: string };

export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent: string | null },
  opts: { ratePerMinute: number },
): Promise<LoginResult> {
  await hitRateLimit(ctx.db, `login:${ctx.ip}`, opts.ratePerMinute);
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await withTx(ctx, (tx) =>
      audit(tx, ctx, { tenantId: null, actorName: input.username, action: 'auth.login_failed', entity: 'user', summary: '用户名不存在' }),
    );
    throw new AppError(ErrorCode.INVALID_CREDENTIALS);
  }
  const sec = (await loadSecuritySettings(ctx.db, user.tenantId)).settings;
  const who = { tenantId: user.tenantId, actorId: user.id, actorName: `${user.displayName}（${user.username}）`, entity: 'user', entityId: user.id };
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    throw new AppError(ErrorCode.ACCOUNT_LOCKED, `账号已锁定，请于 ${formatTime(user.lockedUntil)} 后再试`, {
      details: { lockedUntil: user.lockedUntil.toISOString() },
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const locked = await withTx(ctx, async (tx) => {
      const [u] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedAttempts: users.failedAttempts });
      const lock = u.failedAttempts >= sec.lockThreshold;
      if (lock) {
        await tx
          .update(users)
          .set({ failedAttempts: 0, lockedUntil: sql`now() + make_interval(mins => ${sec.lockMinutes})` })
          .where(eq(users.id, user.id));
      }
      await audit(tx, ctx, { ...who, action: 'auth.login_failed', summary: `密码错误（第${u.failedAttempts}次）` });
      if (lock) await audit(tx, ctx, { ...who, action: 'auth.locked', summary: `连续${sec.lockThreshold}次密码错误，锁定${sec.lockMinutes}分钟` });
      return lock;
    });
    if (locked) {
      throw new AppError(ErrorCode.ACCOUNT_LOCKED, `连续${sec.lockThreshold}次密码错误，账号已锁定${sec.lockMinutes}分钟`);
    }
    throw new AppError(ErrorCode.INVALID_CREDENTIALS);
  }
  if (user.disabled) throw new AppError(ErrorCode.FORBIDDEN, '账号已停用，请联系系统管理员');
  const token = randomToken();
  const csrfToken = randomToken();
  await withTx(ctx, async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
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

export async function changePassword(ctx: AuthedCtx, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid({ currentPassword: '当前密码不正确' });
  }
  const sec = (await loadSecuritySettings(ctx.db, user.tenantId)).settings;
  const problem = passwordProblem(input.newPassword, sec.passwordMinLength, user.username);
  if (problem) throw invalid({ newPassword: problem });
  if (input.newPassword === input.currentPassword) throw invalid({ newPassword: '新密码不能与当前密码相同' });
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(ctx, async (tx) => {
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
