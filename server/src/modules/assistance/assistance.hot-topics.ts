// Capability 8 hot topics (clause 二: research aimed at what enterprises raise most): the words and
// categories rising in the tenant's appeals this week / month against the four periods before
// (domain/assistance/hot-topics.ts, log-likelihood ratio G²), counted from the appeals module's daily
// keyword roll-up (issue 19; days touched since its last run split live), optionally by sector and, for the
// province, by city: the province's figures cover every city bureau, but it lists only its own case
// files behind a topic (cities' appeals as counts per city). A topic becomes a research task in one
// step (the research module's create, with the registered enterprises behind it).
import type { DashboardSlot } from '../../../../shared/api/dashboard.ts';
import type { HotTopic, HotTopics } from '../../../../shared/api/knowledge.ts';
import { APPEAL_CATEGORY_LABELS, type AppealCategory } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { G2_SIGNIFICANT, risingFromCounts, risingKeys, type Rising } from '../../domain/assistance/hot-topics.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import {
  appealClock,
  appealKeywords,
  appealsBehindTopics,
  appealsMentioning,
  appealTextsBetween,
  hotWordCounts,
  type AppealText,
  type KeyCounts,
} from '../appeals/index.ts';
import { sharedRead, type SlotQuery } from '../dashboard/index.ts';
import { createResearchTask } from '../research/index.ts';
import { listChildCities } from '../tenants/index.ts';

const DAY = 86_400_000;
const SPAN = { week: 7, month: 30 } as const;
const BASELINE_PERIODS = 4;
export const STATISTIC = `对数似然比 G²（本期与前${BASELINE_PERIODS}期基线相比，按提及该词的诉求件数计；G² ≥ ${G2_SIGNIFICANT} 为显著上升，p < 0.05）`;

async function scopeTenants(db: DbOrTx, actor: Actor, cityId: string | null) {
  const cities = actor.tenantKind === 'province' ? await listChildCities(db, actor.tenantId) : [];
  if (cityId) {
    const c = cities.find((x) => x.id === cityId);
    if (!c) throw notFound('地市');
    return { ids: [c.id], cities, scopeOf: null };
  }
  return { ids: [actor.tenantId, ...cities.map((c) => c.id)], cities, scopeOf: cities.length ? actor.tenantId : null };
}

/**
 * The period and its baseline in whole Asia/Shanghai days (the roll-up's buckets): the period is the
 * last 7 or 30 days, today included (up to now); the baseline the 4 periods before it.
 */
export function hotWindow(period: 'week' | 'month', now: Date) {
  const today = shanghaiDate(now);
  const curFromDay = addDaysIso(today, -(SPAN[period] - 1));
  return { curFromDay, baseFromDay: addDaysIso(curFromDay, -BASELINE_PERIODS * SPAN[period]), toDay: addDaysIso(today, 1) };
}
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

type Behind = Pick<HotTopic, 'appeals' | 'byCity'>;
type Computed = {
  from: Date;
  to: Date;
  baselineFrom: Date;
  n: number;
  baselineN: number;
  words: (Rising & Partial<Behind>)[];
  categories: (Rising & Partial<Behind>)[];
};

/**
 * Each instance keeps a computed period for CACHE_MS (a cache, not state: any instance recomputes it):
 * the dashboard shows the panel on every visit. Since the roll-up (issue 19) a computation sums stored
 * rows; ZQT_HOT_TOPICS_CACHE_MS=0 turns the cache of GET /api/assistance/hot-topics off (the bench
 * measures its uncached cost; the dashboard's panel stays cached).
 */
const CACHE_MS = 5 * 60_000;
const ENDPOINT_CACHE_MS = Number(process.env.ZQT_HOT_TOPICS_CACHE_MS ?? CACHE_MS);
const cache = new Map<string, { at: number; value: Promise<Computed> }>();

/** Tests: forget every computed period. */
export function clearHotTopicsCache() {
  cache.clear();
}

type ComputeQuery = {
  tenantIds: string[];
  /** tenantIds are this tenant and all its cities (the province-wide buckets apply). */
  scopeOf: string | null;
  period: 'week' | 'month';
  sector: string | null;
  now: Date;
  behind: { own: string; cityName: Map<string, string> } | null;
};

