// The working-day calendar in force for a tenant (R6.2, R8.1): bundled notices (2020–2026 shipped
// with the release) ⊕ notices loaded into the database (a DB notice supersedes the bundled one of
// the same year) ⊕ the tenant's own overrides. Built once per tenant and cached in memory; every
// call checks the database's calendar revision (one primary-key read), so a change made through
// another app instance is seen on the next call. With a calendar in hand a deadline costs
// microseconds: callers computing many deadlines get the calendar once.
// This file is what other modules (appeals) import.
import type { TenantSettings } from '../../../../shared/settings.ts';
import { databaseKey, type DbOrTx } from '../../db/client.ts';
import {
  computeDeadlines,
  createCalendar,
  loadBundledNotices,
  parseNotice,
  resolveSlaSettings,
  type Deadlines,
  type Notice,
  type SlaSettings,
  type WorkCalendar,
} from '../../domain/calendar/index.ts';
import { loadTenantSettings } from '../tenants/index.ts';
import { getOverridesRow, listNoticeRows, readRevision } from './calendar.repository.ts';

export type NoticeInForce = {
  year: number;
  notice: Notice;
  source: 'bundled' | 'database';
  /** Version to send when replacing it: the DB row's version, 0 for a bundled-only year. */
  version: number;
  /** A DB notice of a year that also has a bundled notice. */
  supersedesBundled: boolean;
  loadedAt: Date | null;
  loadedByName: string | null;
};

/** Notices in force (bundled, superseded year by year by DB notices), ascending by year. */
export async function loadNoticesInForce(db: DbOrTx): Promise<NoticeInForce[]> {
  const byYear = new Map<number, NoticeInForce>();
  for (const n of loadBundledNotices()) {
    byYear.set(n.year, { year: n.year, notice: n, source: 'bundled', version: 0, supersedesBundled: false, loadedAt: null, loadedByName: null });
  }
  for (const row of await listNoticeRows(db)) {
    byYear.set(row.year, {
      year: row.year,
      // Stored notices were validated on the way in; re-validated here in case the format tightened since.
      notice: parseNotice(row.notice),
      source: 'database',
      version: row.version,
      supersedesBundled: byYear.has(row.year),
      loadedAt: row.updatedAt,
      loadedByName: row.loadedByName,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

type DbCache = { revision: number; notices?: Promise<NoticeInForce[]>; byTenant: Map<string, Promise<WorkCalendar>> };
/**
 * Keyed by the database (databaseKey: a handle and its transactions share it), so two databases in
 * one process never mix and a transaction (every intake, every action) hits the same cache as plain
 * reads. Safe inside a transaction that changes the calendar because revisions come from a sequence
 * (bumpRevision): its uncommitted revision is a number no other transaction will ever read, and a
 * rollback leaves that number unused forever.
 */
const caches = new WeakMap<object, DbCache>();

function cacheFor(db: DbOrTx, revision: number): DbCache {
  const key = databaseKey(db);
  let c = caches.get(key);
  if (!c || c.revision !== revision) {
    c = { revision, byTenant: new Map() };
    caches.set(key, c);
  }
  return c;
}

/** The notices in force, cached by calendar revision. */
export async function noticesInForce(db: DbOrTx): Promise<NoticeInForce[]> {
  // Revision first, data second: a cache entry may hold data newer than its revision, never older.
  const c = cacheFor(db, await readRevision(db));
  c.notices ??= loadNoticesInForce(db).catch((err) => {
    c.notices = undefined;
    throw err;
  });
  return c.notices;
}

/**
 * The WorkCalendar of a tenant (R8.1: notices ⊕ that tenant's overrides). Pass a transaction to see
 * its uncommitted changes (e.g. inside a calendar-change listener).
 */
export async function getTenantCalendar(db: DbOrTx, tenantId: string): Promise<WorkCalendar> {
  return getTenantCalendarAt(db, tenantId, await readRevision(db));
}

/**
 * Issue 20: the same with the calendar revision already read — by the session read of the request
 * (`calendarRevisionColumn`), so a request reads nothing more when the calendar is cached. Not for a
 * transaction that changes the calendar (its own new revision is only seen by reading it there).
 */
export function getTenantCalendarAt(db: DbOrTx, tenantId: string, revision: number): Promise<WorkCalendar> {
  const c = cacheFor(db, revision);
  let hit = c.byTenant.get(tenantId);
  if (!hit) {
    c.notices ??= loadNoticesInForce(db);
    const notices = c.notices;
    hit = (async () => {
      const [ns, ov] = await Promise.all([notices, getOverridesRow(db, tenantId)]);
      return createCalendar(
        ns.map((n) => n.notice),
        ov.items,
      );
    })();
    c.byTenant.set(tenantId, hit);
    hit.catch(() => {
      if (c.byTenant.get(tenantId) === hit) c.byTenant.delete(tenantId);
      c.notices = undefined;
    });
  }
  return hit;
}

/** A column for another statement that answers the calendar revision (`getTenantCalendarAt`); the text lives with the table's owner. */
export const calendarRevisionColumn = '(SELECT revision FROM calendar_revision WHERE id = 1) AS calendar_revision';

/** "08:30-12:00,13:00-17:30" → [["08:30","12:00"],["13:00","17:30"]]. */
export function parseOfficeHours(s: string): [string, string][] {
  return s.split(',').map((part) => {
    const [a, b] = part.trim().split('-');
    return [a, b];
  });
}

/** Maps a tenant's effective settings (GET /api/tenant-settings) onto the SLA engine's settings (R6.2, R8.1). */
export function slaSettingsFromTenant(s: TenantSettings): SlaSettings {
  return resolveSlaSettings({
    contactHours: s.contactHours,
    contactClock: s.contactClock,
    opinionWorkdays: s.opinionWorkdays,
    resolutionWorkdays: s.resolutionWorkdays,
    officeHours: parseOfficeHours(s.officeHours),
    dueSoon: {
      contact: { minutes: s.dueSoonContactMinutes },
      opinion: { workingHours: s.dueSoonOpinionWorkingHours },
      resolution: { workdays: s.dueSoonResolutionWorkdays },
    },
  });
}

export async function getTenantSlaSettings(db: DbOrTx, tenantId: string): Promise<SlaSettings> {
  return slaSettingsFromTenant((await loadTenantSettings(db, tenantId)).settings);
}

/**
 * R6.2 / R8.1: the "2115" deadlines of something received by `tenantId` at `receivedAt`, with that
 * tenant's settings and calendar. Throws CALENDAR_YEAR_NOT_LOADED (422) naming the missing year.
 */
export async function computeTenantDeadlines(
  db: DbOrTx,
  tenantId: string,
  receivedAt: Date,
): Promise<{ deadlines: Deadlines; settings: SlaSettings; calendar: WorkCalendar }> {
  const [settings, calendar] = await Promise.all([getTenantSlaSettings(db, tenantId), getTenantCalendar(db, tenantId)]);
  return { deadlines: computeDeadlines(receivedAt, settings, calendar), settings, calendar };
}

/** Issue 22: the years whose holiday notice is in force (bundled or loaded). */
export async function loadedNoticeYears(db: DbOrTx): Promise<Set<number>> {
  return new Set((await noticesInForce(db)).map((n) => n.year));
}

/** Issue 22: the calendar a tenant would have with these overrides (the one before an overrides change). */
export async function calendarWithOverrides(db: DbOrTx, overrides: readonly { date: string; kind: string; note: string }[]): Promise<WorkCalendar> {
  return createCalendar(
    (await noticesInForce(db)).map((n) => n.notice),
    overrides as Parameters<typeof createCalendar>[1],
  );
}
