// Capability 8 hot topics (clause 二: research aimed at what enterprises raise most): the words and
// categories rising in the tenant's appeals this week / month against the four periods before
// (domain/assistance/hot-topics.ts, log-likelihood ratio G²), optionally by sector and, for the
// province, by city: the province's figures cover every city bureau, but it lists only its own case
// files behind a topic (cities' appeals as counts per city). A topic becomes a research task in one
// step (the research module's create, with the registered enterprises behind it).
import type { DashboardSlot } from '../../../../shared/api/dashboard.ts';
import type { HotTopic, HotTopics } from '../../../../shared/api/knowledge.ts';
import { APPEAL_CATEGORY_LABELS, type AppealCategory } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { G2_SIGNIFICANT, keywordSet, risingKeys, type Rising } from '../../domain/assistance/hot-topics.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, appealTextsBetween, contentWords, type AppealText } from '../appeals/index.ts';
import type { SlotQuery } from '../dashboard/index.ts';
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
    return { ids: [c.id], cities };
  }
  return { ids: [actor.tenantId, ...cities.map((c) => c.id)], cities };
}

type Computed = {
  period: 'week' | 'month';
  from: Date;
  to: Date;
  baselineFrom: Date;
  cur: AppealText[];
  base: AppealText[];
  words: Rising[];
  categories: Rising[];
  curWords: Set<string>[];
};

/**
 * Each instance keeps a computed period for CACHE_MS (a cache, not state: any instance recomputes it):
 * the dashboard shows the panel on every visit, and splitting a period's appeals into words is the
 * expensive part (docs/ASSISTANCE.md, 尚未做到: daily word roll-ups).
 */
const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: Promise<Computed> }>();

function compute(db: DbOrTx, tenantIds: string[], period: 'week' | 'month', sector: string | null, now: Date): Promise<Computed> {
  const key = `${tenantIds.join(',')}|${period}|${sector ?? ''}`;
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at) return hit.value;
  if (cache.size > 500) cache.clear();
  const value = computeNow(db, tenantIds, period, sector, now);
  cache.set(key, { at: now.getTime(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function computeNow(db: DbOrTx, tenantIds: string[], period: 'week' | 'month', sector: string | null, now: Date): Promise<Computed> {
  const to = now;
  const from = new Date(to.getTime() - SPAN[period] * DAY);
  const baselineFrom = new Date(from.getTime() - BASELINE_PERIODS * SPAN[period] * DAY);
  const all = await appealTextsBetween(db, tenantIds, baselineFrom, to, { sector });
  const cur = all.filter((a) => a.receivedAt >= from);
  const base = all.filter((a) => a.receivedAt < from);
  const bag = (a: AppealText) => keywordSet(contentWords(`${a.title}\n${a.content}`));
  const curWords = cur.map(bag);
  const words = risingKeys(curWords, base.map(bag), { minCount: 2, limit: 12 });
  const categories = risingKeys(
    cur.map((a) => new Set([a.category])),
    base.map((a) => new Set([a.category])),
    { minCount: 1, limit: 8 },
  );
  return { period, from, to, baselineFrom, cur, base, words, categories, curWords };
}

export async function hotTopics(ctx: AuthedCtx, q: { period: 'week' | 'month'; sector?: string | null; cityId?: string | null }): Promise<HotTopics> {
  const actor = ctx.actor;
  const { ids, cities } = await scopeTenants(ctx.db, actor, q.cityId ?? null);
  const c = await compute(ctx.db, ids, q.period, q.sector ?? null, appealClock.now());
  const cityName = new Map(cities.map((x) => [x.id, x.name]));
  const behind = (has: (a: AppealText, i: number) => boolean): Pick<HotTopic, 'appeals' | 'byCity'> => {
    const hits = c.cur.filter(has);
    const own = hits.filter((a) => a.tenantId === actor.tenantId).slice(0, 20);
    const perCity = new Map<string, number>();
    for (const a of hits) if (a.tenantId !== actor.tenantId) perCity.set(a.tenantId, (perCity.get(a.tenantId) ?? 0) + 1);
    return {
      appeals: own.map((a) => ({ id: a.id, number: a.number, title: a.title, receivedAt: iso(a.receivedAt)! })),
      byCity: [...perCity].map(([tenantId, count]) => ({ tenantId, name: cityName.get(tenantId) ?? '', count })).sort((x, y) => y.count - x.count),
    };
  };
  return {
    period: q.period,
    from: iso(c.from)!,
    to: iso(c.to)!,
    baselineFrom: iso(c.baselineFrom)!,
    n: c.cur.length,
    baselineN: c.base.length,
    statistic: STATISTIC,
    words: c.words.map((w) => ({ ...w, ...behind((_a, i) => c.curWords[i]!.has(w.key)) })),
    categories: c.categories.map((w) => ({
      ...w,
      key: APPEAL_CATEGORY_LABELS[w.key as AppealCategory] ?? w.key,
      ...behind((a) => a.category === w.key),
    })),
  };
}

/** The dashboard's 热点 panel (dashboard slot 'hotTopics'): this month's most rising words of the tenant (with its cities for the province). */
export async function hotTopicsSlot(q: SlotQuery): Promise<Extract<DashboardSlot, { status: 'ok' }> | null> {
  const cities = await listChildCities(q.db, q.tenantId);
  const c = await compute(q.db, [q.tenantId, ...cities.map((x) => x.id)], 'month', null, appealClock.now());
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
  const c = await compute(ctx.db, [actor.tenantId], input.period, null, appealClock.now());
  const idx = c.cur.map((a, i) => ({ a, i })).filter(({ i }) => c.curWords[i]!.has(input.keyword.toLowerCase()));
  const enterpriseIds = [...new Set(idx.map(({ a }) => a.enterpriseId).filter((x): x is string => !!x))].slice(0, 30);
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
