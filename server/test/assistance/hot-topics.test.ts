// Capability 8 hot topics: the log-likelihood ratio on known tables, rising words of a period against
// its baseline, the province seeing its cities as counts (never their case files), the dashboard slot,
// and "转为调研课题" creating a research task through the research module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { G2_SIGNIFICANT, logLikelihood, risingKeys } from '../../src/domain/assistance/hot-topics.ts';
import { call, createAppeal, world } from '../appeals/helpers.ts';

test('hot topics statistic: G² is 0 for equal shares, grows with the rise, significant above 3.84', () => {
  assert.equal(logLikelihood(10, 100, 40, 400), 0);
  assert.ok(logLikelihood(30, 100, 10, 400) > G2_SIGNIFICANT);
  assert.ok(logLikelihood(30, 100, 10, 400) > logLikelihood(15, 100, 10, 400));
  const cur = [new Set(['粉尘', '除尘']), new Set(['粉尘']), new Set(['许可证'])];
  const base = [new Set(['许可证']), new Set(['许可证']), new Set(['培训']), new Set(['许可证'])];
  const r = risingKeys(cur, base, { minCount: 2 });
  assert.deepEqual(
    r.map((x) => x.key),
    ['粉尘'],
    'only rising words of at least 2 appeals (许可证 is falling)',
  );
});

test('R6.1 hot topics of the tenant by period; the province sees city counts, not city case files; 转为调研课题', async () => {
  const w = await world();
  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  // Baseline (8–100 days ago): licensing questions. This week: dust explosion hazards.
  for (let i = 0; i < 6; i++) {
    await createAppeal(w, { title: '经营许可证延续咨询', content: `许可证到期延续材料${i}`, receivedAt: days(20 + i * 10), backdateReason: '补录' });
  }
  for (let i = 0; i < 4; i++) {
    await createAppeal(w, {
      title: '粉尘涉爆除尘系统整改',
      content: `车间铝镁粉尘除尘系统存在隐患，整改标准不清楚${i}`,
      receivedAt: days(1 + i),
      backdateReason: '补录',
    });
  }
  const cityAppeal = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '外市企业',
      contactName: '李',
      contactPhone: '13900000000',
      channel: 'hotline',
      category: 'hazard',
      title: '粉尘除尘器改造',
      content: '粉尘除尘系统改造咨询',
    },
  });
  assert.equal(cityAppeal.statusCode, 201);

  const res = await call(w.app, w.users.coordinator, { method: 'GET', url: '/api/assistance/hot-topics?period=week' });
  assert.equal(res.statusCode, 200, res.body);
  const h = res.json();
  assert.match(h.statistic, /对数似然比/);
  const dust = h.words.find((x: { key: string }) => x.key === '粉尘');
  assert.ok(dust, `粉尘 rises: ${JSON.stringify(h.words.map((x: { key: string }) => x.key))}`);
  assert.equal(dust.count, 5, 'four of the province and one of the city');
  assert.equal(dust.appeals.length, 4, 'only the province’s own case files are listed');
  assert.deepEqual(
    dust.byCity.map((c: { tenantId: string; count: number }) => [c.tenantId, c.count]),
    [[w.city.id, 1]],
  );
  assert.ok(!h.words.some((x: { key: string }) => x.key === '许可证'), 'a falling word is not a hot topic');
  // The city sees its own only.
  const city = await call(w.app, w.cityIntake, { method: 'GET', url: '/api/assistance/hot-topics?period=week' });
  assert.equal(city.statusCode, 200, city.body);
  assert.ok(
    city
      .json()
      .words.every((x: { byCity: unknown[]; appeals: { id: string }[] }) => x.byCity.length === 0 && x.appeals.every((a) => a.id === cityAppeal.json().id)),
  );

  // The dashboard's 热点 slot.
  const dash = await call(w.app, w.users.coordinator, { method: 'GET', url: '/api/dashboard' });
  assert.equal(dash.statusCode, 200, dash.body);
  assert.equal(dash.json().slots.hotTopics.status, 'ok');

  // 转为调研课题: a research task of the unit through the research module.
  const task = await call(w.app, w.users.coordinator, {
    method: 'POST',
    url: '/api/assistance/hot-topics/research',
    payload: { keyword: '粉尘', period: 'week', unitId: w.lead.id },
  });
  assert.equal(task.statusCode, 201, task.body);
  assert.match(task.json().title, /粉尘/);
  const staff = await call(w.app, w.users.otherStaff, {
    method: 'POST',
    url: '/api/assistance/hot-topics/research',
    payload: { keyword: '粉尘', unitId: w.lead.id },
  });
  assert.equal(staff.statusCode, 403, 'another unit’s staff cannot organise it');
});
