// Issue 19: hot topics read the daily keyword roll-up (appeal_words_daily, appeals module) and give the
// same words, categories and G² as the live computation (every text of the window split with jieba) —
// for a province with its city, a city alone, a sector filter, weekly and monthly — before the first
// run (nothing built: all live), after it, with a day touched since the run (split live), after a
// transfer to the city moved an appeal between tenants, and after handling actions (which touch nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { APPEAL_CATEGORY_LABELS, type AppealCategory } from '../../../shared/appeals.ts';
import { hotWordCounts, runHotWordsRollup } from '../../src/modules/appeals/index.ts';
import { rebuildHotWords } from '../../src/modules/appeals/appeals.words-rollup.ts';
import { clearHotTopicsCache, hotWindow, liveHotTopics } from '../../src/modules/assistance/assistance.hot-topics.ts';
import { createTenant } from '../helpers/factory.ts';
import { act, call, createAppeal, ok, world } from '../appeals/helpers.ts';

type W = Awaited<ReturnType<typeof world>>;
const DAY = 86_400_000;
const ago = (n: number, h = 0) => new Date(Date.now() - n * DAY - h * 3_600_000).toISOString();

const THEMES = [
  { title: '经营许可证延续咨询', content: '许可证到期延续材料清单和办理时限', category: 'licensing', sector: 'hazchem' },
  { title: '粉尘涉爆除尘系统整改', content: '车间铝镁粉尘除尘系统存在隐患，整改标准不清楚', category: 'hazard', sector: 'industry' },
  { title: '安全培训学时认定', content: '主要负责人安全培训学时和考核合格证明如何认定', category: 'policy', sector: 'industry' },
  { title: '执法检查程序疑问', content: '执法检查中现场处理措施的程序和期限', category: 'enforcement', sector: 'mining' },
  { title: '尾矿库隐患排查', content: '尾矿库隐患排查治理台账和整改期限咨询', category: 'hazard', sector: 'mining' },
];

async function compare(w: W, label: string) {
  for (const period of ['week', 'month'] as const) {
    for (const sector of [null, 'industry', 'mining'] as const) {
      for (const scope of ['province', 'city'] as const) {
        clearHotTopicsCache();
        const qs = `period=${period}${sector ? `&sector=${sector}` : ''}${scope === 'city' ? `&cityId=${w.city.id}` : ''}`;
        const res = await call(w.app, w.users.coordinator, { method: 'GET', url: `/api/assistance/hot-topics?${qs}` });
        assert.equal(res.statusCode, 200, res.body);
        const h = res.json();
        const ids = scope === 'city' ? [w.city.id] : [w.province.id, w.city.id];
        const live = await liveHotTopics(w.db, ids, period, sector, new Date());
        const what = `${label}: ${qs}`;
        if (!sector) assert.ok(live.words.length > 0 && live.categories.length > 0, `${what}: something rises`);
        assert.equal(h.n, live.n, `${what}: appeals of the period`);
        assert.equal(h.baselineN, live.baselineN, `${what}: appeals of the baseline`);
        const strip = (x: { key: string; count: number; baseline: number; g2: number; ratio: number | null }) => [x.key, x.count, x.baseline, x.g2, x.ratio];
        assert.deepEqual(h.words.map(strip), live.words.map(strip), `${what}: words`);
        assert.deepEqual(
          h.categories.map(strip),
          live.categories.map((c) => strip({ ...c, key: APPEAL_CATEGORY_LABELS[c.key as AppealCategory] })),
          `${what}: categories`,
        );
      }
    }
  }
}

