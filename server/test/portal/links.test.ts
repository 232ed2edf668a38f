// Evaluation without logging in (issue 7): the signed single-use link sent with every reply.
// Issued on reply (sha256 stored; the token only in the SMS outbox and the enterprise's in-app
// notice; expiry = evaluationLinkWorkdays working days, R8.1); a GET records nothing; a POST records
// the evaluation once through the appeals service (R3.2: 不满意 reopens); reused, expired,
// superseded and forged tokens are refused with distinct codes and change nothing.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { redactLinkToken } from '../../src/app.ts';
import { queryRows } from '../../src/db/client.ts';
import { sha256 } from '../../src/lib/crypto.ts';
import { tenantEnv } from '../../src/modules/appeals/index.ts';
import { issueEvaluationLinks, linkExpiry } from '../../src/modules/portal/portal.links.issue.ts';
import * as links from '../../src/modules/portal/portal.links.ts';
import { testApp } from '../helpers/app.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { appealIn, call, current, ok, world, type World } from '../appeals/helpers.ts';

const publicUrl = async () => (await testApp()).config.publicUrl;

async function issue(w: World) {
  return issueEvaluationLinks(w.db, { publicUrl: await publicUrl(), tenantIds: [w.province.id] });
}

type LinkDb = {
  id: string;
  cycle: number;
  token_hash: string;
  expires_at: Date | string | null;
  used_at: unknown;
  revoked_at: unknown;
  created_at: Date | string;
};
const linksOf = (w: World, appealId: string) =>
  queryRows<LinkDb>(
    w.db,
    sql`SELECT id, cycle, token_hash, expires_at, used_at, revoked_at, created_at FROM evaluation_links WHERE appeal_id = ${appealId} ORDER BY cycle`,
  );
const smsOf = (w: World, appealId: string) =>
  queryRows<{ to_phone: string; body: string; status: string; kind: string }>(
    w.db,
    sql`SELECT to_phone, body, status, kind FROM sms_outbox WHERE appeal_id = ${appealId} ORDER BY created_at`,
  );

/** The token in the latest SMS of the appeal (the only place it exists besides the in-app notice). */
async function tokenFromSms(w: World, appealId: string) {
  const sms = await smsOf(w, appealId);
  const m = /\/e\/([A-Za-z0-9_-]{43})/.exec(sms.at(-1)?.body ?? '');
  assert.ok(m, `no link in ${JSON.stringify(sms)}`);
  return m[1];
}

async function repliedWithLink(w: World, over: Record<string, unknown> = {}) {
  const id = await appealIn(w, 'replied', over);
  await issue(w);
  return { id, token: await tokenFromSms(w, id) };
}

const get = (w: World, token: string) => call(w.app, null, { method: 'GET', url: `/api/public/evaluations/${token}` });
const post = (w: World, token: string, payload: Record<string, unknown>) =>
  call(w.app, null, { method: 'POST', url: `/api/public/evaluations/${token}`, payload });

