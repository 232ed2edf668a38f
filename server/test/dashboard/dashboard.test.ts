// Dashboard (issue 16, R7.2, R8.1): its figures equal the live aggregate over the same appeals and
// events (recomputed here from the tables, and asked of the appeals module's live path), before and
// after the roll-up has seen the changes; leaders see their portfolio only; the province sees each
// city bureau's aggregate and never a city appeal; the panels of unbuilt modules say so.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { runFiguresRollup } from '../../src/modules/appeals/appeals.rollup.ts';
import { assessmentSlot } from '../../src/modules/assessment/assessment.service.ts';
import { provideDashboardSlot, sharedRead, type SlotQuery } from '../../src/modules/dashboard/index.ts';
import { sharedReads } from '../../src/modules/dashboard/dashboard.slots.ts';
import { createUser, type TestUser } from '../helpers/factory.ts';
import { call, createAppeal, ok, world, type World } from '../appeals/helpers.ts';
import { at, resetClock, scenario } from './fixtures.ts';

afterEach(resetClock);

async function dash(w: World, user: TestUser, query = '') {
  const res = await call(w.app, user, { method: 'GET', url: `/api/dashboard${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The appeals module's live aggregate (a period off whole days by 1 ms takes its live path). */
async function liveFigures(w: World, user: TestUser, from: string, to: string) {
  const iso = (s: string) => encodeURIComponent(new Date(new Date(s).getTime() + 1).toISOString());
  const res = await call(w.app, user, { method: 'GET', url: `/api/appeals/figures?from=${iso(from)}&to=${iso(to)}` });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.source, 'live');
  return body;
}

const COUNT_KEYS = [
  'received',
  'closed',
  'answeredOnSpot',
  'contactOnTime',
  'contactDue',
  'opinionOnTime',
  'opinionDue',
  'resolutionOnTime',
  'resolutionDue',
  'solved',
  'resolved',
  'satisfied',
  'evaluated',
  'contactOnTimeRate',
  'opinionOnTimeRate',
  'resolutionOnTimeRate',
  'resolutionRate',
  'satisfactionRate',
] as const;
const pick = (o: Record<string, unknown>) => Object.fromEntries(COUNT_KEYS.map((k) => [k, o[k]]));

/** Received / closed / evaluations per Shanghai month, counted straight from the tables. */
async function fromTables(w: World, tenantId: string, units: string[] | null) {
  const unitCond = units
    ? sql`AND a.lead_unit_id IN (${sql.join(
        units.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ month: string; received: number; closed: number; evaluated: number; satisfied: number }>(
    w.db,
    sql`
    SELECT m AS month,
      (SELECT count(*) FROM appeals a WHERE a.tenant_id = ${tenantId} ${unitCond} AND to_char(a.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m)::int AS received,
      (SELECT count(*) FROM appeals a WHERE a.tenant_id = ${tenantId} ${unitCond} AND to_char(a.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m)::int AS closed,
      (SELECT count(*) FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id WHERE e.tenant_id = ${tenantId} ${unitCond} AND e.type = 'evaluate'
         AND to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m)::int AS evaluated,
      (SELECT count(*) FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id WHERE e.tenant_id = ${tenantId} ${unitCond} AND e.type = 'evaluate'
         AND e.payload->>'rating' IN ('satisfied', 'basically_satisfied') AND to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m)::int AS satisfied
    FROM unnest(ARRAY['2025-09', '2025-10', '2025-11']) AS m ORDER BY m`,
  );
  return rows;
}

test('R7.2 dashboard figures equal the live aggregate recomputed from appeals and events (roll-up built, then unseen changes)', async () => {
  const w = await world();
  const s = await scenario(w);
  const now = at('2025-11-20T09:00:00+08:00');
  await runFiguresRollup(w.db, now, { tenantIds: [w.province.id, w.city.id] });

  const check = async (label: string) => {
    const d = await dash(w, w.users.oversight, '?year=2025');
    assert.equal(d.source, 'rollup', label);
    assert.deepEqual(
      d.months.map((m: { month: string }) => m.month),
      ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'],
      `${label}: the current year runs to the current month`,
    );
    // Each month against the appeals module's live aggregate, in total and per unit.
    for (const [month, from, to] of [
      ['2025-09', '2025-09-01T00:00:00+08:00', '2025-10-01T00:00:00+08:00'],
      ['2025-10', '2025-10-01T00:00:00+08:00', '2025-11-01T00:00:00+08:00'],
      ['2025-11', '2025-11-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00'],
    ] as const) {
      const live = await liveFigures(w, w.users.oversight, from, to);
      const mine = d.months.find((m: { month: string }) => m.month === month);
      assert.deepEqual(pick(mine), pick(live.totals), `${label}: ${month} equals the live aggregate`);
    }
    // The year per unit against the live aggregate over the year so far.
    const year = await liveFigures(w, w.users.oversight, '2025-01-01T00:00:00+08:00', '2025-11-21T00:00:00+08:00');
    assert.deepEqual(pick(d.totals), pick(year.totals), `${label}: year totals`);
    for (const u of year.byUnit) {
      const mine = d.units.find((x: { unitId: string | null }) => x.unitId === u.unitId);
      assert.ok(mine, `${label}: unit ${u.unitName} listed`);
      assert.deepEqual(pick(mine), pick(u), `${label}: unit ${u.unitName}`);
    }
    // And straight from the tables: received, closed and evaluations by month.
    const t = await fromTables(w, w.province.id, null);
    for (const r of t) {
      const mine = d.months.find((m: { month: string }) => m.month === r.month);
      assert.deepEqual(
        { received: mine.received, closed: mine.closed, evaluated: mine.evaluated, satisfied: mine.satisfied },
        { received: r.received, closed: r.closed, evaluated: r.evaluated, satisfied: r.satisfied },
        `${label}: ${r.month} from the tables`,
      );
    }
    assert.equal(d.totals.responseRate, d.totals.contactOnTimeRate, '响应率 is the 2-hour contact on-time rate');
    return d;
  };

  const first = await check('after the build');
  assert.equal(first.totals.received, 4);
  assert.equal(first.totals.evaluated, 2, 'the dissatisfied evaluation counts in October, the later one in November');
  const nov = first.months.find((m: { month: string }) => m.month === '2025-11');
  assert.equal(nov.satisfied, 1);

  // Overdue now, longest first: the October appeal was never accepted (2-hour contact), the November
  // one has no opinion since its working day ended (11-04 24:00).
  assert.equal(first.overdue.total, 2);
  assert.deepEqual(
    first.overdue.items.map((i: { id: string; milestone: string; isMajor: boolean; dueAt: string }) => [i.id, i.milestone, i.isMajor, i.dueAt]),
    [
      [s.oct.id, 'contact', true, new Date('2025-10-14T18:00:00+08:00').toISOString()],
      [s.late.id, 'opinion', false, new Date('2025-11-05T00:00:00+08:00').toISOString()],
    ],
  );
  assert.equal(first.units.find((u: { unitId: string }) => u.unitId === w.other.id).overdueNow, 1);
  assert.equal(first.units.find((u: { unitId: string }) => u.unitId === w.lead.id).overdueNow, 1);

  // Changes no run has seen: the dashboard computes the touched days live and still agrees.
  at('2025-11-20T10:00:00+08:00');
  await ok(w, w.users.otherStaff, s.oct.id, 'accept');
  await ok(w, w.users.otherStaff, s.oct.id, 'contact', { method: 'phone', withWhom: '周', note: '补联系' });
  await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  const second = await check('changes not rolled up yet');
  assert.equal(second.totals.received, 5);
  await runFiguresRollup(w.db, at('2025-11-20T10:01:00+08:00'), { tenantIds: [w.province.id, w.city.id] });
  const third = await check('after the next run');
  assert.deepEqual(pick(third.totals), pick(second.totals));
});

test('R7.2 a tenant the roll-up has not built yet is computed live, with the same figures', async () => {
  const w = await world();
  await scenario(w);
  at('2025-11-20T09:00:00+08:00');
  const before = await dash(w, w.users.oversight, '?year=2025');
  assert.equal(before.source, 'live');
  await runFiguresRollup(w.db, at('2025-11-20T09:00:00+08:00'), { tenantIds: [w.province.id] });
  const after = await dash(w, w.users.oversight, '?year=2025');
  assert.equal(after.source, 'rollup');
  assert.deepEqual(after.months, before.months);
  assert.deepEqual(after.units, before.units);
});

test('R7.2 a leader sees the units of their portfolio only; a unit head their unit', async () => {
  const w = await world();
  const s = await scenario(w);
  const now = at('2025-11-20T09:00:00+08:00');
  await runFiguresRollup(w.db, now, { tenantIds: [w.province.id, w.city.id] });
  const all = await dash(w, w.users.oversight, '?year=2025');
  const leader = await dash(w, w.users.leader, '?year=2025');
  assert.equal(leader.scope.kind, 'portfolio');
  assert.deepEqual(
    leader.units.map((u: { unitId: string }) => u.unitId),
    [w.lead.id],
    'only the portfolio unit (even one with no appeals would be listed)',
  );
  const leadRow = all.units.find((u: { unitId: string }) => u.unitId === w.lead.id);
  assert.deepEqual(pick(leader.totals), pick(leadRow), "the leader's totals are their units' figures");
  const t = await fromTables(w, w.province.id, [w.lead.id]);
  assert.deepEqual(
    leader.months.filter((m: { month: string }) => m.month >= '2025-09').map((m: { received: number }) => m.received),
    t.map((r) => r.received),
  );
  assert.deepEqual(
    leader.overdue.items.map((i: { id: string }) => i.id),
    [s.late.id],
    'the overdue appeal of another unit is not in the portfolio',
  );
  assert.equal(leader.cities, null, 'city aggregates are for the tenant-wide view');
  const elsewhere = await dash(w, w.users.leaderElsewhere, '?year=2025');
  assert.deepEqual(
    elsewhere.overdue.items.map((i: { id: string }) => i.id),
    [s.oct.id],
  );
  assert.equal(elsewhere.totals.received, 1);
  const head = await dash(w, w.users.leadHead, '?year=2025');
  assert.equal(head.scope.kind, 'unit');
  assert.deepEqual(pick(head.totals), pick(leader.totals));
  // A leader with no portfolio sees nothing rather than everything.
  const bare = await createUser(w.db, w.province.id, { roles: ['leader'], scope: 'portfolio' });
  const none = await dash(w, bare, '?year=2025');
  assert.equal(none.totals.received, 0);
  assert.deepEqual(none.units, []);
  assert.equal(none.overdue.total, 0);
});

test('R8.1 the province sees each city bureau aggregate; city appeals stay invisible to it', async () => {
  const w = await world();
  const s = await scenario(w);
  const now = at('2025-11-20T09:00:00+08:00');
  await runFiguresRollup(w.db, now, { tenantIds: [w.province.id, w.city.id] });
  const province = await dash(w, w.users.oversight, '?year=2025');
  assert.ok(Array.isArray(province.cities));
  assert.deepEqual(
    province.cities.map((c: { tenantId: string }) => c.tenantId),
    [w.city.id],
  );
  const cityOversight = await createUser(w.db, w.city.id, { roles: ['oversight'], scope: 'tenant', unitId: w.cityUnit.id });
  const cityView = await dash(w, cityOversight, '?year=2025');
  assert.equal(cityView.cities, null, 'a city bureau has no cities below it');
  assert.equal(cityView.tenant.kind, 'city');
  const agg = province.cities[0];
  assert.deepEqual(pick(agg), pick(cityView.totals), "the province's view of the city equals the city's own totals");
  assert.equal(agg.received, 1);
  assert.equal(agg.overdueNow, cityView.overdue.total);
  assert.equal(agg.overdueNow, 1, 'the city appeal is past its contact deadline');
  assert.equal(agg.months.find((m: { month: string }) => m.month === '2025-11').received, 1);
  // Figures only: no city appeal in the province's lists, and the case file answers 404.
  const body = JSON.stringify(province);
  assert.ok(!body.includes(s.cityAppealId), 'no city appeal id in the province dashboard');
  assert.ok(!body.includes('市局受理的诉求'), 'no city appeal title');
  const file = await call(w.app, w.users.oversight, { method: 'GET', url: `/api/appeals/${s.cityAppealId}` });
  assert.equal(file.statusCode, 404);
  // The city's view of the province: none.
  assert.ok(!JSON.stringify(cityView).includes(w.province.id));
});

test('dashboard panels are filled by their modules: quotas (R1.4, R1.8, R2.4), assessment (R8.1), survey (R7.3, 暂无数据 without a survey); a provider answers per year', async () => {
  const w = await world();
  at('2025-11-20T09:00:00+08:00');
  const d = await dash(w, w.users.oversight, '?year=2025');
  // R1.4 / R1.8 / R2.4 the contact-point and research quotas: no points yet (n 0), no research visits.
  assert.equal(d.slots.quotas.status, 'ok');
  const quotas = d.slots.quotas.items as { label: string; value: number | null; n: number | null }[];
  assert.deepEqual(
    quotas.map((i) => [i.label, i.n]),
    [
      ['厅领导联系点走访完成率', 0],
      ['处室联系点走访完成率', 0],
      ['调研走访达标处室', quotas[2].n],
    ],
  );
  assert.ok((quotas[2].n ?? 0) > 0, 'the supervising units count for the research quota');
  assert.equal(quotas[2].value, 0);
  // R8.1 the assessment module fills its panel (the scores of the units with figures that year).
  assert.ok(['ok', 'empty'].includes(d.slots.assessment.status));
  // R7.3 the survey module fills its panel: no survey that year → 暂无数据.
  assert.equal(d.slots.survey.status, 'empty');
  // The survey module's own provider is put back afterwards (other files of a batch share the process).
  const putBack = provideDashboardSlot('survey', async (q) =>
    q.year === 2025
      ? {
          status: 'ok',
          title: '企业满意度调查',
          explain: '2025年度抽样调查',
          items: [{ label: '总体满意度', value: 0.9, unit: 'rate', n: 120, target: null, hint: null }],
        }
      : null,
  );
  try {
    const wired = await dash(w, w.users.oversight, '?year=2025');
    assert.equal(wired.slots.survey.status, 'ok');
    assert.equal(wired.slots.survey.items[0].n, 120);
    assert.equal((await dash(w, w.users.oversight, '?year=2024')).slots.survey.status, 'empty');
  } finally {
    putBack();
  }
});

test('issue 20: a read the dashboard and its panels share is made once per request, by the function and its arguments', async () => {
  const calls: string[] = [];
  const read = async (_db: unknown, tenantId: string, o: { a: number; b: number }) => {
    calls.push(`${tenantId}:${o.a},${o.b}`);
    return { tenantId, ...o };
  };
  const other = async (_db: unknown, tenantId: string) => {
    calls.push(`other:${tenantId}`);
    return tenantId;
  };
  const q = { db: {} as SlotQuery['db'], shared: sharedReads() };
  const first = sharedRead(q, read, 't1', { a: 1, b: 2 });
  assert.equal(sharedRead(q, read, 't1', { b: 2, a: 1 }), first, 'the same read of the same thing, its keys in another order: shared');
  assert.notEqual(sharedRead(q, read, 't2', { a: 1, b: 2 }), first, 'another tenant: read again');
  await sharedRead(q, other, 't1');
  await first;
  assert.deepEqual(calls, ['t1:1,2', 't2:1,2', 'other:t1']);
  // A thenable that reads at every `then` (a drizzle query, as listUnits answers) is still read once.
  let runs = 0;
  const lazy = (_db: unknown, id: string) =>
    ({
      // biome-ignore lint/suspicious/noThenProperty: a stand-in for drizzle's query builder, which is a thenable
      then: (ok: (v: string) => unknown, no?: (e: unknown) => unknown) => {
        runs++;
        return Promise.resolve(id).then(ok, no);
      },
    }) as unknown as Promise<string>;
  assert.equal(await sharedRead(q, lazy, 'u'), 'u');
  assert.equal(await sharedRead(q, lazy, 'u'), 'u');
  assert.equal(runs, 1, 'a thenable is read once');
  // Without a request's shared reads (a panel asked outside a dashboard) every call reads.
  await sharedRead({ db: q.db }, read, 't1', { a: 1, b: 2 });
  assert.equal(calls.length, 4);

  // Through the dashboard: its panels get the request's shared reads and its clock, and the assessment
  // panel (which shares the dashboard's figures, units and survey) answers what it answers alone.
  const w = await world();
  at('2025-11-20T09:00:00+08:00');
  let seen: SlotQuery | null = null;
  const putBack = provideDashboardSlot('hotTopics', async (sq) => {
    seen = sq;
    return null;
  });
  try {
    const d = await dash(w, w.users.oversight, '?year=2025');
    const asked = seen as SlotQuery | null;
    assert.ok(asked?.shared && asked.shared.size > 0, "the panels share the dashboard's reads");
    assert.equal(asked.now?.toISOString(), d.asOf);
    const alone = await assessmentSlot({ db: w.app.db, tenantId: w.users.oversight.tenantId, year: 2025, units: null });
    assert.deepEqual(d.slots.assessment, alone ?? { status: 'empty', title: '年度考核', note: '2025年暂无数据。' });
  } finally {
    putBack();
  }
});

test('dashboard: bad input is a 400 with a Chinese message per field; other roles 403', async () => {
  const w = await world();
  at('2025-11-20T09:00:00+08:00');
  for (const q of ['?year=abc', '?year=1999', '?year=2025.5', '?year=2030', '?other=1']) {
    const res = await call(w.app, w.users.oversight, { method: 'GET', url: `/api/dashboard${q}` });
    assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
    const err = res.json().error;
    assert.equal(err.code, 'VALIDATION_FAILED');
    if (q !== '?other=1') assert.match(Object.values(err.fields ?? {}).join(''), /[\u4e00-\u9fff]/, q);
  }
  for (const u of [w.users.leadStaff, w.users.coStaff]) {
    const res = await call(w.app, u, { method: 'GET', url: '/api/dashboard' });
    assert.equal(res.statusCode, 403);
  }
});
