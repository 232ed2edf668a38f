// Issue 20: a request that computes deadlines takes its tenant's settings (its own overrides and its
// parent's) and the calendar revision from the session read, not from reads of its own. These tests
// keep one session throughout and change the settings and the calendar between requests, so a
// snapshot kept beyond its request (or a settings layer ignored) fails them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealClock } from '../../src/modules/appeals/appeals.env.ts';
import { settingsFromStored } from '../../src/modules/tenants/index.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/settings.ts';
import { call } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factory.ts';
import { integrationBearer } from '../integrations/fixtures.ts';
import { createAppeal, world, type World } from './helpers.ts';

// Wednesday 2025-11-05 10:00 in Shanghai: the opinion falls due on Thursday the 6th (R6.2: 1 working day).
const NOW = new Date('2025-11-05T02:00:00Z');

async function putSettings(w: World, admin: TestUser, overrides: Record<string, unknown>) {
  const { version } = (await call(w.app, admin, { method: 'GET', url: '/api/tenant-settings' })).json();
  const r = await call(w.app, admin, { method: 'PUT', url: '/api/tenant-settings', payload: { version, overrides } });
  assert.equal(r.statusCode, 200, r.body);
}

const contactHours = (a: { receivedAt: string; milestones: { contact: { dueAt: string } } }) =>
  (Date.parse(a.milestones.contact.dueAt) - Date.parse(a.receivedAt)) / 3_600_000;
/** The last day of a working-day deadline (due at 24:00 of that day, i.e. 00:00 of the next, Shanghai). */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

test('R8.1 R6.2 intake and the appeal page count with the settings and calendar as they are at each request, the session unchanged (issue 20: read with the session)', async (t) => {
  const real = appealClock.now;
  appealClock.now = () => NOW;
  t.after(() => {
    appealClock.now = real;
  });
  const w = await world();
  const provinceAdmin = await createUser(w.db, w.province.id, { roles: ['sysadmin'] });
  const cityAdmin = await createUser(w.db, w.city.id, { roles: ['sysadmin'] });

  const first = await createAppeal(w, {}, w.cityIntake);
  assert.equal(contactHours(first), 2, 'the defaults (R6.2: contact within 2 hours)');
  // R8.1 the province's value is the city's default: the parent's row, through the city's session.
  await putSettings(w, provinceAdmin, { contactHours: 3 });
  assert.equal(contactHours(await createAppeal(w, {}, w.cityIntake)), 3, "the province's override, at the next request");
  await putSettings(w, cityAdmin, { contactHours: 5 });
  assert.equal(contactHours(await createAppeal(w, {}, w.cityIntake)), 5, "the city's own override over the province's");

  // R8.1 the calendar: the city makes the opinion's day (Thursday 6th) a day off.
  const opinionDay = lastDay(first.milestones.opinion.dueAt);
  assert.equal(opinionDay, '2025-11-06');
  const page = async () => (await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${first.id}` })).json();
  const before = (await page()).milestones.resolution;
  const { version } = (await call(w.app, cityAdmin, { method: 'GET', url: '/api/calendar/overrides' })).json();
  const put = await call(w.app, cityAdmin, {
    method: 'PUT',
    url: '/api/calendar/overrides',
    payload: { version, items: [{ date: opinionDay, kind: 'restday', note: '本市调休' }] },
  });
  assert.equal(put.statusCode, 200, put.body);
  // The change moved the open appeal's deadlines a working day on (its listener); the page counts the
  // days left with the new calendar, so as many as before — with the old one it would count one more.
  const now = (await page()).milestones.resolution;
  assert.notEqual(lastDay(now.dueAt), lastDay(before.dueAt), 'the resolution deadline moved');
  assert.equal(now.workdaysLeft, before.workdaysLeft, 'the days left counted with the new calendar');
  const after = await createAppeal(w, {}, w.cityIntake);
  assert.equal(lastDay(after.milestones.opinion.dueAt), '2025-11-07', "a new appeal's opinion skips the day off");
  assert.equal(contactHours(after), 5);
});

test('R8.1 settings from the stored overrides: the parent under its child, invalid or unknown keys dropped, shared answers for equal text', () => {
  assert.deepEqual(settingsFromStored(null, null), DEFAULT_TENANT_SETTINGS);
  const s = settingsFromStored('{"contactHours": 5, "nope": 1}', '{"contactHours": 3, "resolutionWorkdays": 12, "opinionWorkdays": 0}');
  assert.equal(s.contactHours, 5);
  assert.equal(s.resolutionWorkdays, 12);
  assert.equal(s.opinionWorkdays, DEFAULT_TENANT_SETTINGS.opinionWorkdays, 'an invalid stored value falls back');
  assert.ok(!('nope' in s));
  assert.equal(settingsFromStored('{"contactHours": 5, "nope": 1}', '{"contactHours": 3, "resolutionWorkdays": 12, "opinionWorkdays": 0}'), s);
  assert.ok(Object.isFrozen(s), 'shared between requests, so frozen');
});

test("R8.1 R6.2 a work order counts with its tenant's settings as they are at each call, the token unchanged (issue 20: read with the token)", async () => {
  const w = await world();
  const cityAdmin = await createUser(w.db, w.city.id, { roles: ['sysadmin'] });
  const bearer = await integrationBearer(w.db, w.city.id);
  const push = async (externalId: string) => {
    const r = await w.app.inject({
      method: 'POST',
      url: '/api/integrations/v1/work-orders',
      headers: { authorization: `Bearer ${bearer}` },
      payload: {
        externalId,
        title: '企业反映许可证延续办理缓慢',
        content: '请协调办理。',
        category: 'licensing',
        contactName: '王经理',
        contactPhone: '13800138000',
        enterpriseName: '山东某化工有限公司',
      },
      remoteAddress: '192.0.2.77',
    });
    assert.equal(r.statusCode, 201, r.body);
    const status = await w.app.inject({
      method: 'GET',
      url: `/api/integrations/v1/work-orders/${externalId}`,
      headers: { authorization: `Bearer ${bearer}` },
      remoteAddress: '192.0.2.77',
    });
    assert.equal(status.statusCode, 200, status.body);
    return status.json();
  };
  assert.equal(contactHours(await push(`SNAP-${w.city.id}-1`)), 2);
  await putSettings(w, cityAdmin, { contactHours: 4 });
  assert.equal(contactHours(await push(`SNAP-${w.city.id}-2`)), 4, "the city's override, at the next call");
});