/** Everything a GET or a refused POST must leave untouched. */
async function snapshot(w: World, appealId: string) {
  const a = await current(w, appealId);
  const [ev] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_events WHERE appeal_id = ${appealId}`);
  return {
    state: a.state,
    version: a.version,
    evaluation: a.evaluation,
    events: ev.n,
    audit: (await auditRows(w.db, w.province.id)).length,
    links: JSON.stringify(await linksOf(w, appealId)),
  };
}

test('issue 7: the reply issues a signed link — sha256 stored, SMS with the absolute link in the outbox, in-app notice to the portal account, expiry in working days (R8.1 evaluationLinkWorkdays)', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const id = await appealIn(w, 'replied', { enterpriseId: e.id });
  assert.equal((await linksOf(w, id)).length, 0);

  const r = await issue(w);
  assert.equal(r.issued, 1);
  assert.equal((await issue(w)).issued, 0, 'idempotent: one link per reply');

  const [sms] = await smsOf(w, id);
  assert.equal(sms.to_phone, '13800138000');
  assert.equal(sms.status, 'pending');
  assert.equal(sms.kind, 'evaluation_link');
  const number = (await current(w, id)).number;
  assert.ok(sms.body.includes(number) && sms.body.includes('已答复') && sms.body.includes('仅可使用一次'), sms.body);
  const token = await tokenFromSms(w, id);
  assert.ok(sms.body.includes(`${await publicUrl()}/e/${token}`), 'absolute link from PUBLIC_URL');
  assert.equal(Buffer.from(token, 'base64url').length, 32, '256-bit token');

  const [link] = await linksOf(w, id);
  assert.equal(link.token_hash, sha256(token));
  assert.equal(link.cycle, 0);
  assert.equal(JSON.stringify(link).includes(token), false, 'the token itself is not stored');
  const env = await tenantEnv(w.db, w.province.id);
  const created = new Date(link.created_at);
  assert.equal(new Date(link.expires_at!).getTime(), linkExpiry(created, 10, env.calendar)!.dueAt.getTime(), '10 working days by default');

  const notes = await call(w.app, ent, { method: 'GET', url: '/api/notifications' });
  assert.equal(notes.statusCode, 200, notes.body);
  const note = notes.json().items.find((n: { type: string; appealId: string }) => n.type === 'evaluation_link' && n.appealId === id);
  assert.ok(note, 'in-app notice to the enterprise account');
  assert.ok(note.body.includes(`/e/${token}`));
  assert.ok(
    (await auditRows(w.db, w.province.id)).some((a) => a.action === 'evaluation_link.issue' && a.entity_id === id && !JSON.stringify(a).includes(token)),
  );

  // R8.1: the tenant adjusts the validity like the other settings.
  const sys = await createUser(w.db, w.province.id, { roles: ['sysadmin'], scope: 'tenant' });
  const s0 = (await call(w.app, sys, { method: 'GET', url: '/api/tenant-settings' })).json();
  assert.equal(s0.settings.evaluationLinkWorkdays, 10);
  const bad = await call(w.app, sys, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: s0.version, overrides: { evaluationLinkWorkdays: 0 } },
  });
  assert.equal(bad.statusCode, 400, bad.body);
  const put = await call(w.app, sys, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: s0.version, overrides: { evaluationLinkWorkdays: 3 } },
  });
  assert.equal(put.statusCode, 200, put.body);
  const id2 = await appealIn(w, 'replied');
  await issue(w);
  const [link2] = await linksOf(w, id2);
  const env2 = await tenantEnv(w.db, w.province.id);
  assert.equal(new Date(link2.expires_at!).getTime(), linkExpiry(new Date(link2.created_at), 3, env2.calendar)!.dueAt.getTime());
  assert.ok((await smsOf(w, id2))[0].body.includes('前有效'));
  // A year whose holiday notice is not loaded: no guessed expiry (filled in once the year is loaded).
  assert.equal(linkExpiry(new Date('2099-06-01T00:00:00+08:00'), 3, env2.calendar), null);
});

test('issue 7: a GET shows the reply and records nothing (no audit, no used_at, no evaluation); never contact fields or internal texts', async () => {
  const w = await world();
  const { id, token } = await repliedWithLink(w, { isConfidential: true });
  const before = await snapshot(w, id);
  const res = await get(w, token);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.state, 'valid');
  assert.equal(body.replyText, '您的许可证延期申请已受理，请按通知补充材料。');
  assert.equal(body.number, (await current(w, id)).number);
  assert.ok(body.repliedAt && body.expiresAt);
  assert.equal(res.headers['cache-control'], 'no-store');
  for (const hidden of ['王建国', '13800138000', '初步意见', '已指导企业提交延期材料', '矿山部分无异议'])
    assert.equal(res.body.includes(hidden), false, hidden);
  await call(w.app, null, { method: 'HEAD', url: `/api/public/evaluations/${token}` });
  await get(w, token);
  assert.deepEqual(await snapshot(w, id), before, 'GET and HEAD changed nothing');
});

test('issue 7: POST records the evaluation once (source link, no account); reuse → EVALUATION_LINK_USED and no change', async () => {
  const w = await world();
  const { id, token } = await repliedWithLink(w);
  const res = await post(w, token, { rating: 'satisfied', comment: '<b>办理及时</b>' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'used');
  assert.equal(res.json().reopened, false);

  const a = await current(w, id);
  assert.equal(a.state, 'closed');
  assert.equal(a.evaluation, 'satisfied');
  assert.equal(a.evaluationComment, '<b>办理及时</b>');
  const evals = a.events.filter((e: { type: string }) => e.type === 'evaluate');
  assert.equal(evals.length, 1);
  assert.equal(evals[0].payload.source, 'link');
  assert.equal(evals[0].actorId, null);
  const [link] = await linksOf(w, id);
  assert.ok(link.used_at);
  const actions = (await auditRows(w.db, w.province.id)).map((x) => x.action);
  assert.ok(actions.includes('appeal.evaluate') && actions.includes('evaluation_link.use'));

  const before = await snapshot(w, id);
  const again = await post(w, token, { rating: 'dissatisfied', comment: '再评一次' });
  assert.equal(again.statusCode, 409, again.body);
  assert.equal(again.json().error.code, 'EVALUATION_LINK_USED');
  const shown = await get(w, token);
  assert.equal(shown.json().state, 'used');
  assert.equal(shown.json().replyText, null);
  assert.ok(shown.json().usedAt);
  assert.deepEqual(await snapshot(w, id), before);
});

test('issue 7: expired → EVALUATION_LINK_EXPIRED; forged or unknown → EVALUATION_LINK_INVALID; bad input → 400 per field; nothing changes', async () => {
  const w = await world();
  const { id, token } = await repliedWithLink(w);

  const badRating = await post(w, token, { rating: 'great' });
  assert.equal(badRating.statusCode, 400);
  assert.ok(badRating.json().error.fields.rating);
  assert.equal((await post(w, token, { rating: 'satisfied', extra: 1 })).statusCode, 400);
  const long = await post(w, token, { rating: 'satisfied', comment: '长'.repeat(1001) });
  assert.equal(long.statusCode, 400);
  assert.ok(long.json().error.fields.comment);

  const forged = [
    crypto.randomBytes(32).toString('base64url'),
    'abc',
    token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
    encodeURIComponent('<script>alert(1)</script>'),
  ];
  for (const f of forged) {
    const g = await get(w, f);
    assert.equal(g.statusCode, 404, f);
    assert.equal(g.json().error.code, 'EVALUATION_LINK_INVALID');
    const p = await post(w, f, { rating: 'satisfied' });
    assert.equal(p.statusCode, 404, f);
    assert.equal(p.json().error.code, 'EVALUATION_LINK_INVALID');
  }

  await w.db.execute(sql`UPDATE evaluation_links SET expires_at = now() - interval '1 minute' WHERE appeal_id = ${id}`);
  const before = await snapshot(w, id);
  assert.equal((await get(w, token)).json().state, 'expired');
  const p = await post(w, token, { rating: 'satisfied' });
  assert.equal(p.statusCode, 410, p.body);
  assert.equal(p.json().error.code, 'EVALUATION_LINK_EXPIRED');
  assert.deepEqual(await snapshot(w, id), before);
  assert.equal(before.state, 'replied');
});

test('issue 7 / R3.2: 不满意 through the link reopens (重办); a reopen elsewhere leaves the link not awaiting; the new reply issues a new link and supersedes the old one', async () => {
  const w = await world();
  const { id, token } = await repliedWithLink(w);
  const res = await post(w, token, { rating: 'dissatisfied', comment: '材料清单仍不清楚' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().reopened, true);
  const a = await current(w, id);
  assert.equal(a.state, 'handling');
  assert.equal(a.reopenCount, 1);

  // Another appeal: reopened by intake's callback, so its link was never used.
  const b = await repliedWithLink(w);
  await ok(w, w.users.intake, b.id, 'evaluate', { rating: 'dissatisfied', comment: '回访：企业不满意' });
  assert.equal((await get(w, b.token)).json().state, 'not_awaiting');
  const na = await post(w, b.token, { rating: 'satisfied' });
  assert.equal(na.statusCode, 409);
  assert.equal(na.json().error.code, 'EVALUATION_NOT_AWAITING');

  // Handled again and replied again: a new link (cycle 1), the old one revoked.
  await ok(w, w.users.leadStaff, b.id, 'contact', { method: 'phone', withWhom: '王建国', note: '再次联系' });
  await ok(w, w.users.leadStaff, b.id, 'opinion', { text: '重新核实' });
  await ok(w, w.users.leadStaff, b.id, 'result', { kind: 'solved', text: '已重新办理' });
  await ok(w, w.users.leadStaff, b.id, 'reply', { text: '已按您的意见重新办理。' });
  assert.equal((await get(w, b.token)).json().state, 'superseded', 'before the new link is issued');
  const r = await issue(w);
  assert.equal(r.issued, 1);
  assert.equal(r.revoked, 1);
  const rows = await linksOf(w, b.id);
  assert.deepEqual(
    rows.map((l) => [l.cycle, Boolean(l.revoked_at)]),
    [
      [0, true],
      [1, false],
    ],
  );
  assert.equal((await smsOf(w, b.id)).length, 2);
  const fresh = await tokenFromSms(w, b.id);
  assert.notEqual(fresh, b.token);
  const old = await post(w, b.token, { rating: 'satisfied' });
  assert.equal(old.statusCode, 410);
  assert.equal(old.json().error.code, 'EVALUATION_LINK_SUPERSEDED');
  const view = (await get(w, fresh)).json();
  assert.equal(view.state, 'valid');
  assert.equal(view.replyText, '已按您的意见重新办理。');
  assert.equal((await post(w, fresh, { rating: 'basically_satisfied' })).statusCode, 200);
  assert.equal((await current(w, b.id)).state, 'closed');
});

test('issue 7: two simultaneous POSTs of one link — exactly one wins, one evaluation recorded', async () => {
  const w = await world();
  const { id, token } = await repliedWithLink(w);
  const results = await Promise.all([post(w, token, { rating: 'satisfied' }), post(w, token, { rating: 'dissatisfied', comment: '并发' })]);
  const codes = results.map((r) => r.statusCode).sort();
  assert.deepEqual(codes, [200, 409], results.map((r) => r.body).join('\n'));
  const loser = results.find((r) => r.statusCode === 409)!;
  assert.equal(loser.json().error.code, 'EVALUATION_LINK_USED');
  const winner = results.find((r) => r.statusCode === 200)!.json();
  const a = await current(w, id);
  assert.equal(a.events.filter((e: { type: string }) => e.type === 'evaluate').length, 1);
  assert.equal(a.state, winner.rating === 'dissatisfied' ? 'handling' : 'closed');
  assert.equal((await auditRows(w.db, w.province.id)).filter((x) => x.action === 'evaluation_link.use').length, 1);
});

test('issue 7: per-IP rate limit on the public link endpoints (the PostgreSQL-stored counter of the login)', async () => {
  const w = await world();
  const { token } = await repliedWithLink(w);
  const ctx = { db: w.db, actor: null, ip: `198.51.100.${crypto.randomInt(1, 254)}-${crypto.randomUUID()}`, requestId: 'test' };
  await links.view(ctx, token, { ratePerMinute: 2 });
  await links.view(ctx, token, { ratePerMinute: 2 });
  await assert.rejects(
    links.view(ctx, token, { ratePerMinute: 2 }),
    (err: { code?: string; message?: string }) => err.code === 'RATE_LIMITED' && /频繁/.test(err.message ?? ''),
  );
  await assert.rejects(links.submit(ctx, token, { rating: 'satisfied' }, { ratePerMinute: 2 }), (err: { code?: string }) => err.code === 'RATE_LIMITED');
});

test('issue 7: the link token never reaches the request log', () => {
  const t = crypto.randomBytes(32).toString('base64url');
  assert.equal(redactLinkToken(`/e/${t}`), '/e/[redacted]');
  assert.equal(redactLinkToken(`/api/public/evaluations/${t}?a=1`), '/api/public/evaluations/[redacted]?a=1');
  assert.equal(redactLinkToken('/api/portal/appeals'), '/api/portal/appeals');
});

test('issue 17: the 请评价 notice marks itself read for every account of the enterprise once the appeal is evaluated — through the link or in the portal', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const a1 = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const a2 = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const byLink = await repliedWithLink(w, { enterpriseId: e.id });
  const inPortal = await repliedWithLink(w, { enterpriseId: e.id });
  const untouched = await repliedWithLink(w, { enterpriseId: e.id });
  const read = async (u: typeof a1, appealId: string) => {
    const r = await call(w.app, u, { method: 'GET', url: '/api/notifications' });
    assert.equal(r.statusCode, 200, r.body);
    const n = r.json().items.find((x: { type: string; appealId: string }) => x.type === 'evaluation_link' && x.appealId === appealId);
    assert.ok(n, 'the notice exists');
    return (n as { read: boolean }).read;
  };
  assert.equal(await read(a1, byLink.id), false);
  assert.equal(await read(a2, byLink.id), false);

  const viaLink = await post(w, byLink.token, { rating: 'satisfied' });
  assert.equal(viaLink.statusCode, 200, viaLink.body);
  assert.equal(await read(a1, byLink.id), true);
  assert.equal(await read(a2, byLink.id), true);

  const version = (await current(w, inPortal.id)).version;
  const viaPortal = await call(w.app, a1, {
    method: 'POST',
    url: `/api/portal/appeals/${inPortal.id}/evaluate`,
    payload: { version, rating: 'basically_satisfied' },
  });
  assert.equal(viaPortal.statusCode, 200, viaPortal.body);
  assert.equal(await read(a1, inPortal.id), true);
  assert.equal(await read(a2, inPortal.id), true, 'read for the account that did not evaluate too');

  assert.equal(await read(a1, untouched.id), false, 'another appeal’s notice stays unread');
});
