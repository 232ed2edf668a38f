// Figures roll-up (issue 8, R7.2): figures over whole days read from appeal_figures_daily must equal
// the live aggregate over the appeals table — right after the build, after more changes that no run
// has seen yet (touched days computed live in the same query), and after the next run. The live
// reference is the same endpoint asked for a period shifted by 1 ms (not whole days → live path).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { PgDialect } from 'drizzle-orm/pg-core';
import { bucketRows, changesFigures, FIGURE_INPUTS, rollupCursor, runFiguresRollup } from '../../src/modules/appeals/appeals.rollup.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import type { TestUser } from '../helpers/factory.ts';
import { call, createAppeal, ok, world } from './helpers.ts';

const real = appealClock.now;
afterEach(() => {
  appealClock.now = real;
});
const at = (s: string) => {
  appealClock.now = () => new Date(s);
  return new Date(s);
};

type W = Awaited<ReturnType<typeof world>>;

const base = {
  tenantId: 't',
  receivedAt: new Date('2025-11-06T09:00:00Z'),
  leadUnitId: 'u',
  closeReason: null,
  closedAt: null,
  contactDueAt: new Date('2025-11-06T11:00:00Z'),
  contactDoneAt: null,
  opinionDueAt: null,
  opinionDoneAt: null,
  resolutionDueAt: null,
  resolutionDoneAt: null,
  resultKind: null,
  state: 'handling',
};

