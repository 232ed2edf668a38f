// Issue 22: next year's calendar is somebody's reminder. Appeals waiting on a missing year
// (时限待计算) and, from 1 November, next year's notice are told to the sysadmins of the province (and
// of a city with its own overrides) with the year and the number waiting, weekly until loaded; the
// calendar page and the workbench read the same figures. Year 2099 is used: no notice is ever loaded
// for it, so the test holds on a shared database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remindMissingCalendarYears } from '../../src/modules/appeals/index.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { createUser } from '../helpers/factory.ts';
import { call, createAppeal, world } from '../appeals/helpers.ts';

// A Monday (Asia/Shanghai 10:00): two days later is the same week.
const NOW = new Date('2099-12-21T02:00:00Z');

test('issue 22 missing calendar year: weekly notice to the sysadmins with the year and the appeals waiting; shown to the units', async () => {
  const w = await world();
  const provinceAdmin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], unitId: null, scope: 'tenant' });
  const cityAdmin = await createUser(w.db, w.city.id, { roles: ['sysadmin'], unitId: null, scope: 'tenant' });
  const realNow = appealClock.now;
  appealClock.now = () => NOW;
  try {
    const a = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
    assert.equal(a.deadlineError?.year, 2099, 'stored as 时限待计算 with its year');
    const cityAppeal = await call(w.app, w.cityIntake, {
      method: 'POST',
      url: '/api/appeals',
      payload: {
        enterpriseName: '某企业',
        contactName: '李四',
        contactPhone: '13900139000',
        channel: 'hotline',
        category: 'policy',
        title: '市局诉求',
        content: '内容',
      },
    });
    assert.equal(cityAppeal.statusCode, 201, cityAppeal.body);

    const notes = async (u: Parameters<typeof call>[1]) =>
      ((await call(w.app, u, { method: 'GET', url: '/api/notifications?pageSize=50' })).json().items as { type: string; title: string; body: string }[]).filter(
        (n) => n.type === 'calendar_year_missing',
      );

    await remindMissingCalendarYears(w.db, NOW);
    const p = await notes(provinceAdmin);
    const y2099 = p.find((n) => n.title.startsWith('2099年'));
    assert.ok(y2099, 'the province hears of the year appeals wait on');
    assert.match(y2099.body, /^2件诉求的时限落在2099年/, "the province counts its own and its cities' appeals");
    const y2100 = p.find((n) => n.title.startsWith('2100年'));
    assert.ok(y2100, 'from 1 November, next year is awaited');
    assert.match(y2100.body, /尚未载入/);
    assert.deepEqual(await notes(cityAdmin), [], 'a city without its own overrides is not told');

    // Weekly: nothing new the same week, a new notice the next week.
    await remindMissingCalendarYears(w.db, new Date(NOW.getTime() + 2 * 86400_000));
    assert.equal((await notes(provinceAdmin)).length, 2);
    await remindMissingCalendarYears(w.db, new Date(NOW.getTime() + 7 * 86400_000));
    assert.equal((await notes(provinceAdmin)).length, 4);

    // A city with its own overrides hears of its own appeals.
    const cur = (await call(w.app, cityAdmin, { method: 'GET', url: '/api/calendar/overrides' })).json();
    const put = await call(w.app, cityAdmin, {
      method: 'PUT',
      url: '/api/calendar/overrides',
      payload: { version: cur.version, items: [{ date: '2026-06-08', kind: 'holiday', note: '本地调整' }] },
    });
    assert.equal(put.statusCode, 200, put.body);
    await remindMissingCalendarYears(w.db, NOW);
    const c = await notes(cityAdmin);
    assert.match(c.find((n) => n.title.startsWith('2099年'))?.body ?? '', /^1件诉求/);

    // The pages: the sysadmin sees the tenant's count; a unit sees its own; another unit none.
    const admin = (await call(w.app, provinceAdmin, { method: 'GET', url: '/api/appeals/calendar-waiting' })).json();
    assert.deepEqual(admin.items, [
      { year: 2099, waiting: 1 },
      { year: 2100, waiting: 0 },
    ]);
    const unit = (await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/appeals/calendar-waiting' })).json();
    assert.equal(unit.items.find((i: { year: number }) => i.year === 2099)?.waiting, 1);
    const other = (await call(w.app, w.users.otherStaff, { method: 'GET', url: '/api/appeals/calendar-waiting' })).json();
    assert.equal(
      other.items.find((i: { year: number }) => i.year === 2099),
      undefined,
    );
  } finally {
    appealClock.now = realNow;
  }
});
