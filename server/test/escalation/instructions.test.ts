// R6.3/leader 批示 (issue 17): a leader writes an instruction on an appeal of their portfolio; the lead
// unit acknowledges (签收) and reports (落实情况). Permissions, 400/409, timeline, audit, notifications.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { appealIn, call, current, ok, world, type World, type TestUser } from '../appeals/helpers.ts';

// A fixed "today": Wednesday 2026-03-04 (Asia/Shanghai), inside the bundled calendar.
const realNow = appealClock.now;
// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('leader instructions (批示)', () => {
  before(() => {
    appealClock.now = () => new Date('2026-03-04T02:00:00Z');
  });
  after(() => {
    appealClock.now = realNow;
  });

  async function issue(
    w: World,
    appealId: string,
    body: Record<string, unknown> = { text: '请抓紧协调，务必在规定时限内答复企业。' },
    as: TestUser = w.users.leader,
  ) {
    return call(w.app, as, { method: 'POST', url: `/api/appeals/${appealId}/instructions`, payload: body });
  }
  async function step(w: World, as: TestUser, id: string, path: 'acknowledge' | 'report', body: Record<string, unknown>) {
    return call(w.app, as, { method: 'POST', url: `/api/instructions/${id}/${path}`, payload: body });
  }
  async function card(w: World, appealId: string, as: TestUser) {
    const res = await call(w.app, as, { method: 'GET', url: `/api/appeals/${appealId}/instructions` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
  async function notices(w: World, key: string) {
    return queryRows<{ type: string; user_id: string | null; unit_id: string | null; title: string }>(
      w.db,
      sql`SELECT type, user_id, unit_id, title FROM notifications WHERE tenant_id = ${w.province.id} AND source_key LIKE ${`instruction:${key}:%`} ORDER BY created_at, id`,
    );
  }

  test('R6.3/leader 批示 issue → acknowledge → report: state walk, timeline events, audit rows and notifications', async () => {
    const w = await world();
    const id = await appealIn(w, 'handling');
    assert.equal((await card(w, id, w.users.leader)).canIssue, true);
    assert.equal((await card(w, id, w.users.leadHead)).canIssue, false, 'a unit head does not write 批示');

    const res = await issue(w, id, { text: '请抓紧协调，务必在规定时限内答复企业。', dueDate: '2026-03-06' });
    assert.equal(res.statusCode, 201, res.body);
    const i = res.json();
    assert.equal(i.state, 'issued');
    assert.equal(i.unitId, w.lead.id);
    assert.equal(i.dueDate, '2026-03-06');
    assert.equal(i.dueAt, '2026-03-06T16:00:00.000Z', '24:00 of the requested day, Asia/Shanghai');
    assert.deepEqual(i.allowedActions, [], 'the leader only writes');
    // The lead unit (its head, or a handler) may acknowledge; the co-handling unit may not.
    assert.deepEqual((await card(w, id, w.users.leadStaff)).items[0].allowedActions, ['acknowledge']);
    assert.deepEqual((await card(w, id, w.users.coHead)).items[0].allowedActions, []);
    // Notified: the lead unit.
    assert.deepEqual(
      (await notices(w, i.id)).map((n) => [n.type, n.unit_id, n.user_id]),
      [['instruction', w.lead.id, null]],
    );

    const ack = await step(w, w.users.leadHead, i.id, 'acknowledge', { version: 1, note: '已安排专人办理，本周内答复。' });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().state, 'acknowledged');
    assert.equal(ack.json().acknowledgeNote, '已安排专人办理，本周内答复。');
    assert.deepEqual(ack.json().allowedActions, ['report']);

    const rep = await step(w, w.users.leadStaff, i.id, 'report', { version: 2, report: '已答复企业，企业表示满意。' });
    assert.equal(rep.statusCode, 200, rep.body);
    assert.equal(rep.json().state, 'reported');
    assert.deepEqual(rep.json().allowedActions, []);
    // The leader reads the report on the card.
    const seen = (await card(w, id, w.users.leader)).items[0];
    assert.equal(seen.report, '已答复企业，企业表示满意。');
    assert.equal(seen.state, 'reported');

    // A reported 批示 cannot be acknowledged again: 409 by the table.
    const again = await step(w, w.users.leadHead, i.id, 'acknowledge', { version: 3 });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'INVALID_TRANSITION');

    const a = await current(w, id);
    assert.deepEqual(
      a.events.filter((e: { type: string }) => e.type.startsWith('instruction_')).map((e: { type: string }) => e.type),
      ['instruction_issue', 'instruction_acknowledge', 'instruction_report'],
    );
    assert.equal(a.state, 'handling', 'the appeal state is unchanged');
    const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === i.id).map((r) => r.action);
    assert.deepEqual(audits, ['instruction.issue', 'instruction.acknowledge', 'instruction.report']);
    // Notified: the leader, on 签收 and on 落实情况.
    const n = await notices(w, i.id);
    assert.deepEqual(
      n.map((x) => [x.unit_id, x.user_id]),
      [
        [w.lead.id, null],
        [null, w.users.leader.id],
        [null, w.users.leader.id],
      ],
    );
  });

  test('R6.3/leader 批示 permission: only a leader who sees the appeal writes; only the lead unit acts; other tenant 404; read-only roles refused', async () => {
    const w = await world();
    const id = await appealIn(w, 'handling');
    // Not leaders: 403 by the route's roles.
    for (const u of [w.users.leadHead, w.users.intake, w.users.oversight, w.users.coordinator]) {
      assert.equal((await issue(w, id, undefined, u)).statusCode, 403, u.roles.join());
    }
    // A leader whose portfolio does not cover the appeal does not see it: 404.
    assert.equal((await issue(w, id, undefined, w.users.leaderElsewhere)).statusCode, 404);
    // Another tenant's leader: 404.
    const cityLeader = await createUser(w.db, w.city.id, { roles: ['leader'], scope: 'tenant', unitId: null });
    assert.equal((await issue(w, id, undefined, cityLeader)).statusCode, 404);

    const i = (await issue(w, id)).json();
    // Oversight, intake, the leader: may not acknowledge (route roles → 403).
    for (const u of [w.users.oversight, w.users.intake, w.users.leader]) {
      assert.equal((await step(w, u, i.id, 'acknowledge', { version: 1 })).statusCode, 403, u.roles.join());
    }
    // The co-handling unit sees the appeal but is not the lead unit: 403 by the table.
    const co = await step(w, w.users.coHead, i.id, 'acknowledge', { version: 1 });
    assert.equal(co.statusCode, 403, co.body);
    assert.match(co.json().error.message, /主办处室/);
    // Another unit does not see it: 404. Another tenant's unit head: 404.
    assert.equal((await step(w, w.users.otherHead, i.id, 'acknowledge', { version: 1 })).statusCode, 404);
    const cityHead = await createUser(w.db, w.city.id, { roles: ['unit_head'], scope: 'unit', unitId: w.cityUnit.id });
    assert.equal((await step(w, cityHead, i.id, 'acknowledge', { version: 1 })).statusCode, 404);
    assert.equal((await call(w.app, cityHead, { method: 'GET', url: `/api/appeals/${id}/instructions` })).statusCode, 404);
    // Report before acknowledging: 409 by the table.
    const early = await step(w, w.users.leadHead, i.id, 'report', { version: 1, report: '已办' });
    assert.equal(early.statusCode, 409, early.body);
    // Nothing changed.
    assert.equal((await card(w, id, w.users.leader)).items[0].state, 'issued');

    // An appeal not yet dispatched has no lead unit; a closed one takes no 批示: 409.
    const closed = await appealIn(w, 'replied');
    await ok(w, w.users.intake, closed, 'evaluate', { rating: 'satisfied' });
    const refused = await issue(w, closed);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'INVALID_TRANSITION');
  });

  test('R6.3/leader 批示 bad input: 400 with Chinese per-field messages, nothing written; stale version → 409 with the current record', async () => {
    const w = await world();
    const id = await appealIn(w, 'handling');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ text: '' }, 'text', /[\u4e00-\u9fa5]/],
      [{ text: 'x'.repeat(1001) }, 'text', /[\u4e00-\u9fa5]/],
      [{ text: '请办理', dueDate: '2026-3-6' }, 'dueDate', /日期格式/],
      [{ text: '请办理', dueDate: '2026-03-03' }, 'dueDate', /不能早于今天/],
      [{ text: '请办理', dueDate: '2026-03-07' }, 'dueDate', /工作日/],
      [{ text: '请办理', dueDate: '2031-03-03' }, 'dueDate', /尚未载入/],
      [{ text: '请办理', extra: 1 }, 'extra', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await issue(w, id, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} ${res.body}`);
      assert.match(res.json().error.fields[field] ?? '', message, res.body);
    }
    assert.equal((await card(w, id, w.users.leader)).items.length, 0, 'nothing written');
    // Today is allowed (a working day).
    assert.equal((await issue(w, id, { text: '今天办结', dueDate: '2026-03-04' })).statusCode, 201);

    const i = (await card(w, id, w.users.leader)).items[0];
    const missing = await step(w, w.users.leadHead, i.id, 'report', { version: 1, report: '' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.json().error.fields.report);
    assert.equal((await step(w, w.users.leadHead, i.id, 'acknowledge', { version: 1 })).statusCode, 200);
    const stale = await step(w, w.users.leadStaff, i.id, 'report', { version: 1, report: '已办结' });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
    assert.equal(stale.json().error.details.current.state, 'acknowledged');
    assert.equal(stale.json().error.details.current.version, 2);
  });

  test('R6.3/leader 批示 lists: the leader sees their own, the unit its own, intake all; home to-do counts 待签收批示', async () => {
    const w = await world();
    const id = await appealIn(w, 'handling');
    const i = (await issue(w, id)).json();
    const list = async (as: TestUser, q = '') => {
      const res = await call(w.app, as, { method: 'GET', url: `/api/escalation/instructions${q}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items.map((x: { id: string }) => x.id);
    };
    assert.deepEqual(await list(w.users.leader), [i.id]);
    assert.deepEqual(await list(w.users.leaderElsewhere), []);
    assert.deepEqual(await list(w.users.leadStaff, '?state=issued'), [i.id]);
    assert.deepEqual(await list(w.users.leadStaff, '?state=acknowledged'), []);
    assert.deepEqual(await list(w.users.coHead), []);
    assert.deepEqual(await list(w.users.intake), [i.id]);
    assert.deepEqual(await list(w.cityIntake), []);
    const bad = await call(w.app, w.users.leader, { method: 'GET', url: '/api/escalation/instructions?state=nope' });
    assert.equal(bad.statusCode, 400);

    const todo = async (as: TestUser) => {
      const res = await call(w.app, as, { method: 'GET', url: '/api/home/todo' });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items.find((x: { key: string }) => x.key === 'instruction')?.count;
    };
    assert.equal(await todo(w.users.leadHead), 1);
    assert.equal(await todo(w.users.coHead), 0);
    assert.equal(await todo(w.users.leader), undefined);
    await step(w, w.users.leadHead, i.id, 'acknowledge', { version: 1 });
    assert.equal(await todo(w.users.leadHead), 0);
  });
});