async function figures(w: W, user: TestUser, from: string, to: string, shiftMs = 0, extra = '') {
  const iso = (s: string) => encodeURIComponent(new Date(new Date(s).getTime() + shiftMs).toISOString());
  const res = await call(w.app, user, { method: 'GET', url: `/api/appeals/figures?from=${iso(from)}&to=${iso(to)}${extra}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The roll-up answer equals the live one (all counts and rates, per unit and in total). */
async function assertSame(w: W, user: TestUser, from: string, to: string, label: string, extra = '') {
  const rolled = await figures(w, user, from, to, 0, extra);
  const live = await figures(w, user, from, to, 1, extra);
  assert.equal(rolled.source, 'rollup', `${label}: whole days of a built tenant come from the roll-up`);
  assert.equal(live.source, 'live');
  assert.deepEqual(rolled.totals, live.totals, `${label}: totals`);
  assert.deepEqual(rolled.byUnit, live.byUnit, `${label}: per unit`);
  return rolled;
}

async function scenario(w: W) {
  at('2025-11-03T09:00:00+08:00');
  const one = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, one.id, 'accept');
  await ok(w, w.users.leadStaff, one.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  await ok(w, w.users.leadStaff, one.id, 'opinion', { text: '意见' });
  await ok(w, w.users.leadStaff, one.id, 'result', { kind: 'solved', text: '解决' });
  await ok(w, w.users.leadStaff, one.id, 'reply', { text: '答复' });
  at('2025-11-04T10:00:00+08:00');
  await ok(w, w.users.intake, one.id, 'evaluate', { rating: 'satisfied' });
  at('2025-11-03T09:30:00+08:00');
  const two = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, two.id, 'accept');
  at('2025-11-03T12:00:00+08:00');
  await ok(w, w.users.leadStaff, two.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  await ok(w, w.users.leadStaff, two.id, 'opinion', { text: '意见' });
  await ok(w, w.users.leadStaff, two.id, 'result', { kind: 'service_confirmed', text: '服务确认' });
  await ok(w, w.users.leadStaff, two.id, 'reply', { text: '答复' });
  at('2025-11-05T08:00:00+08:00');
  await ok(w, w.users.intake, two.id, 'evaluate', { rating: 'dissatisfied' });
  at('2025-11-03T23:59:00+08:00');
  const late = await createAppeal(w, { dispatch: { leadUnitId: w.other.id } });
  await createAppeal(w, { answerOnSpot: '当场解答' });
  // One second after midnight (the live reference shifts periods by 1 ms, so nothing sits exactly on a boundary).
  at('2025-11-04T00:00:01+08:00');
  const three = await createAppeal(w, { dispatch: { leadUnitId: w.other.id } });
  return { one, two, late, three };
}

test('R7.2 figures of whole days come from the roll-up and equal the live aggregate (build, unseen changes, refresh)', async () => {
  const w = await world();
  const { three } = await scenario(w);
  const now = at('2025-11-06T09:00:00+08:00');
  const tenants = [w.province.id, w.city.id];

  // Before the first build the tenant is served live.
  assert.equal((await figures(w, w.users.intake, '2025-11-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00')).source, 'live');
  assert.equal(await rollupCursor(w.db, w.province.id), null);

  const first = await runFiguresRollup(w.db, now, { tenantIds: tenants });
  assert.equal(first.result.built, 2);
  assert.ok(first.result.rebuiltRows > 0);
  const stored = await queryRows<{ day: string; received: number; closed: number; evaluated: number }>(
    w.db,
    sql`SELECT day::text AS day, sum(received)::int AS received, sum(closed)::int AS closed, sum(evaluated)::int AS evaluated
        FROM appeal_figures_daily WHERE tenant_id = ${w.province.id} GROUP BY day ORDER BY day`,
  );
  // Days are Asia/Shanghai days: 23:59 on the 3rd and 00:00 on the 4th fall on different days.
  assert.deepEqual(stored, [
    { day: '2025-11-03', received: 4, closed: 1, evaluated: 0 },
    { day: '2025-11-04', received: 1, closed: 1, evaluated: 1 },
    { day: '2025-11-05', received: 0, closed: 0, evaluated: 1 },
  ]);

  const month = ['2025-11-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00'] as const;
  const f = await assertSame(w, w.users.intake, ...month, 'after the build');
  assert.equal(f.totals.received, 5);
  assert.equal(f.totals.evaluated, 2);
  await assertSame(w, w.users.intake, '2025-11-03T00:00:00+08:00', '2025-11-04T00:00:00+08:00', 'one day');
  await assertSame(w, w.users.intake, '2025-11-04T00:00:00+08:00', '2025-11-06T00:00:00+08:00', 'two days');
  await assertSame(w, w.users.leadStaff, ...month, 'a unit user sees the unit only');
  await assertSame(w, w.users.intake, ...month, 'one unit asked for', `&unitId=${w.other.id}`);

  // Changes no run has seen yet: the touched days are computed live in the same query.
  at('2025-11-06T10:00:00+08:00');
  await ok(w, w.users.otherStaff, three.id, 'accept');
  await ok(w, w.users.otherStaff, three.id, 'contact', { method: 'phone', withWhom: '李', note: '联系' });
  await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  const g = await assertSame(w, w.users.intake, ...month, 'changes not yet rolled up');
  assert.equal(g.totals.received, 6);

  // The next run stores them; the answer does not change.
  const second = await runFiguresRollup(w.db, at('2025-11-06T10:01:00+08:00'), { tenantIds: tenants });
  assert.equal(second.result.built, 0);
  assert.ok(second.result.buckets >= 2, 'the touched days were recomputed');
  assert.deepEqual((await assertSame(w, w.users.intake, ...month, 'after the refresh')).totals, g.totals);
  assert.ok((await rollupCursor(w.db, w.province.id))! >= first.result.cursor);

  // Issue 20: an action that changes nothing the figures count (a second contact) touches no day; the
  // next run has nothing to recompute and the answer is still the live one.
  at('2025-11-06T11:00:00+08:00');
  await ok(w, w.users.otherStaff, three.id, 'contact', { method: 'on_site', withWhom: '李', note: '再次联系' });
  const contacts = await queryRows<{ touches_figures: boolean }>(
    w.db,
    sql`SELECT touches_figures FROM appeal_events WHERE appeal_id = ${three.id} AND type = 'contact' ORDER BY id`,
  );
  assert.deepEqual(
    contacts.map((c) => c.touches_figures),
    [true, false],
    'the first contact completes the milestone, the second changes nothing counted',
  );
  await assertSame(w, w.users.intake, ...month, 'after a second contact');
  const third = await runFiguresRollup(w.db, at('2025-11-06T11:01:00+08:00'), { tenantIds: tenants });
  assert.equal(third.result.buckets, 0, 'a second contact touches no day');
  await assertSame(w, w.users.intake, ...month, 'after the run that followed it');
});

test('R7.2 the figures read no column of an appeal but FIGURE_INPUTS and its state (what changesFigures compares)', () => {
  const text = new PgDialect().sqlToQuery(bucketRows(sql`touched`, new Date())).sql;
  const read = new Set([...text.matchAll(/\ba\.(\w+)/g)].map((m) => m[1]!));
  for (const m of text.matchAll(/\b((?:contact|opinion|resolution)_(?:due|done)_at|state)\b/g)) read.add(m[1]!);
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  // a.id joins the evaluations to their appeal.
  const known = new Set([...FIGURE_INPUTS.map(snake), 'state', 'id']);
  assert.ok(read.size > 10, `the columns were found in the text: ${[...read].join(', ')}`);
  assert.deepEqual(
    [...read].filter((c) => !known.has(c)),
    [],
    'a column the figures count must be in FIGURE_INPUTS, or actions changing it would not touch its days',
  );
  assert.equal(changesFigures({ ...base, state: 'handling' }, { ...base, state: 'replied' }), false);
  assert.equal(changesFigures({ ...base, state: 'handling' }, { ...base, state: 'paused' }), true);
  assert.equal(changesFigures(base, { ...base, contactDoneAt: new Date('2025-11-06T10:00:00Z') }), true);
  assert.equal(changesFigures(base, { ...base, contactDueAt: new Date(base.contactDueAt!.getTime()) }), false, 'equal instants');
});

test('R7.2 buckets are recomputed from the appeals, never incremented: a stored bucket made wrong by hand is put right', async () => {
  const w = await world();
  const { late } = await scenario(w);
  await runFiguresRollup(w.db, at('2025-11-06T09:00:00+08:00'), { tenantIds: [w.province.id] });
  await w.db.execute(sql`UPDATE appeal_figures_daily SET received = received + 100 WHERE tenant_id = ${w.province.id} AND day = '2025-11-03'`);
  // An event on an appeal received on the 3rd touches that day: readers compute it live from now on.
  // (Accepting changes nothing counted and touches no day; the first contact does.)
  at('2025-11-06T09:30:00+08:00');
  await ok(w, w.users.otherStaff, late.id, 'accept');
  await ok(w, w.users.otherStaff, late.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  const day3 = ['2025-11-03T00:00:00+08:00', '2025-11-04T00:00:00+08:00'] as const;
  assert.equal((await figures(w, w.users.intake, ...day3)).totals.received, 4, 'the touched day is not read from the stored bucket');
  await runFiguresRollup(w.db, at('2025-11-06T09:31:00+08:00'), { tenantIds: [w.province.id] });
  const [b] = await queryRows<{ received: number }>(
    w.db,
    sql`SELECT sum(received)::int AS received FROM appeal_figures_daily WHERE tenant_id = ${w.province.id} AND day = '2025-11-03'`,
  );
  assert.equal(b.received, 4, 'the run rewrote the bucket from the appeals');
  await assertSame(w, w.users.intake, '2025-11-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00', 'after recompute');
});