function compute(db: DbOrTx, q: ComputeQuery, cacheMs = CACHE_MS): Promise<Computed> {
  const key = `${q.tenantIds.join(',')}|${q.period}|${q.sector ?? ''}|${q.behind?.own ?? ''}`;
  const now = q.now.getTime();
  const hit = cache.get(key);
  if (cacheMs > 0 && hit && now - hit.at < cacheMs && now >= hit.at) return hit.value;
  if (cache.size > 500) cache.clear();
  const value = computeNow(db, q);
  if (cacheMs > 0) {
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
  }
  return value;
}

/** From the roll-up (appeals module, appeal_words_daily): stored days summed, days touched since its last run split live. */
async function computeNow(db: DbOrTx, q: ComputeQuery): Promise<Computed> {
  const w = hotWindow(q.period, q.now);
  const counts = await hotWordCounts(db, { tenantIds: q.tenantIds, scopeOf: q.scopeOf, ...w, sector: q.sector });
  const split = (m: Map<string, KeyCounts>) => {
    const c1 = new Map<string, number>();
    const c2 = new Map<string, number>();
    for (const [k, c] of m) {
      if (c.k1) c1.set(k, c.k1);
      if (c.k2) c2.set(k, c.k2);
    }
    return [c1, c2] as const;
  };
  const [w1, w2] = split(counts.words);
  const [g1, g2] = split(counts.categories);
  const words: Computed['words'] = risingFromCounts(w1, counts.n1, w2, counts.n2, { minCount: 2, limit: 12 });
  const categories: Computed['categories'] = risingFromCounts(g1, counts.n1, g2, counts.n2, { minCount: 1, limit: 8 });
  const b = q.behind;
  if (b) {
    // Behind each topic: the caller's own newest 20 case files, other tenants (the province's cities) as
    // counts. Two statements for all topics: the per-tenant sums and the listings.
    const keys = { words: words.map((x) => x.key), categories: categories.map((x) => x.key) };
    const [per, lists] = await Promise.all([
      counts.perTenant(keys),
      q.tenantIds.includes(b.own)
        ? appealsBehindTopics(db, { tenantId: b.own, fromDay: w.curFromDay, toDay: w.toDay, sector: q.sector, ...keys, limit: 20 })
        : null,
    ]);
    for (const [kind, list] of [
      ['word', words],
      ['category', categories],
    ] as const) {
      for (const x of list) {
        const own = (kind === 'word' ? lists?.words : lists?.categories)?.get(x.key) ?? [];
        x.appeals = own.map((a) => ({ id: a.id, number: a.number, title: a.title, receivedAt: iso(a.receivedAt)! }));
        x.byCity = [...(per[kind].get(x.key) ?? [])]
          .filter(([t, n]) => t !== b.own && n > 0)
          .map(([tenantId, count]) => ({ tenantId, name: b.cityName.get(tenantId) ?? '', count }))
          .sort((p, r) => r.count - p.count);
      }
    }
  }
  return { from: dayStart(w.curFromDay), to: q.now, baselineFrom: dayStart(w.baseFromDay), n: counts.n1, baselineN: counts.n2, words, categories };
}

/**
 * The same statistic computed live from the texts (every appeal of the window split with jieba): what
 * hot topics were before the roll-up. Kept as the reference the roll-up is tested against.
 */
export async function liveHotTopics(db: DbOrTx, tenantIds: string[], period: 'week' | 'month', sector: string | null, now: Date) {
  const w = hotWindow(period, now);
  const all = await appealTextsBetween(db, tenantIds, dayStart(w.baseFromDay), dayStart(w.toDay), { sector, limit: 1_000_000 });
  const cur = all.filter((a) => shanghaiDate(a.receivedAt) >= w.curFromDay);
  const base = all.filter((a) => shanghaiDate(a.receivedAt) < w.curFromDay);
  const bag = (a: AppealText) => appealKeywords(a.title, a.content);
  return {
    n: cur.length,
    baselineN: base.length,
    words: risingKeys(cur.map(bag), base.map(bag), { minCount: 2, limit: 12 }),
    categories: risingKeys(
      cur.map((a) => new Set([a.category])),
      base.map((a) => new Set([a.category])),
      { minCount: 1, limit: 8 },
    ),
  };
}

