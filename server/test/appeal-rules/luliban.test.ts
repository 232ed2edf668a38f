// R6.6 鲁力办: appeals supervised on the platform are a filtered list for 办公室 with the platform's
// reference (stored, searchable) and the platform's own deadline beside the 2115 ones; urging from there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealIn, call, createAppeal, current, ok, world } from '../appeals/helpers.ts';

test('R6.6 the 鲁力办 list: reference and platform deadline stored at intake or by a flag, searchable, urged from the list', async () => {
  const w = await world();
  const past = new Date(Date.now() - 3600_000).toISOString();
  const later = new Date(Date.now() + 5 * 86400_000).toISOString();
  const a = await createAppeal(w, { lulibanRef: 'LLB-2026-0815', lulibanDueAt: later, dispatch: { leadUnitId: w.lead.id } });
  assert.equal(a.lulibanRef, 'LLB-2026-0815');
  assert.equal(a.lulibanDueAt, later);
  const b = await appealIn(w, 'handling');
  const flagged = await ok(w, w.users.intake, b, 'flags', { lulibanRef: 'LLB-2026-0901', lulibanDueAt: past });
  assert.equal(flagged.lulibanDueAt, past);
  assert.match(flagged.events.at(-1).payload.lulibanDueAt, /T/);
  await createAppeal(w); // not supervised: not in the list

  const list = await call(w.app, w.users.intake, { method: 'GET', url: '/api/luliban' });
  assert.equal(list.statusCode, 200, list.body);
  const items = list.json().items as {
    id: string;
    lulibanRef: string;
    lulibanDueAt: string;
    lulibanOverdue: boolean;
    milestones: { resolution: { dueAt: string } };
  }[];
  assert.deepEqual(
    items.map((i) => [i.lulibanRef, i.lulibanOverdue]),
    [
      ['LLB-2026-0901', true],
      ['LLB-2026-0815', false],
    ],
    'by the platform deadline, the overdue one first',
  );
  assert.ok(items[0].milestones.resolution.dueAt, 'the 2115 deadlines beside it');

  const found = await call(w.app, w.users.intake, { method: 'GET', url: '/api/luliban?q=0815' });
  assert.deepEqual(
    found.json().items.map((i: { id: string }) => i.id),
    [a.id],
  );
  const overdue = await call(w.app, w.users.intake, { method: 'GET', url: '/api/luliban?overdue=true' });
  assert.equal(overdue.json().total, 1);

  // Urge from the list (the item's version), the timeline names the platform reference.
  const { version } = await current(w, b);
  const u = await call(w.app, w.users.intake, { method: 'POST', url: `/api/appeals/${b}/urge`, payload: { version, note: '鲁力办督办，请按平台时限办结' } });
  assert.equal(u.statusCode, 200, u.body);
  const after = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/luliban?q=0901' })).json().items[0];
  assert.equal(after.urgeCount, 1);
  assert.ok(after.lastUrgedAt);
  assert.equal(u.json().events.at(-1).payload.lulibanRef, 'LLB-2026-0901');

  // Clearing the reference clears the platform deadline and takes it off the list.
  await ok(w, w.users.intake, b, 'flags', { lulibanRef: null });
  assert.equal((await current(w, b)).lulibanDueAt, null);
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: '/api/luliban' })).json().total, 1);

  // A unit's staff is refused; another tenant sees none of it.
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/luliban' })).statusCode, 403);
  assert.equal((await call(w.app, w.cityIntake, { method: 'GET', url: '/api/luliban' })).json().total, 0);
});
