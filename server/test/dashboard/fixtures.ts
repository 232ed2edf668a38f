// A small province for the dashboard and report tests: appeals over September–November 2025 in two
// units and a city bureau — evaluated, reopened, answered on the spot, major, overdue.
import assert from 'node:assert/strict';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { call, createAppeal, ok, type World } from '../appeals/helpers.ts';

const real = appealClock.now;
export const resetClock = () => {
  appealClock.now = real;
};
/** Sets the appeals' clock (and returns the instant). */
export const at = (s: string) => {
  appealClock.now = () => new Date(s);
  return new Date(s);
};

/** Appeals over three months in two units and the city; some evaluated, one reopened, some overdue. */
export async function scenario(w: World) {
  at('2025-09-15T10:00:00+08:00');
  const sep = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, sep.id, 'accept');
  await ok(w, w.users.leadStaff, sep.id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
  at('2025-10-09T09:00:00+08:00');
  await ok(w, w.users.leadStaff, sep.id, 'opinion', { text: '意见' });
  await ok(w, w.users.leadStaff, sep.id, 'result', { kind: 'solved', text: '解决' });
  await ok(w, w.users.leadStaff, sep.id, 'reply', { text: '答复' });
  at('2025-10-10T09:00:00+08:00');
  await ok(w, w.users.intake, sep.id, 'evaluate', { rating: 'dissatisfied' });
  at('2025-10-20T09:00:00+08:00');
  await ok(w, w.users.leadStaff, sep.id, 'contact', { method: 'phone', withWhom: '王', note: '重办联系' });
  await ok(w, w.users.leadStaff, sep.id, 'opinion', { text: '重办意见' });
  await ok(w, w.users.leadStaff, sep.id, 'result', { kind: 'service_confirmed', text: '服务确认' });
  await ok(w, w.users.leadStaff, sep.id, 'reply', { text: '再次答复' });
  at('2025-11-03T09:00:00+08:00');
  await ok(w, w.users.intake, sep.id, 'evaluate', { rating: 'basically_satisfied' });

  at('2025-10-14T16:00:00+08:00');
  const oct = await createAppeal(w, { dispatch: { leadUnitId: w.other.id }, isMajor: true });
  await createAppeal(w, { answerOnSpot: '当场答复' });
  at('2025-11-03T10:00:00+08:00');
  const late = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, late.id, 'accept');
  at('2025-11-03T14:00:00+08:00');
  await ok(w, w.users.leadStaff, late.id, 'contact', { method: 'on_site', withWhom: '李', note: '上门' });
  // A city bureau's own appeals (R8.1: the province sees their count, never them).
  const cityAppeal = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '青岛某化工有限公司',
      contactName: '赵',
      contactPhone: '13900139000',
      channel: 'hotline',
      category: 'licensing',
      title: '市局受理的诉求',
      content: '市局受理的诉求内容。',
    },
  });
  assert.equal(cityAppeal.statusCode, 201, cityAppeal.body);
  return { sep, oct, late, cityAppealId: cityAppeal.json().id as string };
}