export async function hotTopics(ctx: AuthedCtx, q: { period: 'week' | 'month'; sector?: string | null; cityId?: string | null }): Promise<HotTopics> {
  const actor = ctx.actor;
  const { ids, cities, scopeOf } = await scopeTenants(ctx.db, actor, q.cityId ?? null);
  const c = await compute(
    ctx.db,
    {
      tenantIds: ids,
      scopeOf,
      period: q.period,
      sector: q.sector ?? null,
      now: appealClock.now(),
      behind: { own: actor.tenantId, cityName: new Map(cities.map((x) => [x.id, x.name])) },
    },
    ENDPOINT_CACHE_MS,
  );
  const behind = (x: Partial<Behind>): Behind => ({ appeals: x.appeals ?? [], byCity: x.byCity ?? [] });
  return {
    period: q.period,
    from: iso(c.from)!,
    to: iso(c.to)!,
    baselineFrom: iso(c.baselineFrom)!,
    n: c.n,
    baselineN: c.baselineN,
    statistic: STATISTIC,
    words: c.words.map((w) => ({ key: w.key, count: w.count, baseline: w.baseline, g2: w.g2, ratio: w.ratio, ...behind(w) })),
    categories: c.categories.map((w) => ({
      key: APPEAL_CATEGORY_LABELS[w.key as AppealCategory] ?? w.key,
      count: w.count,
      baseline: w.baseline,
      g2: w.g2,
      ratio: w.ratio,
      ...behind(w),
    })),
  };
}

/** The dashboard's 热点 panel (dashboard slot 'hotTopics'): this month's most rising words of the tenant (with its cities for the province). */
export async function hotTopicsSlot(q: SlotQuery): Promise<Extract<DashboardSlot, { status: 'ok' }> | null> {
  const cities = await sharedRead(q, listChildCities, q.tenantId);
  const c = await compute(q.db, {
    tenantIds: [q.tenantId, ...cities.map((x) => x.id)],
    scopeOf: cities.length ? q.tenantId : null,
    period: 'month',
    sector: null,
    now: appealClock.now(),
    behind: null,
  });
  if (!c.words.length) return null;
  return {
    status: 'ok',
    title: '诉求热点（近30天）',
    explain: STATISTIC,
    items: c.words.slice(0, 5).map((w) => ({
      label: w.key,
      value: w.count,
      unit: 'count',
      n: w.baseline,
      target: null,
      hint: `G² ${w.g2}${w.ratio ? `，占比为基线的 ${w.ratio} 倍` : '，基线期未出现'}`,
    })),
  };
}

/** "转为调研课题": a research task on a hot word, organised by the caller's unit (or the unit chosen by 政策法规处). */
export async function toResearch(ctx: AuthedCtx, input: { keyword: string; period: 'week' | 'month'; unitId: string }) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError(ErrorCode.FORBIDDEN);
  const w = hotWindow(input.period, appealClock.now());
  const mentioning = await appealsMentioning(ctx.db, {
    tenantId: actor.tenantId,
    fromDay: w.curFromDay,
    toDay: w.toDay,
    sector: null,
    word: input.keyword.toLowerCase(),
    limit: 500,
  });
  const enterpriseIds = [...new Set(mentioning.map((a) => a.enterpriseId).filter((x): x is string => !!x))].slice(0, 30);
  const today = shanghaiDate(appealClock.now());
  const end = shanghaiDate(new Date(appealClock.now().getTime() + 60 * DAY));
  return createResearchTask(ctx, {
    topic: 'pain_points',
    title: `诉求热点「${input.keyword}」专题调研`,
    unitId: input.unitId,
    leaderIds: [],
    form: 'thematic',
    inspectionRef: null,
    periodFrom: today,
    periodTo: end,
    enterpriseIds,
  });
}
