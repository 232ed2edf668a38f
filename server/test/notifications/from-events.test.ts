// Timeline events written by the appeals service become notifications: dispatch to the lead and
// co-handling units, R3.5 major matters to the portfolio leader, 退单 to intake, 催办 and the
// evaluation to the lead unit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notifyFromEvents } from '../../src/modules/appeals/index.ts';
import { act, appealIn, call, ok, world } from '../appeals/helpers.ts';

const titles = async (w: Awaited<ReturnType<typeof world>>, u: Parameters<typeof call>[1]) =>
  ((await call(w.app, u, { method: 'GET', url: '/api/notifications' })).json().items as { type: string; title: string }[])
    .map((i) => `${i.type} ${i.title.split('：')[0]}`)
    .sort();

test('dispatch, major matter, urge and evaluation events notify the right people once', async () => {
  const w = await world();
  const id = await appealIn(w, 'replied', { isMajor: true });
  await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] });
  assert.deepEqual(await titles(w, w.users.leadStaff), ['dispatch 新派单（主办）']);
  assert.deepEqual(await titles(w, w.users.coStaff), ['dispatch 新派单（协办）']);
  assert.deepEqual(
    await titles(w, w.users.leader),
    ['major 重大涉企事项', 'major 重大涉企事项办理结果', 'major 重大涉企事项已答复企业'],
    'R3.5 the leader whose portfolio covers the lead unit, told of the handling too',
  );
  assert.deepEqual(await titles(w, w.users.leaderElsewhere), []);

  const ev = await ok(w, w.users.intake, id, 'evaluate', { rating: 'dissatisfied', comment: '问题未解决' });
  assert.equal(ev.state, 'handling');
  const u = await act(w, w.users.intake, id, 'urge', { note: '请尽快办理' });
  assert.equal(u.statusCode, 200, u.body);
  const r = await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] });
  assert.equal(r.created, 3, 'the lead unit hears the evaluation and the urge; R3.5 the leader hears the evaluation');
  assert.deepEqual(await titles(w, w.users.leadHead), ['dispatch 新派单（主办）', 'evaluated 企业评价「不满意」', 'urged 催办']);
  assert.equal((await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] })).created, 0, 'idempotent');
});

test('退单 notifies intake', async () => {
  const w = await world();
  await appealIn(w, 'returned');
  await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] });
  assert.ok((await titles(w, w.users.intake)).includes('returned 退单'));
});
