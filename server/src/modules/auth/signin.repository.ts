// SQL of sign-in security (issue 12): throttling per (IP, username) and the password history.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { loginThrottles, passwordHistory } from '../../db/schema.ts';

/** The address's current hold-back for this username, if any. */
export async function blockedUntil(db: DbOrTx, ip: string, username: string): Promise<Date | null> {
  const [r] = await db
    .select({ until: loginThrottles.blockedUntil })
    .from(loginThrottles)
    .where(and(eq(loginThrottles.ip, ip), eq(loginThrottles.username, username.toLowerCase()), sql`${loginThrottles.blockedUntil} > now()`));
  return r?.until ?? null;
}

/**
 * Counts a failure of (ip, username). Failures older than `windowMinutes` are forgotten. At `threshold`
 * failures the pair is held back for windowMinutes × 2^(locks−1), at most 1440 minutes, and the
 * count starts again. Returns the hold-back's end when this failure started one.
 */
export async function recordFailure(db: DbOrTx, ip: string, username: string, threshold: number, windowMinutes: number) {
  const [r] = await queryRows<{ failures: number; locks: number; blocked_until: Date | string | null; started: boolean }>(
    db,
    sql`
    INSERT INTO login_throttles AS t (ip, username, failures, locks, last_failure_at)
    VALUES (${ip}, ${username.toLowerCase()}, 1, 0, now())
    ON CONFLICT (ip, username) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < now() - make_interval(mins => ${windowMinutes}) THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now()
    RETURNING failures, locks, blocked_until, false AS started`,
  );
  if (r.failures < threshold) return null;
  const [b] = await queryRows<{ blocked_until: Date | string }>(
    db,
    sql`
    UPDATE login_throttles SET failures = 0, locks = locks + 1,
      blocked_until = now() + make_interval(mins => least(1440, ${windowMinutes} * power(2, least(locks, 10))::int))
    WHERE ip = ${ip} AND username = ${username.toLowerCase()}
    RETURNING blocked_until`,
  );
  return new Date(b.blocked_until);
}

/** A successful sign-in from this address forgets its failures (other addresses keep theirs). */
export async function clearThrottle(db: DbOrTx, ip: string, username: string) {
  await db.delete(loginThrottles).where(and(eq(loginThrottles.ip, ip), eq(loginThrottles.username, username.toLowerCase())));
}

/** Unlock / password reset: every address's hold-back of this username ends. Returns how many were active. */
export async function clearAllThrottles(db: DbOrTx, username: string): Promise<number> {
  const rows = await db.delete(loginThrottles).where(eq(loginThrottles.username, username.toLowerCase())).returning({ until: loginThrottles.blockedUntil });
  return rows.filter((r) => r.until && r.until.getTime() > Date.now()).length;
}

/** Rows with no failure for a day are of no use any more (called now and then by sign-ins). */
export async function purgeOldThrottles(db: DbOrTx) {
  await db.execute(sql`DELETE FROM login_throttles WHERE last_failure_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())`);
}

/**
 * The latest hold-back of a `users` row's username from any address (what the account lists show as
 * 登录受限至), for a select over the `users` table (qualified explicitly: login_throttles has a
 * username column too).
 */
export const throttledUntilSql = () => throttledUntilOf(sql`"users"."username"`);

/** The same for any username expression (e.g. `u.username` under an alias). */
export const throttledUntilOf = (username: SQL) =>
  sql<Date | null>`(SELECT max(lt.blocked_until) FROM login_throttles lt WHERE lt.username = lower(${username}) AND lt.blocked_until > now())`;

export async function recentPasswordHashes(db: DbOrTx, userId: string, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const rows = await db
    .select({ h: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(n);
  return rows.map((r) => r.h);
}

/** Keeps the hash a password change or reset replaces. */
export async function rememberPassword(db: DbOrTx, userId: string, passwordHash: string) {
  await db.insert(passwordHistory).values({ userId, passwordHash });
}