test('hot topics from the daily roll-up equal the live computation (province with city, city, sector; touched day live; transfer)', async () => {
  const w = await world();
  let i = 0;
  const add = async (as: 'province' | 'city', daysAgo: number, theme: number) => {
    const t = THEMES[theme]!;
    const payload = { ...t, content: `${t.content}（第${i++}件）`, receivedAt: ago(daysAgo, i % 5), backdateReason: '补录' };
    if (as === 'province') return createAppeal(w, payload);
    const r = await call(w.app, w.cityIntake, {
      method: 'POST',
      url: '/api/appeals',
      payload: { enterpriseName: '外市企业', contactName: '李', contactPhone: '13900000000', channel: 'hotline', ...payload },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  // Baseline: licensing and training; this period: dust and tailings ponds, in the province and its city.
  for (const d of [12, 20, 35, 50, 70, 90, 110, 130]) await add('province', d, d % 3 === 0 ? 2 : 0);
  for (const d of [15, 40, 80]) await add('city', d, 0);
  for (const d of [1, 2, 3, 5, 9, 20]) await add('province', d, 1);
  for (const d of [2, 4, 25]) await add('province', d, 4);
  for (const d of [1, 3]) await add('city', d, 1);
  await add('city', 6, 3);

  const tenants = [w.province.id, w.city.id];
  await compare(w, 'nothing built (all live)');
  const built = await runHotWordsRollup(w.db, new Date(), { tenantIds: tenants });
  assert.equal(built.result.built, 2);
  const [stored] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_words_daily WHERE tenant_id = ${w.province.id}`);
  assert.ok(stored.n > 0, 'the first run built the province’s buckets');
  const win = hotWindow('month', new Date());
  const q = { tenantIds: tenants, ...win, sector: null, scopeOf: w.province.id };
  assert.equal((await hotWordCounts(w.db, q)).liveBuckets, 0, 'nothing touched since the run');
  assert.equal(built.result.scopesBuilt, 1, 'the province-wide buckets were built with its members');
  assert.ok((await hotWordCounts(w.db, q)).fromScope, 'the province with its city reads the province-wide buckets');
  await scopeIsSumOfMembers(w, 'built');
  await compare(w, 'built');

  // Days not yet rolled up: new appeals today and 3 days ago are split live.
  await add('province', 0, 1);
  const moved = await add('province', 3, 4);
  await add('city', 0, 4);
  assert.ok((await hotWordCounts(w.db, q)).liveBuckets >= 2, 'touched days are split live');
  assert.ok((await hotWordCounts(w.db, q)).fromScope, 'untouched days still come from the province-wide buckets');
  await compare(w, 'touched days live');

  // A transfer to the city moves an appeal (and its words) from the province's bucket to the city's.
  const res = await act(w, w.users.intake, moved.id, 'transfer-city', { tenantId: w.city.id, reason: '属地管辖' });
  assert.equal(res.statusCode, 200, res.body);
  await compare(w, 'after a transfer (live)');
  const again = await runHotWordsRollup(w.db, new Date(), { tenantIds: tenants });
  assert.equal(again.result.built, 0);
  assert.ok(again.result.buckets >= 2, 'the run recomputed the touched buckets');
  assert.equal((await hotWordCounts(w.db, q)).liveBuckets, 0);
  assert.equal(again.result.scopesBuilt, 0, 'only the touched days of the province-wide buckets were recomputed');
  await scopeIsSumOfMembers(w, 'after the second run');
  await compare(w, 'after the second run');
  // A re-run changes nothing.
  await runHotWordsRollup(w.db, new Date(), { tenantIds: tenants });
  await compare(w, 'after a re-run');
  // Handling an appeal received days ago (dispatch, accept: timeline events) changes none of its words:
  // no bucket is touched, nothing is split live, the next run recomputes nothing.
  const handled = await add('province', 9, 2);
  await runHotWordsRollup(w.db, new Date(), { tenantIds: tenants });
  await ok(w, w.users.intake, handled.id, 'dispatch', { leadUnitId: w.lead.id });
  await ok(w, w.users.leadStaff, handled.id, 'accept');
  assert.equal((await hotWordCounts(w.db, q)).liveBuckets, 0, 'handling events touch no bucket');
  assert.equal((await runHotWordsRollup(w.db, new Date(), { tenantIds: tenants })).result.buckets, 0);
  await compare(w, 'after handling');
  // A rebuild reading the appeals in pages of 3 (keyset paging across equal receipt instants and days) gives the same buckets.
  const before = await queryRows(w.db, sql`SELECT tenant_id, day::text, sector, word, n FROM appeal_words_daily ORDER BY 1, 2, 3, 4`);
  await rebuildHotWords(w.db, tenants, 3);
  assert.deepEqual(await queryRows(w.db, sql`SELECT tenant_id, day::text, sector, word, n FROM appeal_words_daily ORDER BY 1, 2, 3, 4`), before);

  // A new city bureau: until it is built the province reads its members' own buckets (the new city split
  // live); the run that builds it rebuilds the province-wide buckets in full.
  const second = await createTenant(w.db, { kind: 'city', parentId: w.province.id });
  const withSecond = { ...q, tenantIds: [...tenants, second.id] };
  assert.equal((await hotWordCounts(w.db, withSecond)).fromScope, false, 'a member not built: no province-wide buckets');
  const third = await runHotWordsRollup(w.db, new Date(), { tenantIds: [...tenants, second.id] });
  assert.equal(third.result.built, 1);
  assert.equal(third.result.scopesBuilt, 1);
  assert.ok((await hotWordCounts(w.db, withSecond)).fromScope);
  await scopeIsSumOfMembers(w, 'after a new city');
  await compare(w, 'after a new city');
});

/** The province-wide buckets equal the sums of its members' buckets, row for row: per sector, and over every sector ('*'). */
async function scopeIsSumOfMembers(w: W, label: string) {
  const scope = (allSectors: boolean) =>
    queryRows(
      w.db,
      sql`SELECT day::text, sector, kind, key, n FROM appeal_topics_scope_daily
          WHERE root_id = ${w.province.id} AND ${allSectors ? sql`sector = '*'` : sql`sector <> '*'`} ORDER BY 1, 2, 3, 4`,
    );
  const members = sql`(
    SELECT f.day, f.sector, 'w' AS kind, f.word AS key, f.n FROM appeal_words_daily f JOIN tenants t ON t.id = f.tenant_id
    WHERE t.id = ${w.province.id} OR t.parent_id = ${w.province.id}
    UNION ALL
    SELECT c.day, c.sector, 'c', c.category, c.n FROM appeal_categories_daily c JOIN tenants t ON t.id = c.tenant_id
    WHERE t.id = ${w.province.id} OR t.parent_id = ${w.province.id}) x`;
  const perSector = await queryRows(w.db, sql`SELECT day::text, sector, kind, key, sum(n)::int AS n FROM ${members} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
  const overAll = await queryRows(w.db, sql`SELECT day::text, '*' AS sector, kind, key, sum(n)::int AS n FROM ${members} GROUP BY 1, 3, 4 ORDER BY 1, 2, 3, 4`);
  assert.ok(perSector.length > 0, `${label}: the members have buckets`);
  assert.deepEqual(await scope(false), perSector, `${label}: province-wide buckets per sector are the sums of the members'`);
  assert.deepEqual(await scope(true), overAll, `${label}: province-wide buckets over every sector are the sums of the members'`);
}
