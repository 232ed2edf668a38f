// SQL for sessions and the actor loaded with them. Sessions live in PostgreSQL so any app
// instance can serve any request.
import { eq, lt, sql } from 'drizzle-orm';
import { queryPrepared, sqlArray, type Db, type DbOrTx } from '../../db/client.ts';
import { coalesced } from '../../db/coalesce.ts';
import { sessions } from '../../db/schema.ts';
import { tenantSnapshotOf, type TenantSnapshot } from '../../lib/context.ts';
import { calendarRevisionColumn } from '../calendar/index.ts';
import { tenantSettingsColumns } from '../tenants/index.ts';

/** The settings of the session's tenant `t` (tenants module). */
const SETTINGS = tenantSettingsColumns('t');

export type SessionRow = {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  username: string;
  displayName: string;
  tenantId: string;
  tenantCode: string;
  tenantKind: 'province' | 'city';
  unitId: string | null;
  roles: string[];
  scope: string;
  mustChangePassword: boolean;
  disabled: boolean;
  portfolioUnitIds: string[];
  enterpriseId: string | null;
  idleTimeoutMinutes: number | null;
  parentIdleTimeoutMinutes: number | null;
  /** Issue 20: the actor's tenant settings and the calendar revision, read with the session (lib/context.ts TenantSnapshot). */
  tenantSnapshot: TenantSnapshot;
};

/**
 * The session of a request's cookie, with its user and the tenant's settings. Every request with a
 * cookie runs this: prepared (planning was 0.46 ms of its 0.55; queryPrepared), and shared by the
 * requests that ask at the same moment (issue 20, db/coalesce.ts): a read already under way is never
 * shared with a request that came after it started, so each request sees every change committed before
 * it arrived (a sign-out, a disabled account) — one round trip of both processes for several requests
 * under load, at once when alone. It also answers the tenant's settings and the calendar revision
 * (TenantSnapshot), which a request computing deadlines would otherwise read in two statements.
 */
export function findSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  return sessionReads(db, 'sessions', sessionId);
}

async function readSessions(db: Db, _key: string, ids: string[]) {
  const rows = await queryPrepared<Record<string, unknown>>(
    db,
    'session_find_many',
    sql`
      SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at,
             u.id AS user_id, u.username, u.display_name, u.tenant_id, t.code AS tenant_code, t.kind AS tenant_kind,
             u.unit_id, u.roles, u.scope, u.must_change_password, u.disabled, u.enterprise_id,
             COALESCE((SELECT array_agg(lu.unit_id::text) FROM leaders l JOIN leader_units lu ON lu.leader_id = l.id
                       WHERE l.user_id = u.id AND NOT l.archived), '{}') AS portfolio_unit_ids,
             ${sql.raw(`${SETTINGS.overrides}, ${SETTINGS.idleTimeouts}`)}, ${sql.raw(calendarRevisionColumn)}
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      JOIN tenants t ON t.id = u.tenant_id
      ${sql.raw(SETTINGS.joins)}
      WHERE s.id = ANY(${sqlArray([...new Set(ids)], 'text')})`,
  );
  const byId = new Map(rows.map((row) => [row.session_id as string, sessionRowOf(row)]));
  return ids.map((id) => ({ ok: true as const, value: byId.get(id) ?? null }));
}
const sessionReads = coalesced(readSessions, { inFlight: 2 });

function sessionRowOf(row: Record<string, unknown>): SessionRow {
  return {
    sessionId: row.session_id as string,
    csrfToken: row.csrf_token as string,
    lastSeenAt: new Date(row.last_seen_at as string),
    expiresAt: new Date(row.expires_at as string),
    userId: row.user_id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    tenantId: row.tenant_id as string,
    tenantCode: row.tenant_code as string,
    tenantKind: row.tenant_kind as 'province' | 'city',
    unitId: (row.unit_id as string | null) ?? null,
    roles: row.roles as string[],
    scope: row.scope as string,
    mustChangePassword: row.must_change_password as boolean,
    disabled: row.disabled as boolean,
    portfolioUnitIds: row.portfolio_unit_ids as string[],
    enterpriseId: (row.enterprise_id as string | null) ?? null,
    idleTimeoutMinutes: (row.idle_timeout as number | null) ?? null,
    parentIdleTimeoutMinutes: (row.parent_idle_timeout as number | null) ?? null,
    tenantSnapshot: tenantSnapshotOf(row.tenant_id as string, row),
  };
}

export async function insertSession(
  db: DbOrTx,
  s: { id: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db.insert(sessions).values(s);
}

export async function touchSession(db: DbOrTx, sessionId: string) {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: DbOrTx, userId: string, exceptSessionId?: string) {
  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${userId} ${exceptSessionId ? sql`AND id <> ${exceptSessionId}` : sql``}`);
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
