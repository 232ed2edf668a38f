// Chinese keyword search (jieba words in a tsvector + pg_trgm substrings on titles) with filters,
// and the figures computed from milestones and evaluations.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { SEARCH_COUNT_CAP } from '../../src/modules/appeals/appeals.service.ts';
import { call, createAppeal, ok, world } from './helpers.ts';

const real = appealClock.now;
afterEach(() => {
  appealClock.now = real;
});

test('search in Chinese: jieba words in title and content, substrings of titles, with filters', async () => {
  const w = await world();
  const a = await createAppeal(w, { title: '危险化学品经营许可证延期办理咨询', content: '企业咨询延期所需材料', category: 'licensing' });
  const b = await createAppeal(w, {
    title: '尾矿库安全隐患举报',
    content: '反映某非煤矿山尾矿库排洪设施存在安全隐患',
    category: 'hazard',
    isSafetyHazard: true,
  });
  const c = await createAppeal(w, {
    title: '工贸企业粉尘防爆政策咨询',
    content: '询问粉尘涉爆企业改造补贴政策',
    category: 'policy',
    enterpriseName: '济南精工机械有限公司',
  });
  const find = async (qs: string) =>
    (await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals?${qs}` }))
      .json()
      .items.map((x: { id: string }) => x.id)
      .sort();
  const q = (s: string) => `q=${encodeURIComponent(s)}`;
  assert.deepEqual(await find(q('许可证')), [a.id]);
  assert.deepEqual(await find(q('化学品')), [a.id]);
  assert.deepEqual(await find(q('排洪设施')), [b.id], 'a word of the content');
  assert.deepEqual(await find(q('补贴政策')), [c.id], 'two words, both required');
  assert.deepEqual(await find(q('精工机械')), [c.id], 'the enterprise name is indexed');
  assert.deepEqual(await find(q('库安全')), [b.id], 'a title substring that is no jieba word');
  assert.deepEqual(await find(q('咨询')), [a.id, c.id].sort());
  assert.deepEqual(await find(`${q('咨询')}&category=policy`), [c.id]);
  assert.deepEqual(await find('hazard=true'), [b.id]);
  assert.deepEqual(await find(q('100%')), []);
  assert.deepEqual(await find(q('不存在的词语')), []);
  // Unit users search within their scope only.
  const unitSees = (await call(w.app, w.users.otherStaff, { method: 'GET', url: `/api/appeals?${q('咨询')}` })).json();
  assert.equal(unitSees.items.length, 0);
});

test('figures: received, closed, on-time rate of each milestone, resolution and satisfaction rates, per unit', async () => {
  const w = await world();
  const at = (s: string) => {
    appealClock.now = () => new Date(s);
  };
  // 1: all on time, solved, satisfied.
  at('2025-11-03T09:00:00+08:00');
  const one = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, one.id, 'accept');
  await ok(w, w.users.leadStaff, one.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  await ok(w, w.users.leadStaff, one.id, 'opinion', { text: '意见' });
  await ok(w, w.users.leadStaff, one.id, 'result', { kind: 'solved', text: '解决' });
  await ok(w, w.users.leadStaff, one.id, 'reply', { text: '答复' });
  await ok(w, w.users.intake, one.id, 'evaluate', { rating: 'satisfied' });
  // 2: contact late (after 2 hours), service confirmed, evaluated dissatisfied (reopened).
  const two = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, two.id, 'accept');
  at('2025-11-03T12:00:00+08:00');
  await ok(w, w.users.leadStaff, two.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  await ok(w, w.users.leadStaff, two.id, 'opinion', { text: '意见' });
  await ok(w, w.users.leadStaff, two.id, 'result', { kind: 'service_confirmed', text: '服务确认' });
  await ok(w, w.users.leadStaff, two.id, 'reply', { text: '答复' });
  await ok(w, w.users.intake, two.id, 'evaluate', { rating: 'dissatisfied' });
  // 3: other unit, nothing done, contact overdue.
  at('2025-11-03T09:00:00+08:00');
  await createAppeal(w, { dispatch: { leadUnitId: w.other.id } });
  // 4: answered on the spot.
  await createAppeal(w, { answerOnSpot: '当场解答' });
  at('2025-11-05T09:00:00+08:00');

  const get = async (user = w.users.intake, extra = '') =>
    (
      await call(w.app, user, {
        method: 'GET',
        url: `/api/appeals/figures?from=${encodeURIComponent('2025-11-01T00:00:00+08:00')}&to=${encodeURIComponent('2025-12-01T00:00:00+08:00')}${extra}`,
      })
    ).json();
  const f = await get();
  assert.equal(f.totals.received, 4);
  assert.equal(f.totals.closed, 2);
  assert.equal(f.totals.answeredOnSpot, 1);
  // Contact: #1 on time; #2 reopened, its new cycle's contact (2 hours) is now overdue; #3 overdue; on-spot met.
  assert.equal(f.totals.contactDue, 4);
  assert.equal(f.totals.contactOnTime, 2);
  assert.equal(f.totals.satisfied, 1);
  assert.equal(f.totals.evaluated, 2);
  assert.equal(f.totals.satisfactionRate, 0.5);
  assert.equal(f.totals.resolutionRate, 1);
  const leadRow = f.byUnit.find((u: { unitId: string }) => u.unitId === w.lead.id);
  assert.equal(leadRow.received, 2);
  // A unit user sees their unit only; asking for another unit is refused as out of scope.
  const mine = await get(w.users.leadStaff);
  assert.deepEqual(
    mine.byUnit.map((u: { unitId: string }) => u.unitId),
    [w.lead.id],
  );
  const res = await call(w.app, w.users.leadStaff, {
    method: 'GET',
    url: `/api/appeals/figures?from=2025-11-01T00:00:00%2B08:00&to=2025-12-01T00:00:00%2B08:00&unitId=${w.other.id}`,
  });
  assert.equal(res.statusCode, 404);
});

test('a keyword search counts at most SEARCH_COUNT_CAP matches and says so; a plain list counts further', async () => {
  const w = await world();
  const n = SEARCH_COUNT_CAP + 5;
  await w.db.execute(sql`
    INSERT INTO appeals (tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content, received_at, state, cycle_started_at, search_vector)
    SELECT ${w.province.id}, 'CAP-' || g, '企业' || g, '联系人', '13800000000', 'hotline', 'licensing', '许可证延期咨询' || g, '内容', now() - g * interval '1 minute', 'received', now(),
      to_tsvector('simple', '许可证 延期 咨询')
    FROM generate_series(1, ${n}) g`);
  const search = (await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals?q=${encodeURIComponent('许可证')}` })).json();
  assert.equal(search.total, SEARCH_COUNT_CAP);
  assert.equal(search.totalCapped, true);
  assert.equal(search.items.length, 20);
  const list = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?view=all' })).json();
  assert.ok(list.total >= n);
  assert.equal(list.totalCapped, false);
});
