// The year at a glance (R1.4, R1.8): every point active in the year with visits done / required and
// its pace, per leader, per unit and for the tenant; the province sees each city's totals (not their
// records). And the scheduler's work (once across instances: the scheduler's lease, and a source key
// per fact): terms that end, renewal notices 60 days before the end, behind-pace reminders at the
// start of each quarter and before the year's end.
import { PACE_LABELS, POINT_KIND_LABELS, type Pace, type PointKind } from '../../../../shared/contacts.ts';
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { paceOf, quarterOf, RENEWAL_NOTICE_DAYS, requiredInYear, visitsPerYear } from '../../domain/contacts/quota.ts';
import { systemActor, withTx, type AuthedCtx } from '../../lib/context.ts';
import { sharedRead, type SlotQuery } from '../dashboard/index.ts';
import { insertNotifications, type NewNotification } from '../notifications/index.ts';
import { getTenant, listChildCities, loadTenantSettings, loadTenantSettingsMany } from '../tenants/index.ts';
import * as repo from './contacts.repository.ts';
import { expirePoint, today, visibleUnits } from './contacts.service.ts';

export type YearItem = {
  id: string;
  kind: PointKind;
  leaderId: string | null;
  leaderName: string | null;
  unitId: string;
  unitName: string;
  enterpriseId: string;
  enterpriseName: string;
  termStart: string;
  termEnd: string;
  visits: number;
  required: number;
  lastVisit: string | null;
  pace: Pace;
};
type Totals = { points: number; visits: number; required: number; done: number; behind: number };

const totalsOf = (items: Pick<YearItem, 'visits' | 'required' | 'pace'>[]): Totals => ({
  points: items.length,
  visits: items.reduce((s, i) => s + Math.min(i.visits, i.required), 0),
  required: items.reduce((s, i) => s + i.required, 0),
  done: items.filter((i) => i.pace === 'done').length,
  behind: items.filter((i) => i.pace === 'behind').length,
});

/** A past year is judged at its last day; the current year today. */
const asOfDay = (year: number, day: string) => (day.slice(0, 4) === String(year) ? day : `${year}-12-31`);

/** Pure: the rows of a tenant with its settings → items with required and pace. */
export function yearItems(rows: repo.YearRow[], settings: TenantSettings, year: number, day: string): YearItem[] {
  const asOf = asOfDay(year, day);
  return rows.map((r) => {
    const required = requiredInYear(visitsPerYear(r.kind, settings), year, r.termStart, r.termEnd);
    return {
      id: r.id,
      kind: r.kind,
      leaderId: r.leaderId,
      leaderName: r.leaderName,
      unitId: r.unitId,
      unitName: r.unitName,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      termStart: r.termStart,
      termEnd: r.termEnd,
      visits: r.visits,
      required,
      lastVisit: r.lastVisit,
      pace: paceOf(r.visits, required, asOf),
    };
  });
}

function group(items: YearItem[], key: (i: YearItem) => string | null, name: (i: YearItem) => string) {
  const m = new Map<string, { id: string; name: string; items: YearItem[] }>();
  for (const i of items) {
    const k = key(i);
    if (!k) continue;
    if (!m.has(k)) m.set(k, { id: k, name: name(i), items: [] });
    m.get(k)!.items.push(i);
  }
  return [...m.values()].map((g) => ({ id: g.id, name: g.name, ...totalsOf(g.items) }));
}

/** GET /api/contact-points/year: the caller's view of the year. */
export async function yearView(ctx: AuthedCtx, year?: number) {
  const day = today();
  const y = year ?? Number(day.slice(0, 4));
  const scope = visibleUnits(ctx.actor);
  // The province (tenant-wide) also sees each city's totals, never the cities' records: one query over
  // the province and its cities, the settings of each (R8.1) read side by side.
  const cities = ctx.actor.tenantKind === 'province' && scope === 'all' ? await listChildCities(ctx.db, ctx.actor.tenantId) : [];
  const tenantIds = [ctx.actor.tenantId, ...cities.map((c) => c.id)];
  const [rows, counts, settings] = await Promise.all([
    repo.yearRows(ctx.db, [ctx.actor.tenantId], y, scope),
    repo.yearCounts(
      ctx.db,
      cities.map((c) => c.id),
      y,
    ),
    loadTenantSettingsMany(ctx.db, tenantIds).then((m) => tenantIds.map((id) => m.get(id)!)),
  ]);
  const items = yearItems(rows, settings[0], y, day);
  const cityTotals = cities.map((c, i) => {
    const s = settings[i + 1];
    const own = counts.filter((r) => r.tenant_id === c.id);
    const paced = own.map((r) => {
      const required = requiredInYear(visitsPerYear(r.kind, s), y, r.term_start, r.term_end);
      return { visits: r.visits, required, pace: paceOf(r.visits, required, asOfDay(y, day)) };
    });
    return { tenantId: c.id, name: c.name, ...totalsOf(paced) };
  });
  return {
    year: y,
    asOf: day,
    required: { leader: settings[0].leaderVisitsPerYear, unit: settings[0].unitVisitsPerYear },
    items,
    byLeader: group(
      items.filter((i) => i.kind === 'leader'),
      (i) => i.leaderId,
      (i) => i.leaderName ?? '',
    ),
    byUnit: group(
      items.filter((i) => i.kind === 'unit'),
      (i) => i.unitId,
      (i) => i.unitName,
    ),
    totals: totalsOf(items),
    cities: cityTotals,
  };
}

// ---------------------------------------------------------------- scheduler

