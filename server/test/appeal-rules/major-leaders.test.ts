// R3.5 the leaders in charge are told of a major matter's handling (result, reply, evaluation,
// closing), not only that it exists, and list their portfolio's major matters with their state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notifyFromEvents } from '../../src/modules/appeals/index.ts';
import { appealIn, call, ok, world } from '../appeals/helpers.ts';

const notices = async (w: Awaited<ReturnType<typeof world>>, u: Parameters<typeof call>[1]) =>
  ((await call(w.app, u, { method: 'GET', url: '/api/notifications?pageSize=50' })).json().items as { type: string; title: string; body: string }[]).map(
    (i) => `${i.title.split('：')[0]}`,
  );

test('R3.5 the leader in charge hears the result, reply, evaluation and closing of a major matter; not of an ordinary one', async () => {
  const w = await world();
  const major = await appealIn(w, 'replied', { isMajor: true });
  const plain = await appealIn(w, 'replied');
  await ok(w, w.users.intake, major, 'evaluate', { rating: 'satisfied', comment: '满意' });
  await ok(w, w.users.intake, plain, 'evaluate', { rating: 'satisfied' });
  await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] });
  const got = (await notices(w, w.users.leader)).sort();
  assert.deepEqual(got, ['重大涉企事项', '重大涉企事项企业评价「满意」', '重大涉企事项办理结果', '重大涉企事项已办结', '重大涉企事项已答复企业'].sort());
  assert.deepEqual(await notices(w, w.users.leaderElsewhere), [], 'a leader of another portfolio hears nothing');
  const body = (
    (await call(w.app, w.users.leader, { method: 'GET', url: '/api/notifications?pageSize=50' })).json().items as { title: string; body: string }[]
  ).find((n) => n.title.startsWith('重大涉企事项已办结'));
  assert.match(String(body?.body), /已办结（满意）/);
  assert.equal((await notifyFromEvents(w.db, { afterId: 0, tenantIds: [w.province.id] })).created, 0, 'idempotent');
});

test('R3.5 a leader lists the major matters of the portfolio in every state, closed included', async () => {
  const w = await world();
  const open = await appealIn(w, 'handling', { isMajor: true });
  const closed = await appealIn(w, 'replied', { isMajor: true });
  await ok(w, w.users.intake, closed, 'evaluate', { rating: 'satisfied' });
  await appealIn(w, 'handling');
  const res = await call(w.app, w.users.leader, { method: 'GET', url: '/api/appeals?view=portfolio&major=true&sort=received' });
  assert.equal(res.statusCode, 200, res.body);
  const states = new Map((res.json().items as { id: string; state: string }[]).map((i) => [i.id, i.state]));
  assert.deepEqual([...states.keys()].sort(), [open, closed].sort());
  assert.equal(states.get(closed), 'closed');
  const elsewhere = await call(w.app, w.users.leaderElsewhere, { method: 'GET', url: '/api/appeals?view=portfolio&major=true' });
  assert.equal(elsewhere.json().total, 0);
});
