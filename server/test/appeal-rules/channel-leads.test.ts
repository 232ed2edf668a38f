// R3.4 lead units per channel: the per-tenant table (sysadmin / coordinator), applied at intake (即转)
// and at the first dispatch from the queue; another unit only with a reason, on the timeline and audited.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { auditRows, createUser } from '../helpers/factory.ts';
import { act, call, createAppeal, current, world } from '../appeals/helpers.ts';

test('R3.4 the channel table is kept by sysadmin and the coordinator, read by intake, refused to a unit', async () => {
  const w = await world();
  const sysadmin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], unitId: null, scope: 'tenant' });
  const put = await call(w.app, sysadmin, {
    method: 'PUT',
    url: '/api/channel-leads',
    payload: { items: [{ channel: 'governor_mailbox', unitId: w.lead.id, note: '省长信箱由该处室主办' }] },
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(
    put.json().items.map((i: { channel: string; channelLabel: string; unitName: string }) => [i.channel, i.channelLabel, i.unitName]),
    [['governor_mailbox', '省长信箱', w.lead.name]],
  );
  const byUnit = await call(w.app, w.users.leadHead, { method: 'PUT', url: '/api/channel-leads', payload: { items: [] } });
  assert.equal(byUnit.statusCode, 403);
  const dup = await call(w.app, w.users.coordinator, {
    method: 'PUT',
    url: '/api/channel-leads',
    payload: {
      items: [
        { channel: 'instant_response', unitId: w.lead.id },
        { channel: 'instant_response', unitId: w.co.id },
      ],
    },
  });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.json().error.fields['items.1.channel'], /只能指定一个/);
  const read = await call(w.app, w.users.intake, { method: 'GET', url: '/api/channel-leads' });
  assert.equal(read.json().total, 1);
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.action === 'channel_leads.replace');
  assert.equal(audits.length, 1);
  // Another tenant's table is its own.
  const cityRead = await call(w.app, w.cityIntake, { method: 'GET', url: '/api/channel-leads' });
  assert.equal(cityRead.json().total, 0);
});

test('R3.4 at intake: dispatch to the channel lead unit as is; another unit needs a reason, on the timeline and in the audit', async () => {
  const w = await world();
  await call(w.app, w.users.coordinator, {
    method: 'PUT',
    url: '/api/channel-leads',
    payload: { items: [{ channel: 'governor_mailbox', unitId: w.lead.id }] },
  });

  const same = await createAppeal(w, { channel: 'governor_mailbox', dispatch: { leadUnitId: w.lead.id } });
  assert.equal(same.state, 'dispatched');
  const ev = same.events.find((e: { type: string }) => e.type === 'dispatch');
  assert.deepEqual(ev.payload.channelLead, { unitId: w.lead.id, unitName: w.lead.name, overridden: false });

  const refused = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '鲁华化工有限公司',
      contactName: '王建国',
      contactPhone: '13800138000',
      channel: 'governor_mailbox',
      category: 'licensing',
      title: '省长信箱来信',
      content: '内容',
      dispatch: { leadUnitId: w.co.id },
    },
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.fields.leadOverrideReason, /省长信箱.*主办，改派其他处室须说明原因/);

  const other = await createAppeal(w, { channel: 'governor_mailbox', dispatch: { leadUnitId: w.co.id }, leadOverrideReason: '涉及矿山安全，由矿山处室主办' });
  const oev = other.events.find((e: { type: string }) => e.type === 'dispatch');
  assert.equal(oev.payload.channelLead.overridden, true);
  assert.match(oev.payload.reason, /未按渠道主办处室.*涉及矿山安全/);
  const audit = (await auditRows(w.db, w.province.id)).find((r) => r.entity_id === other.id && r.action === 'appeal.create');
  assert.match(String(audit?.summary), /改派原因：涉及矿山安全/);

  // A channel without a lead unit: no reason asked.
  const free = await createAppeal(w, { channel: 'hotline', dispatch: { leadUnitId: w.co.id } });
  assert.equal(free.state, 'dispatched');

  // The channel's lead unit archived: the rule no longer applies (no reason asked, nothing on the event).
  await w.db.execute(sql`UPDATE units SET archived = true WHERE id = ${w.lead.id}`);
  const afterArchive = await createAppeal(w, { channel: 'governor_mailbox', dispatch: { leadUnitId: w.co.id } });
  assert.equal(afterArchive.state, 'dispatched');
  assert.equal(afterArchive.events.find((e: { type: string }) => e.type === 'dispatch').payload.channelLead, undefined);
});

test('R3.4 from the queue: suggested units put the channel lead first; the first dispatch elsewhere needs a reason', async () => {
  const w = await world();
  await call(w.app, w.users.coordinator, {
    method: 'PUT',
    url: '/api/channel-leads',
    payload: { items: [{ channel: 'instant_response', unitId: w.other.id }] },
  });
  const a = await createAppeal(w, { channel: 'instant_response' });
  const sug = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals/${a.id}/suggested-units` });
  assert.deepEqual(sug.json().items[0], { unitId: w.other.id, unitName: w.other.name, source: 'channel' });
  const refused = await act(w, w.users.intake, a.id, 'dispatch', { leadUnitId: w.lead.id });
  assert.equal(refused.statusCode, 400);
  assert.ok(refused.json().error.fields.leadOverrideReason);
  const done = await act(w, w.users.intake, a.id, 'dispatch', { leadUnitId: w.lead.id, leadOverrideReason: '属许可事项' });
  assert.equal(done.statusCode, 200, done.body);
  const d = await current(w, a.id);
  assert.match(d.events.at(-1).payload.reason, /属许可事项/);
});