/** The scheduler's run: end terms, renewal notices, behind-pace reminders. Idempotent (source keys). Every tenant unless `tenantIds` is given. */
export async function contactPointDuties(db: Db, now: Date, opts: { tenantIds?: readonly string[] } = {}) {
  const day = shanghaiDate(now);
  let expired = 0;
  for (const row of await repo.endedPoints(db, day, 500, opts.tenantIds)) {
    const ctx = { db, actor: systemActor(row.tenant_id, 'contact-points'), ip: '', requestId: 'contact-points' };
    if (await withTx(ctx, (tx) => expirePoint(tx, ctx, row))) expired++;
  }
  const notes: NewNotification[] = [];
  // 60 days before the end: the coordinator and the holder start the next selection.
  for (const p of await repo.pointsNearingEnd(db, day, RENEWAL_NOTICE_DAYS, opts.tenantIds)) {
    const title = `联系点任期将满，请启动下一轮遴选`;
    const body = `${POINT_KIND_LABELS[p.kind]}「${p.kind === 'leader' ? `${p.leaderName} — ` : ''}${p.enterpriseName}」任期至 ${p.termEnd}，请提前启动下一轮遴选。`;
    const key = `cp-renewal:${p.id}:${p.termEnd}`;
    notes.push({ tenant_id: p.tenantId, type: 'contact_point', role: 'coordinator', title, body, source_key: `${key}:coordinator` });
    notes.push({ tenant_id: p.tenantId, type: 'contact_point', unit_id: p.unitId, title, body, source_key: `${key}:unit` });
    if (p.leaderUserId) notes.push({ tenant_id: p.tenantId, type: 'contact_point', user_id: p.leaderUserId, title, body, source_key: `${key}:leader` });
  }
  // Behind pace: at the start of each quarter (once per quarter) and again in December (the year ends).
  const y = Number(day.slice(0, 4));
  const q = quarterOf(day);
  const round = Number(day.slice(5, 7)) === 12 ? 'year-end' : `Q${q}`;
  const tenants = await repo.tenantsWithPoints(db, y, opts.tenantIds);
  for (const tenantId of tenants) {
    if (!(await getTenant(db, tenantId))) continue;
    const { settings } = await loadTenantSettings(db, tenantId);
    const rows = await repo.yearRows(db, [tenantId], y);
    for (const i of yearItems(rows, settings, y, day)) {
      if (i.pace !== 'behind') continue;
      const row = rows.find((r) => r.id === i.id)!;
      const title = `联系点走访${PACE_LABELS.behind}`;
      const body = `${POINT_KIND_LABELS[i.kind]}「${i.kind === 'leader' ? `${i.leaderName} — ` : ''}${i.enterpriseName}」今年已走访 ${i.visits} 次，应至少 ${i.required} 次，请尽快安排。`;
      const key = `cp-pace:${i.id}:${y}:${round}`;
      if (i.kind === 'unit' && row.liaisonUserId)
        notes.push({ tenant_id: tenantId, type: 'contact_point', user_id: row.liaisonUserId, title, body, source_key: `${key}:liaison` });
      else notes.push({ tenant_id: tenantId, type: 'contact_point', unit_id: i.unitId, title, body, source_key: `${key}:unit` });
      if (row.leaderUserId) notes.push({ tenant_id: tenantId, type: 'contact_point', user_id: row.leaderUserId, title, body, source_key: `${key}:leader` });
    }
  }
  const created = await insertNotifications(db, notes);
  return { expired, notices: created };
}

/**
 * The contact-point half of the dashboard's quota panel (issue 16 slot 'quotas', composed by research
 * with its R2.4 research-visit quota): visits done / required this year for leader points (R1.4) and
 * unit points (R1.8) within the viewer's units. Visits above a point's requirement do not count twice.
 * Null when the viewer's units carry no point.
 */
export async function pointQuotaItems(q: SlotQuery) {
  const units = q.units === null ? 'all' : [...q.units];
  const [rows, settings] = await Promise.all([
    repo.yearRows(q.db, [q.tenantId], q.year, units),
    sharedRead(q, loadTenantSettings, q.tenantId).then((s) => s.settings),
  ]);
  const items = yearItems(rows, settings, q.year, today());
  const pointItem = (kind: PointKind, rule: string) => {
    const t = totalsOf(items.filter((i) => i.kind === kind));
    return {
      label: `${POINT_KIND_LABELS[kind]}走访完成率`,
      value: t.required ? t.visits / t.required : null,
      unit: 'rate' as const,
      n: t.points,
      target: t.required,
      hint: `${rule}：${t.points} 个联系点，已走访 ${t.visits} / 应走访 ${t.required} 次，${t.done} 个已完成，${t.behind} 个${PACE_LABELS.behind}`,
    };
  };
  return {
    any: items.length > 0,
    items: [pointItem('leader', 'R1.4'), pointItem('unit', 'R1.8')],
    explain: `联系点按任期折算的应走访次数（R1.4 厅领导联系点每年至少 ${settings.leaderVisitsPerYear} 次，R1.8 处室联系点每年至少 ${settings.unitVisitsPerYear} 次）`,
  };
}

/**
 * R8.1 annual assessment: per unit, the contact-point visits of the year (R1.4 / R1.8) of the points it
 * carries — a unit point, or a leader point it is the liaison unit of — done (capped at each point's
 * requirement) against required.
 */
export async function visitTotalsByUnit(db: DbOrTx, tenantId: string, year: number): Promise<Map<string, Totals>> {
  const [rows, settings] = await Promise.all([repo.yearRows(db, [tenantId], year, 'all'), loadTenantSettings(db, tenantId).then((s) => s.settings)]);
  const items = yearItems(rows, settings, year, today());
  return new Map(
    group(
      items,
      (i) => i.unitId,
      (i) => i.unitName,
    ).map(({ id, points, visits, required, done, behind }) => [id, { points, visits, required, done, behind }]),
  );
}
